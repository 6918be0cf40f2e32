#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The cores this process may use: the online ones, fewer where the process
/// is pinned to some (`taskset`, a batch scheduler's cpuset) or held to a
/// CPU quota (a container's `--cpus`, a Kubernetes limit). On a GPU node
/// that shares 128 cores among jobs of 8, the reader starts 8 workers, not
/// 128 that would queue for the 8 and each keep a buffer.
public enum ProcessorCount {
    public static let usable: Int = {
        let online = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #if os(Linux)
        return count(
            online: online,
            allowedList: readSmallFile("/proc/self/status").flatMap(allowedList(status:)),
            quotas: cgroupQuotas())
        #else
        return max(1, online)
        #endif
    }()

    /// The smallest of the online count, the allowed list's size and each
    /// quota rounded up, and at least 1.
    static func count(online: Int, allowedList: String?, quotas: [Double]) -> Int {
        var n = online > 0 ? online : 1
        if let list = allowedList, let allowed = cpuListSize(list), allowed > 0 { n = min(n, allowed) }
        for quota in quotas where quota > 0 {
            n = min(n, Int(quota.rounded(.up)))
        }
        return max(1, n)
    }

    /// The `Cpus_allowed_list` of a `/proc/<pid>/status` text.
    static func allowedList(status: String) -> String? {
        for line in status.split(separator: "\n") where line.hasPrefix("Cpus_allowed_list:") {
            return String(line.dropFirst("Cpus_allowed_list:".count)).trimmingWhitespace
        }
        return nil
    }

    /// How many CPUs a list such as `0-3,8,10-11` names; nil if it is not one.
    static func cpuListSize(_ list: String) -> Int? {
        var total = 0
        for part in list.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard let first = bounds.first.flatMap({ Int($0.trimmingWhitespace) }), first >= 0 else { return nil }
            switch bounds.count {
            case 1: total += 1
            case 2:
                guard let last = Int(bounds[1].trimmingWhitespace), last >= first else { return nil }
                total += last - first + 1
            default: return nil
            }
        }
        return total > 0 ? total : nil
    }

    /// The CPUs a cgroup v2 `cpu.max` allows (`200000 100000` is 2), nil for
    /// `max` (no quota) or a text that is not one.
    static func quota(cpuMax: String) -> Double? {
        let fields = cpuMax.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 2, let quota = Double(fields[0]), let period = Double(fields[1]), period > 0 else { return nil }
        return quota / period
    }

    /// The CPUs a cgroup v1 quota allows (`cpu.cfs_quota_us`, -1 for none,
    /// over `cpu.cfs_period_us`).
    static func quota(cfsQuota: String, cfsPeriod: String) -> Double? {
        guard let quota = Double(cfsQuota.trimmingWhitespace), quota > 0,
              let period = Double(cfsPeriod.trimmingWhitespace), period > 0 else { return nil }
        return quota / period
    }

    /// A cgroup path and those above it, as suffixes of a mount point:
    /// `/a/b` gives `/a/b`, `/a` and `` (the root).
    static func ancestors(_ path: String) -> [String] {
        var result: [String] = []
        var parts = path.split(separator: "/").map(String.init)
        while true {
            result.append(parts.isEmpty ? "" : "/" + parts.joined(separator: "/"))
            guard !parts.isEmpty else { break }
            parts.removeLast()
        }
        return result
    }

    #if os(Linux)
    /// The quotas of this process's cgroup and of the ones above it (a
    /// parent's limit holds for its children too): in cgroup v2 (`cpu.max`),
    /// and in the `cpu` hierarchy of cgroup v1 (`cpu.cfs_quota_us`), where
    /// a container may see its own cgroup as the hierarchy's root.
    private static func cgroupQuotas() -> [Double] {
        var quotas: [Double] = []
        let lines = (readSmallFile("/proc/self/cgroup") ?? "").split(separator: "\n")
        for line in lines {
            // hierarchy-id:controllers:path; v2 has id 0 and no controllers.
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let controllers = fields[1].split(separator: ",")
            let paths = ancestors(String(fields[2]))
            if fields[0] == "0", controllers.isEmpty {
                for path in paths {
                    if let text = readSmallFile("/sys/fs/cgroup" + path + "/cpu.max"), let q = quota(cpuMax: text) {
                        quotas.append(q)
                    }
                }
            } else if controllers.contains("cpu") {
                for mount in ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpuacct,cpu"] {
                    for path in paths {
                        if let q = readSmallFile(mount + path + "/cpu.cfs_quota_us"),
                           let p = readSmallFile(mount + path + "/cpu.cfs_period_us"),
                           let quota = quota(cfsQuota: q, cfsPeriod: p) {
                            quotas.append(quota)
                        }
                    }
                }
            }
        }
        return quotas
    }

    /// A small text file (a few KB of /proc or /sys) in full, or nil.
    private static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1 << 16 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
    #endif
}

extension StringProtocol {
    fileprivate var trimmingWhitespace: String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}
