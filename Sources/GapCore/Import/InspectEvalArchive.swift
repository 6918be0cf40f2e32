import Foundation
import ZIPFoundation

/// An Inspect AI `.eval` log: a zip of JSON entries (`header.json`,
/// `samples/<id>_epoch_<n>.json`, `summaries.json`, `reductions.json`,
/// `_journal/start.json` while the eval runs).
struct InspectEvalArchive {
    let path: String
    private let archive: Archive

    init(path: String) throws {
        self.path = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ImportError("\(path): not a readable zip archive (an .eval still being written has no directory yet)")
        }
    }

    /// Whether the file is a zip with an Inspect header or start journal.
    static func looksLikeInspect(path: String) -> Bool {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch { return false }
        return archive["header.json"] != nil || archive["_journal/start.json"] != nil
    }

    var entryNames: [String] {
        archive.filter { $0.type == .file }.map(\.path)
    }

    func contains(_ name: String) -> Bool { archive[name] != nil }

    /// The bytes of one entry.
    func read(_ name: String) throws -> [UInt8] {
        guard let entry = archive[name] else { throw ImportError("no entry \(name)") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(clamping: entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in bytes.append(contentsOf: chunk) }
        } catch Archive.ArchiveError.invalidCompressionMethod {
            throw ImportError(
                "entry \(name) uses a compression method other than deflate (newer Inspect versions write zstd), "
                    + "which gapscope cannot read; re-save the log as JSON (`inspect log convert --to json`) and convert that")
        } catch {
            throw ImportError("entry \(name) cannot be read (\(error))")
        }
        return bytes
    }

    /// One entry read as JSON.
    func json(_ name: String) throws -> JSONValue {
        let bytes = try read(name)
        do {
            return try JSONValue.parse(bytes, allowNonFinite: true)
        } catch {
            throw ImportError("entry \(name) is not valid JSON (\(error.description))")
        }
    }
}
