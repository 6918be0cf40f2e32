import Foundation

/// The generative model behind simulated runs, tuned so that the figures
/// computed from the logs reproduce the findings of "Mind the Gap" (Song et
/// al., ICLR 2025).
///
/// - A prompt has a difficulty d; a generator has a skill s that grows with
///   log10 pre-training FLOPs; a sample is correct with probability
///   sigmoid(steepness * (s - d)).
/// - The verifier reads each sample as a latent q = delta * (u - 1/2) + b + e,
///   with a per-prompt bias b and noise e. The discrimination delta grows with
///   the verifier's log10 FLOPs for chain-of-thought methods (so the relative
///   gap grows with size and is at or below zero for the smallest models), is
///   near zero and varies run to run for multiple choice, is near zero for
///   factual QA (the verifier knows no more than the generator), and turns
///   positive only for the largest models on Sudoku.
/// - Distillation moves each prompt's accuracy by part of its realised gap,
///   then sharpens it (logit times a factor > 1): mass concentrates on the
///   model's modal answers, so pass@k at large k and the number of distinct
///   answers fall over rounds. Self-verification loses its edge as the model
///   comes to believe its own modes, which is why delta decays per round and
///   the gap is about zero after two or three rounds.
enum GapModel {
    /// Per family: (skill offset, shift of the verifier's effective log10 FLOPs).
    static func familyOffsets(_ family: String) -> (skill: Double, verify: Double) {
        switch family {
        case "Llama-2": return (-0.6, -0.25)
        default: return (0, 0)
        }
    }

    static func skill(_ model: SimulatedModel, task: SimTask) -> Double {
        let l = model.log10Flops
        let offset = familyOffsets(model.family).skill
        switch task {
        case .gsm8k, .gsm8kPartial: return 1.3 * (l - 23.0) + offset
        case .triviaqa: return 1.1 * (l - 22.9) + offset
        case .sudoku: return 1.6 * (l - 24.6) + offset
        }
    }

    /// How sharply accuracy turns from 0 to 1 around a prompt's difficulty:
    /// a model either knows a fact or not, while arithmetic fails gradually.
    static func steepness(_ task: SimTask) -> Double {
        task == .triviaqa ? 2.5 : 1.0
    }

    static func difficulty(_ task: SimTask, rng: inout SimRNG) -> Double {
        switch task {
        case .gsm8k, .gsm8kPartial: return 1.3 * rng.normal()
        case .triviaqa: return 1.2 * rng.normal()
        case .sudoku: return rng.normal()
        }
    }

    static func initialAccuracy(skill: Double, difficulty: Double, task: SimTask) -> Double {
        clampProbability(sigmoid(steepness(task) * (skill - difficulty)))
    }

    /// The verifier's discrimination in round 0; `runNoise` is a standard
    /// normal draw fixed per run, which makes multiple choice unstable.
    static func discrimination(verifier: SimulatedModel, method: SimVerification, task: SimTask, runNoise: Double) -> Double {
        let l = verifier.log10Flops + familyOffsets(verifier.family).verify
        let delta: Double
        switch task {
        case .triviaqa:
            delta = 0.03 + 0.03 * runNoise
        case .sudoku:
            delta = 1.6 * (l - 23.95) * (method == .mc ? 0.3 : 1)
        case .gsm8k, .gsm8kPartial:
            switch method {
            case .cotScore: delta = 0.42 * (l - 22.3)
            case .cotBinary: delta = 0.55 * (l - 22.4)
            case .tournament: delta = 0.36 * (l - 22.35)
            case .mc: delta = -0.05 + 0.02 * (l - 23.0) + 0.08 * runNoise
            }
        }
        return min(max(delta, -0.6), 3.0)
    }

    /// Per-round decay of delta: a model judging its own distilled outputs
    /// loses its edge fast; an outside verifier keeps most of it.
    static func discriminationDecay(selfVerification: Bool) -> Double {
        selfVerification ? 0.4 : 0.85
    }

    static let promptBiasSD = 0.6
    /// Share of the realised gap a round of distillation turns into accuracy.
    static let learningRate = 0.6
    /// Logit multiplier per round of distillation (diversity loss).
    static let sharpening = 1.2
    /// Exponent applied to the wrong-answer weights per round.
    static let wrongAnswerSharpening = 1.3
    /// Share of responses cut off before an answer (max tokens reached).
    static let truncationRate = 0.015

    /// Chance that a verifier's output carries no parsable score.
    static func unparsableRate(method: SimVerification, verifier: SimulatedModel) -> Double {
        switch method {
        case .mc: return 0
        case .tournament: return 0.01
        case .cotBinary, .cotScore:
            let l = verifier.log10Flops
            return l < 22.5 ? 0.04 : l < 23.5 ? 0.025 : 0.012
        }
    }

    /// The 0-10 score a CoT-Score verifier writes for latent q; verifiers are generous.
    static func scoreOutOfTen(_ q: Double) -> Int {
        min(10, max(0, Int((6.0 + 1.7 * q).rounded())))
    }

    /// CoT-Binary accepts unless the latent is clearly low (also generous).
    static func binaryAccepts(_ q: Double) -> Bool { q > 0.1 }

    /// The MC verifier's probability of "(A) correct", to four decimals.
    static func choiceProbability(_ q: Double) -> Double {
        let p = sigmoid(0.6 + 0.9 * q)
        return min(9999, max(1, (p * 10_000).rounded())) / 10_000
    }

    /// Accuracy for the next round: part of the realised gap, then sharpened.
    static func nextAccuracy(_ p: Double, gap: Double) -> Double {
        let moved = clampProbability(p + learningRate * gap)
        return clampProbability(sigmoid(sharpening * logit(moved)))
    }

    static func clampProbability(_ p: Double) -> Double {
        min(max(p, 0.002), 0.998)
    }
}
