import Foundation

/// The model families the simulator knows. Pre-training FLOPs are 6 x
/// parameters x tokens, with token counts of the order the families report;
/// they place each model on the x axis of the scaling plots, nothing more.
public enum SimModelCatalog {
    /// Every model, Qwen1.5 first, smallest first within a family.
    public static let all: [SimulatedModel] = qwen + llama

    static let qwen: [SimulatedModel] = [
        model("Qwen1.5-0.5B", "Qwen1.5", params: 0.62e9, tokens: 2.4e12),
        model("Qwen1.5-1.8B", "Qwen1.5", params: 1.84e9, tokens: 2.4e12),
        model("Qwen1.5-4B", "Qwen1.5", params: 3.95e9, tokens: 2.4e12),
        model("Qwen1.5-7B", "Qwen1.5", params: 7.7e9, tokens: 4e12),
        model("Qwen1.5-14B", "Qwen1.5", params: 14.2e9, tokens: 4e12),
        model("Qwen1.5-32B", "Qwen1.5", params: 32.5e9, tokens: 4e12),
        model("Qwen1.5-72B", "Qwen1.5", params: 72.3e9, tokens: 4e12),
    ]

    static let llama: [SimulatedModel] = [
        model("Llama-2-7B", "Llama-2", params: 6.74e9, tokens: 2e12),
        model("Llama-2-13B", "Llama-2", params: 13.0e9, tokens: 2e12),
        model("Llama-2-70B", "Llama-2", params: 69.0e9, tokens: 2e12),
    ]

    private static func model(_ name: String, _ family: String, params: Double, tokens: Double) -> SimulatedModel {
        let flops = 6 * params * tokens
        // Three significant digits, so the header reads like a hand-written one.
        let exponent = Int(floor(log10(flops))) - 2
        let mantissa = Int((flops / pow(10, Double(exponent))).rounded())
        return SimulatedModel(name: name, family: family, params: params, pretrainFlops: Double("\(mantissa)e\(exponent)")!)
    }

    /// A model by name (case-insensitive), or by size alone within Qwen1.5 (`7B`).
    public static func named(_ name: String) -> SimulatedModel? {
        let key = name.lowercased()
        return all.first { $0.name.lowercased() == key }
            ?? qwen.first { $0.name.lowercased() == "qwen1.5-" + key }
    }
}

extension SimulatedModel {
    /// `qwen1.5-7b`, for run ids.
    var slug: String { name.lowercased() }
}
