import Foundation

/// Names derived from paths: run ids, file stems, locations in problems.
enum ImportNaming {
    /// A run id that is safe as a directory name: letters, digits, `.`, `_`,
    /// `-`; any other run of characters becomes one `-`.
    static func runID(_ raw: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in raw.unicodeScalars {
            let safe = (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)))
                || scalar == "." || scalar == "_" || scalar == "-"
            if safe {
                if pendingDash, !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        while out.hasPrefix(".") { out.removeFirst() }
        return out.isEmpty ? "run" : out
    }

    /// The file name without directory and without its last extension.
    static func stem(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension
        return ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
    }

    static func fileName(_ path: String) -> String {
        (path as NSString).lastPathComponent
    }

    /// A JSON scalar used as an id (`doc_id`, sample `id`, `prompt_id`) as text.
    static func idText(_ value: JSONValue?) -> String? {
        switch value {
        case let .string(s)?: return s
        case let .int(i)?: return String(i)
        case let .number(d)? where d.isFinite: return JSONValue.format(d)
        default: return nil
        }
    }
}
