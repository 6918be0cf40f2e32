/// A count with its noun, singular for one: "1 run", "2 runs", "0 samples".
public func counted(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)" + (n == 1 ? "" : "s")
}
