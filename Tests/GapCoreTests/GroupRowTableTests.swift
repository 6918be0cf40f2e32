import Testing
@testable import GapCore

@Suite struct GroupRowTableTests {
    @Test func consecutiveRowsAndRowsThatBreakTheRun() {
        var table = GroupRowTable()
        table.addGroup()
        table.addGroup()
        #expect(table[0].isEmpty)
        for row: Int32 in [0, 1, 2] { table.append(row, toGroup: 0) }
        #expect(Array(table[0]) == [0, 1, 2])
        #expect(table[0].list.isEmpty, "consecutive rows stay a range")
        // Interleaved: group 1 breaks group 0's run, and group 0 comes back.
        table.append(3, toGroup: 1)
        table.append(4, toGroup: 0)
        table.append(5, toGroup: 1)
        table.append(6, toGroup: 0)
        #expect(Array(table[0]) == [0, 1, 2, 4, 6])
        #expect(Array(table[1]) == [3, 5])
        #expect(table[0].count == 5 && table[1].count == 2)
        #expect(table[0].firstIndex(of: 4) == 3)
        #expect(table[0].last == 6)
    }

    @Test func tablesCompareByTheirRows() {
        func table(_ rows: [(Int32, Int)]) -> GroupRowTable {
            var t = GroupRowTable()
            t.addGroup()
            t.addGroup()
            for (row, g) in rows { t.append(row, toGroup: g) }
            return t
        }
        #expect(table([(0, 0), (1, 0), (2, 1)]) == table([(0, 0), (1, 0), (2, 1)]))
        #expect(table([(0, 0), (2, 0), (3, 1)]) == table([(0, 0), (2, 0), (3, 1)]))
        #expect(table([(0, 0), (1, 0), (2, 1)]) != table([(0, 0), (1, 1), (2, 0)]))
        #expect(table([(0, 0), (1, 0)]) != table([(0, 0), (2, 0)]))
    }
}

@Suite struct GroupIndexTests {
    /// Rounds in arrays by prompt (grown as prompts come, in any order), rounds
    /// past them and prompts numbered far apart (a dictionary): every group is found.
    @Test func groupsOfNumberedAndOtherRounds() {
        var index = GroupIndex()
        let beyond = GroupIndex.numberedRounds
        var entries: [(round: Int, prompt: Int32, group: Int32)] = [
            (0, 0, 0), (0, 1, 1), (2, 1, 2), (0, 700, 3), (beyond, 5, 4), (beyond + 1_000_000, 0, 5), (2, 0, 6),
            // A round whose prompts are numbered far apart: the dictionary,
            // and then its array stops growing (its low prompts there too).
            (1, 100_000, 7), (1, 5, 8), (1, 100_001, 9),
        ]
        // A round of many prompts in order: its array grows with it.
        for p in 0..<20_000 { entries.append((4, Int32(p), Int32(10 + p))) }
        for e in entries {
            #expect(index.group(round: e.round, prompt: e.prompt) == nil)
            index.set(e.group, round: e.round, prompt: e.prompt)
        }
        for e in entries { #expect(index.group(round: e.round, prompt: e.prompt) == e.group) }
        // Neighbours of what was set, and rounds never named, have no group.
        #expect(index.group(round: 0, prompt: 2) == nil)
        #expect(index.group(round: 0, prompt: 701) == nil)
        #expect(index.group(round: 1, prompt: 0) == nil)
        #expect(index.group(round: 3, prompt: 0) == nil)
        #expect(index.group(round: beyond, prompt: 4) == nil)
        #expect(index.group(round: 1 << 40, prompt: 0) == nil)
        #expect(index.group(round: 1, prompt: 6) == nil)
        #expect(index.group(round: 4, prompt: 20_000) == nil)
    }
}
