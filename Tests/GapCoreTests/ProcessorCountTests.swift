import Foundation
import Testing
@testable import GapCore

/// How many workers the reader starts: the online cores, fewer where the
/// process is pinned to some or held to a CPU quota.
@Suite struct ProcessorCountTests {
    @Test func cpuListsAreCounted() {
        #expect(ProcessorCount.cpuListSize("0") == 1)
        #expect(ProcessorCount.cpuListSize("0-1") == 2)
        #expect(ProcessorCount.cpuListSize("0-3,8,10-11") == 7)
        #expect(ProcessorCount.cpuListSize(" 4-5 ") == 2)
        #expect(ProcessorCount.cpuListSize("") == nil)
        #expect(ProcessorCount.cpuListSize("3-1") == nil)
        #expect(ProcessorCount.cpuListSize("0-") == nil)
        #expect(ProcessorCount.cpuListSize("a") == nil)
        #expect(ProcessorCount.cpuListSize("1-2-3") == nil)
    }

    @Test func theAllowedListIsFoundInAStatusText() {
        let status = "Name:\tgapscope\nCpus_allowed:\tff\nCpus_allowed_list:\t0-5,7\nMems_allowed_list:\t0\n"
        #expect(ProcessorCount.allowedList(status: status) == "0-5,7")
        #expect(ProcessorCount.allowedList(status: "Name:\tx\n") == nil)
    }

    @Test func quotasAreReadInBothCgroupVersions() {
        #expect(ProcessorCount.quota(cpuMax: "200000 100000\n") == 2)
        #expect(ProcessorCount.quota(cpuMax: "150000 100000") == 1.5)
        #expect(ProcessorCount.quota(cpuMax: "max 100000\n") == nil)
        #expect(ProcessorCount.quota(cpuMax: "") == nil)
        #expect(ProcessorCount.quota(cfsQuota: "400000\n", cfsPeriod: "100000\n") == 4)
        #expect(ProcessorCount.quota(cfsQuota: "-1\n", cfsPeriod: "100000\n") == nil)
    }

    @Test func cgroupPathsAreCheckedUpToTheRoot() {
        #expect(ProcessorCount.ancestors("/a/b") == ["/a/b", "/a", ""])
        #expect(ProcessorCount.ancestors("/") == [""])
        #expect(ProcessorCount.ancestors("") == [""])
        #expect(ProcessorCount.ancestors("/docker/0123abc/") == ["/docker/0123abc", "/docker", ""])
    }

    @Test func theCountIsTheSmallestLimitRoundedUp() {
        #expect(ProcessorCount.count(online: 2, allowedList: nil, quotas: []) == 2)
        #expect(ProcessorCount.count(online: 128, allowedList: "8-15", quotas: []) == 8)
        #expect(ProcessorCount.count(online: 128, allowedList: "0-127", quotas: [2.5]) == 3)
        #expect(ProcessorCount.count(online: 128, allowedList: "0-1", quotas: [16]) == 2)
        #expect(ProcessorCount.count(online: 64, allowedList: nil, quotas: [8, 4]) == 4)
        #expect(ProcessorCount.count(online: 4, allowedList: nil, quotas: [0.5]) == 1)
        #expect(ProcessorCount.count(online: 4, allowedList: "junk", quotas: [0]) == 4)
        #expect(ProcessorCount.count(online: -1, allowedList: nil, quotas: []) == 1)
    }

    /// The allowed list as this machine's kernel writes it: for this process,
    /// as many CPUs as `nproc` (which asks the affinity mask) says, and for
    /// one started on a single CPU (`taskset -c 0`), one.
    @Test func theKernelsAllowedListReadsAsTheAffinityMask() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let list = try #require(ProcessorCount.allowedList(status: status))
        if let nproc = try Self.output(of: "nproc", []) {
            #expect(ProcessorCount.cpuListSize(list) == Int(nproc.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        #expect(ProcessorCount.usable >= 1)
        #expect(ProcessorCount.usable <= ProcessorCount.cpuListSize(list) ?? Int.max)

        guard let pinned = try Self.output(of: "taskset", ["-c", "0", "cat", "/proc/self/status"]) else { return }
        let pinnedList = try #require(ProcessorCount.allowedList(status: pinned))
        #expect(ProcessorCount.cpuListSize(pinnedList) == 1)
    }

    /// A program's standard output, or nil if it is not installed. `nproc`
    /// would also follow OMP_NUM_THREADS, so the environment goes without it.
    private static func output(of program: String, _ arguments: [String]) throws -> String? {
        guard let path = ["/usr/bin/", "/bin/"].map({ $0 + program }).first(where: FileManager.default.isExecutableFile)
        else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OMP_") }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
