/// The four operations of grade-school word problems.
enum ArithOp: Sendable {
    case add, sub, mul, div

    /// nil when a division is not exact (the templates keep every result whole).
    func apply(_ a: Int, _ b: Int) -> Int? {
        switch self {
        case .add: return a + b
        case .sub: return a - b
        case .mul: return a * b
        case .div: return b != 0 && a % b == 0 ? a / b : nil
        }
    }

    /// The operation a model confuses this one with.
    var confusedWith: ArithOp {
        switch self {
        case .add: return .sub
        case .sub: return .add
        case .mul: return .add
        case .div: return .mul
        }
    }

    var verb: String {
        switch self {
        case .add: return "an addition"
        case .sub: return "a subtraction"
        case .mul: return "a multiplication"
        case .div: return "a division"
        }
    }
}

enum Operand: Sendable {
    case given(Int)
    case step(Int)
    case constant(Int)
}

struct ArithmeticStep: Sendable {
    let op: ArithOp
    let a: Operand
    let b: Operand
    /// Slots `a`, `op`, `b`, `r`.
    let sentence: TextTemplate

    init(_ op: ArithOp, _ a: Operand, _ b: Operand, _ sentence: String) {
        self.op = op
        self.a = a
        self.b = b
        self.sentence = TextTemplate(sentence, slots: ["a", "op", "b", "r"])
    }
}

/// A family of word problems: the text with numbered slots for the given
/// numbers, the steps of the solution, and how to draw numbers that keep
/// every intermediate result whole and positive.
struct ArithmeticTemplate: Sendable {
    let text: TextTemplate
    /// "how many muffins are left", for restating the question.
    let goal: String
    let steps: [ArithmeticStep]
    let draw: @Sendable (inout SimRNG) -> [Int]?

    init(_ text: String, goal: String, steps: [ArithmeticStep], draw: @escaping @Sendable (inout SimRNG) -> [Int]?) {
        self.text = TextTemplate(text, slots: ["0", "1", "2", "3", "4"])
        self.goal = goal
        self.steps = steps
        self.draw = draw
    }
}

extension ArithmeticTemplate {
    // The problems are written for this simulator in the style of GSM8K; none is copied from it.
    static let all: [ArithmeticTemplate] = [
        ArithmeticTemplate(
            "A bakery bakes {0} trays of muffins with {1} muffins on each tray. It sells {2} muffins in the morning and {3} muffins in the afternoon. How many muffins are left at the end of the day?",
            goal: "how many muffins are left",
            steps: [
                ArithmeticStep(.mul, .given(0), .given(1), "The bakery bakes {a} {op} {b} = {r} muffins in total."),
                ArithmeticStep(.add, .given(2), .given(3), "It sells {a} {op} {b} = {r} muffins during the day."),
                ArithmeticStep(.sub, .step(0), .step(1), "So {a} {op} {b} = {r} muffins are left."),
            ],
            draw: { rng in
                let a = rng.int(in: 3...12), b = rng.int(in: 6...24)
                let c = rng.int(in: 5...(a * b / 2)), d = rng.int(in: 3...(a * b / 3))
                return c + d < a * b ? [a, b, c, d] : nil
            }),
        ArithmeticTemplate(
            "Nadia sold bracelets to {0} of her classmates in April, and then she sold half as many bracelets in May. How many bracelets did Nadia sell altogether in April and May?",
            goal: "how many bracelets Nadia sold in April and May",
            steps: [
                ArithmeticStep(.div, .given(0), .constant(2), "In May she sold {a} {op} {b} = {r} bracelets."),
                ArithmeticStep(.add, .given(0), .step(0), "Altogether she sold {a} {op} {b} = {r} bracelets."),
            ],
            draw: { rng in [2 * rng.int(in: 9...60)] }),
        ArithmeticTemplate(
            "Tom saves ${0} every week for {1} weeks. He spends ${2} on a bike and then half of the money that remains on books. How much money does Tom have left?",
            goal: "how much money Tom has left",
            steps: [
                ArithmeticStep(.mul, .given(0), .given(1), "Tom saves {a} {op} {b} = ${r}."),
                ArithmeticStep(.sub, .step(0), .given(2), "After buying the bike he has {a} {op} {b} = ${r}."),
                ArithmeticStep(.div, .step(1), .constant(2), "He spends {a} {op} {b} = ${r} on books."),
                ArithmeticStep(.sub, .step(1), .step(2), "He has {a} {op} {b} = ${r} left."),
            ],
            draw: { rng in
                let a = rng.int(in: 5...40), b = rng.int(in: 4...20)
                let c = rng.int(in: 10...(a * b - 10))
                return (a * b - c) % 2 == 0 ? [a, b, c] : nil
            }),
        ArithmeticTemplate(
            "A train travels at {0} miles per hour for {1} hours and then at {2} miles per hour for {3} hours. How many miles does the train travel in total?",
            goal: "how many miles the train travels",
            steps: [
                ArithmeticStep(.mul, .given(0), .given(1), "In the first part the train covers {a} {op} {b} = {r} miles."),
                ArithmeticStep(.mul, .given(2), .given(3), "In the second part it covers {a} {op} {b} = {r} miles."),
                ArithmeticStep(.add, .step(0), .step(1), "In total it travels {a} {op} {b} = {r} miles."),
            ],
            draw: { rng in [5 * rng.int(in: 6...18), rng.int(in: 2...6), 5 * rng.int(in: 6...18), rng.int(in: 1...5)] }),
        ArithmeticTemplate(
            "Maria plants {0} rows of tomato plants with {1} plants in each row. Each plant produces {2} tomatoes. She gives {3} tomatoes to her neighbours. How many tomatoes does Maria keep?",
            goal: "how many tomatoes Maria keeps",
            steps: [
                ArithmeticStep(.mul, .given(0), .given(1), "Maria has {a} {op} {b} = {r} plants."),
                ArithmeticStep(.mul, .step(0), .given(2), "They produce {a} {op} {b} = {r} tomatoes."),
                ArithmeticStep(.sub, .step(1), .given(3), "She keeps {a} {op} {b} = {r} tomatoes."),
            ],
            draw: { rng in
                let a = rng.int(in: 3...12), b = rng.int(in: 4...15), c = rng.int(in: 2...9)
                return [a, b, c, rng.int(in: 5...(a * b * c / 2))]
            }),
        ArithmeticTemplate(
            "James orders {0} pizzas that are each cut into {1} slices. He eats {2} slices and shares the rest equally among {3} friends. How many slices does each friend get?",
            goal: "how many slices each friend gets",
            steps: [
                ArithmeticStep(.mul, .given(0), .given(1), "There are {a} {op} {b} = {r} slices."),
                ArithmeticStep(.sub, .step(0), .given(2), "After James eats, {a} {op} {b} = {r} slices remain."),
                ArithmeticStep(.div, .step(1), .given(3), "Each friend gets {a} {op} {b} = {r} slices."),
            ],
            draw: { rng in
                let a = rng.int(in: 2...8), b = 2 * rng.int(in: 3...6), c = rng.int(in: 1...5), d = rng.int(in: 2...6)
                return (a * b - c) % d == 0 ? [a, b, c, d] : nil
            }),
        ArithmeticTemplate(
            "Apples cost ${0} each and pears cost ${1} each. Lena buys {2} apples and {3} pears and pays with a ${4} bill. How much change does she get?",
            goal: "how much change Lena gets",
            steps: [
                ArithmeticStep(.mul, .given(2), .given(0), "The apples cost {a} {op} {b} = ${r}."),
                ArithmeticStep(.mul, .given(3), .given(1), "The pears cost {a} {op} {b} = ${r}."),
                ArithmeticStep(.add, .step(0), .step(1), "Together she spends {a} {op} {b} = ${r}."),
                ArithmeticStep(.sub, .given(4), .step(2), "Her change is {a} {op} {b} = ${r}."),
            ],
            draw: { rng in
                let a = rng.int(in: 1...5), b = rng.int(in: 2...6), c = rng.int(in: 2...12), d = rng.int(in: 2...10)
                let bill = [20, 50, 100].first { $0 > a * c + b * d + 2 }
                return bill.map { [a, b, c, d, $0] }
            }),
        ArithmeticTemplate(
            "Sam reads {0} pages of a book on Monday and twice as many pages on Tuesday. The book has {1} pages. How many pages does Sam still have to read?",
            goal: "how many pages Sam still has to read",
            steps: [
                ArithmeticStep(.mul, .given(0), .constant(2), "On Tuesday Sam reads {a} {op} {b} = {r} pages."),
                ArithmeticStep(.add, .given(0), .step(0), "Over the two days he reads {a} {op} {b} = {r} pages."),
                ArithmeticStep(.sub, .given(1), .step(1), "He still has {a} {op} {b} = {r} pages to read."),
            ],
            draw: { rng in
                let a = rng.int(in: 10...60)
                return [a, 3 * a + rng.int(in: 12...240)]
            }),
        ArithmeticTemplate(
            "A rectangular garden is {0} metres long and {1} metres wide. Fencing costs ${2} per metre. How much does it cost to put a fence around the whole garden?",
            goal: "how much the fence costs",
            steps: [
                ArithmeticStep(.add, .given(0), .given(1), "Length plus width is {a} {op} {b} = {r} metres."),
                ArithmeticStep(.mul, .step(0), .constant(2), "The perimeter is {a} {op} {b} = {r} metres."),
                ArithmeticStep(.mul, .step(1), .given(2), "The fence costs {a} {op} {b} = ${r}."),
            ],
            draw: { rng in [rng.int(in: 5...40), rng.int(in: 3...30), rng.int(in: 2...15)] }),
        ArithmeticTemplate(
            "A farmer's hens lay {0} eggs per day. She eats {1} eggs for breakfast every morning and uses {2} eggs to bake bread. She sells the remaining eggs at the market for ${3} each. How much money does she make every day?",
            goal: "how much money the farmer makes every day",
            steps: [
                ArithmeticStep(.add, .given(1), .given(2), "She uses {a} {op} {b} = {r} eggs herself."),
                ArithmeticStep(.sub, .given(0), .step(0), "She sells {a} {op} {b} = {r} eggs."),
                ArithmeticStep(.mul, .step(1), .given(3), "She makes {a} {op} {b} = ${r} every day."),
            ],
            draw: { rng in [rng.int(in: 12...30), rng.int(in: 2...4), rng.int(in: 2...6), rng.int(in: 2...5)] }),
        ArithmeticTemplate(
            "A school has {0} classrooms. Each classroom has {1} desks, and each desk seats {2} students. On Friday {3} seats are empty. How many students are in class on Friday?",
            goal: "how many students are in class on Friday",
            steps: [
                ArithmeticStep(.mul, .given(0), .given(1), "There are {a} {op} {b} = {r} desks."),
                ArithmeticStep(.mul, .step(0), .given(2), "The desks seat {a} {op} {b} = {r} students."),
                ArithmeticStep(.sub, .step(1), .given(3), "On Friday {a} {op} {b} = {r} students are in class."),
            ],
            draw: { rng in
                let a = rng.int(in: 4...20), b = rng.int(in: 8...16), c = rng.int(in: 1...2)
                return [a, b, c, rng.int(in: 3...(a * b * c / 3))]
            }),
        ArithmeticTemplate(
            "A tank holds {0} litres of water. A pump removes {1} litres per minute for {2} minutes, and then rain adds {3} litres. How many litres are in the tank now?",
            goal: "how many litres are in the tank",
            steps: [
                ArithmeticStep(.mul, .given(1), .given(2), "The pump removes {a} {op} {b} = {r} litres."),
                ArithmeticStep(.sub, .given(0), .step(0), "After pumping there are {a} {op} {b} = {r} litres."),
                ArithmeticStep(.add, .step(1), .given(3), "After the rain there are {a} {op} {b} = {r} litres."),
            ],
            draw: { rng in
                let b = rng.int(in: 3...25), c = rng.int(in: 4...30)
                return [b * c + rng.int(in: 20...500), b, c, rng.int(in: 10...120)]
            }),
    ]
}
