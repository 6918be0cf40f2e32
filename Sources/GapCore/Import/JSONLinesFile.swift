import Foundation

/// The lines of a JSON Lines file as foreign tools write them: `\n` or
/// `\r\n` ends, blank lines, a byte-order mark, the odd malformed line.
struct JSONLinesFile {
    /// One non-blank line, numbered from 1 as editors count.
    struct Line {
        var number: Int
        var bytes: ArraySlice<UInt8>
    }

    let lines: [Line]

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError("cannot read \(path)")
        }
        self.init(bytes: [UInt8](data))
    }

    init(bytes: [UInt8]) {
        var lines: [Line] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 1
        func take(_ end: Int) {
            var stop = end
            if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
            let slice = bytes[start..<stop]
            if slice.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                lines.append(Line(number: number, bytes: slice))
            }
        }
        for index in start..<bytes.count where bytes[index] == 0x0A {
            take(index)
            start = index + 1
            number += 1
        }
        if start < bytes.count { take(bytes.count) }
        self.lines = lines
    }
}

extension JSONLinesFile.Line {
    /// The line as an object; Python's bare `NaN` and `Infinity` are accepted
    /// because evaluation tools write them through `json.dumps`.
    func object() -> Result<JSONValue, ImportLineError> {
        let value: JSONValue
        do {
            value = try JSONValue.parse(Array(bytes), allowNonFinite: true)
        } catch {
            return .failure(ImportLineError(message: "not valid JSON (\(error.description))"))
        }
        guard case .object = value else { return .failure(ImportLineError(message: "not a JSON object")) }
        return .success(value)
    }
}

extension JSONLinesFile.Line {
    /// The line as an object, or nil after telling `problems` why it is skipped.
    func object(at location: String, problems: inout ProblemLog) -> JSONValue? {
        switch object() {
        case let .success(value):
            return value
        case let .failure(error):
            problems.add(location, "\(error.message); line skipped", kind: "line is not a JSON object")
            return nil
        }
    }
}

/// Why one line of a foreign log was skipped.
struct ImportLineError: Error {
    var message: String
}
