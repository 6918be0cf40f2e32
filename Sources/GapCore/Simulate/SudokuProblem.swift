/// A 4x4 Sudoku. Checking a filled grid is mechanical, yet models verify it
/// poorly unless they are large; wrong grids swap two digits of a row (the
/// row still looks right) or put a digit twice in a row.
struct SudokuProblem: SimProblem {
    typealias Grid = [[Int]]

    let solution: Grid
    /// Cells shown as dots in the prompt, in reading order.
    let blanks: [(row: Int, col: Int)]
    let wrongGrids: [Grid]
    let text: String
    let reference: String
    let wrongAnswers: [String]
    var wrongPrior: [Double] { wrongGrids.map { _ in 1 } }

    static func make(rng: inout SimRNG) -> SudokuProblem {
        var grid: Grid = [[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3], [4, 3, 2, 1]]
        // Shuffle within the symmetries of Sudoku: relabel digits, swap rows
        // inside a band and bands, the same for columns, and transpose.
        var digits = [1, 2, 3, 4]
        for i in stride(from: 3, to: 0, by: -1) { digits.swapAt(i, rng.int(in: 0...i)) }
        grid = grid.map { $0.map { digits[$0 - 1] } }
        for _ in 0..<2 {
            if rng.chance(0.5) { grid.swapAt(0, 1) }
            if rng.chance(0.5) { grid.swapAt(2, 3) }
            if rng.chance(0.5) { grid = [grid[2], grid[3], grid[0], grid[1]] }
            grid = (0..<4).map { c in (0..<4).map { r in grid[r][c] } }
        }
        var cells = (0..<16).map { ($0 / 4, $0 % 4) }
        for i in stride(from: 15, to: 0, by: -1) { cells.swapAt(i, rng.int(in: 0...i)) }
        let blanks = cells.prefix(rng.int(in: 6...10)).sorted { $0.0 * 4 + $0.1 < $1.0 * 4 + $1.1 }.map { (row: $0.0, col: $0.1) }
        return SudokuProblem(solution: grid, blanks: blanks, rng: &rng)
    }

    private init(solution: Grid, blanks: [(row: Int, col: Int)], rng: inout SimRNG) {
        self.solution = solution
        self.blanks = blanks
        reference = Self.encode(solution)
        var prompt = "Solve this 4x4 Sudoku. Every row, column and 2x2 box must contain the digits 1 to 4 exactly once. Empty cells are shown as dots.\n\n"
        for r in 0..<4 {
            if r == 2 { prompt += "----+----\n" }
            for c in 0..<4 {
                if c == 2 { prompt += " |" }
                if c > 0 { prompt += " " }
                prompt += blanks.contains { $0 == (r, c) } ? "." : String(solution[r][c])
            }
            prompt += "\n"
        }
        text = prompt + "\nGive the completed grid as four rows of digits separated by slashes."
        var grids: [Grid] = []
        var seen: Set<String> = [reference]
        for _ in 0..<12 where grids.count < 5 {
            var g = solution
            let (r, c) = blanks[rng.index(blanks.count)]
            let rowBlanks = blanks.filter { $0.row == r && $0.col != c }
            if let other = rowBlanks.isEmpty ? nil : rowBlanks[rng.index(rowBlanks.count)], rng.chance(0.6) {
                g[r].swapAt(c, other.col)
            } else {
                g[r][c] = (solution[r][c] + rng.int(in: 0...2)) % 4 + 1
            }
            if seen.insert(Self.encode(g)).inserted { grids.append(g) }
        }
        wrongGrids = grids
        wrongAnswers = grids.map(Self.encode)
    }

    static func encode(_ g: Grid) -> String {
        g.map { $0.map(String.init).joined() }.joined(separator: "/")
    }

    func partialCredit(_ wrong: Int) -> Double { 0 }

    private func grid(_ outcome: SampleOutcome) -> Grid {
        if case let .wrong(i) = outcome { return wrongGrids[i] }
        return solution
    }

    private func writeDigits(_ digits: [Int], into out: inout JSONLineBuffer) {
        for (i, d) in digits.sorted().enumerated() {
            if i > 0 { out.raw(i == digits.count - 1 ? " and " : ", ") }
            out.int(d)
        }
        if digits.isEmpty { out.raw("nothing yet") }
    }

    func writeResponse(_ outcome: SampleOutcome, verbose: Bool, rng: inout SimRNG, into out: inout JSONLineBuffer) {
        let answer = grid(outcome)
        var current = solution
        for b in blanks { current[b.row][b.col] = 0 }
        if verbose { out.raw("The rules: every row, every column and every 2x2 box holds 1, 2, 3 and 4 exactly once. ") }
        out.raw(rng.chance(0.5) ? "Let's fill the empty cells one at a time.\n" : "I'll go through the empty cells in reading order.\n")
        for (i, b) in blanks.enumerated() {
            out.raw("r"); out.int(b.row + 1); out.raw("c"); out.int(b.col + 1); out.raw(": row "); out.int(b.row + 1)
            out.raw(" has "); writeDigits(current[b.row].filter { $0 > 0 }, into: &out)
            if outcome == .truncated && i == 1 { return }
            out.raw(", column "); out.int(b.col + 1); out.raw(" has ")
            writeDigits((0..<4).map { current[$0][b.col] }.filter { $0 > 0 }, into: &out)
            out.raw(", so it is "); out.int(answer[b.row][b.col]); out.raw(".\n")
            current[b.row][b.col] = answer[b.row][b.col]
        }
        out.raw("Completed grid:\n")
        for row in answer {
            for (c, d) in row.enumerated() { if c > 0 { out.raw(" ") }; out.int(d) }
            out.byte(0x0A)
        }
        out.raw("The answer is "); out.raw(Self.encode(answer)); out.raw(".")
    }

    /// A column or row of `g` that holds a digit twice: (is column, index, digit, first, second).
    private func violation(_ g: Grid) -> (Bool, Int, Int, Int, Int)? {
        for c in 0..<4 {
            for r1 in 0..<4 { for r2 in (r1 + 1)..<4 where g[r1][c] == g[r2][c] { return (true, c, g[r1][c], r1, r2) } }
        }
        for r in 0..<4 {
            for c1 in 0..<4 { for c2 in (c1 + 1)..<4 where g[r][c1] == g[r][c2] { return (false, r, g[r][c1], c1, c2) } }
        }
        return nil
    }

    func writeCheck(_ outcome: SampleOutcome, judgement: Judgement, verbose: Bool, rng: inout SimRNG, into out: inout JSONLineBuffer) {
        if outcome == .truncated {
            out.raw(judgement == .approves ? "The cells filled so far are consistent, but the grid is unfinished." : "The response never gives a completed grid.")
            return
        }
        switch judgement {
        case .approves, .garbled:
            out.raw("Checking rows: each row has 1, 2, 3 and 4. Checking columns: each column has 1, 2, 3 and 4.")
            if !verbose { out.raw(" Checking boxes: each box has 1, 2, 3 and 4. The given digits are kept.") }
        case .unsure:
            out.raw("The rows look right, but I did not manage to check every column.")
        case .findsFault:
            if let (isColumn, index, digit, first, second) = violation(grid(outcome)) {
                out.raw(isColumn ? "Column " : "Row "); out.int(index + 1); out.raw(" has "); out.int(digit)
                out.raw(isColumn ? " twice (rows " : " twice (columns "); out.int(first + 1); out.raw(" and "); out.int(second + 1)
                out.raw("), so the grid is invalid.")
            } else {
                let r = rng.index(4)
                out.raw("Row "); out.int(r + 1); out.raw(" seems to have "); out.int(solution[r][rng.index(4)]); out.raw(" twice, so the grid is invalid.")
            }
        }
    }
}
