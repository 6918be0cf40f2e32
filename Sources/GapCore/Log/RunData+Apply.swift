extension RunData {
    /// Merges a parsed batch, whose lines come right after those already read.
    /// Cost is proportional to the batch, so a growing log is followed cheaply.
    public mutating func apply(_ batch: RecordBatch) {
        let lineBase = linesRead
        reserveSampleRows(for: batch)
        var cursor = ApplyCursor(strings: batch.strings.count)
        var s = 0
        let samples = batch.samples
        // Items and sample lines are each in line order: merge them.
        for item in batch.items {
            while s < samples.count, samples[s].line < item.line {
                applySample(samples[s], batch, lineBase: lineBase, &cursor)
                s += 1
            }
            applyItem(item, lineBase: lineBase, &cursor)
        }
        while s < samples.count {
            applySample(samples[s], batch, lineBase: lineBase, &cursor)
            s += 1
        }
        linesRead += batch.lineCount
        bytesRead = batch.endOffset
        incompleteTailBytes = batch.incompleteTailBytes
    }

    /// Makes room for the samples still to come when the columns are full.
    ///
    /// The columns are most of a run's memory. Grown by doubling, they would
    /// hold up to twice the room they need, and copy themselves into it at
    /// their largest; from this batch's samples per byte and the file's size
    /// the rows of the whole file can be foreseen, so the columns grow early,
    /// to about that, with a tenth to spare (room never written stays
    /// virtual and costs no memory). The rate is taken from the batch's
    /// first sample line on: a log opens with its prompt records, and the
    /// batch that holds the first samples would otherwise foresee too few.
    private mutating func reserveSampleRows(for batch: RecordBatch) {
        let needed = samples.count + batch.samples.count
        let capacity = samples.group.capacity
        guard needed > capacity, let first = batch.samples.first, batch.fileSize > batch.endOffset else { return }
        let bytes = batch.endOffset - first.offset
        guard bytes > 0 else { return }
        let perByte = Double(batch.samples.count) / Double(bytes)
        let projected = Double(needed) + perByte * Double(batch.fileSize - batch.endOffset) * 1.1
        // At least a quarter more each time, so growth stays geometric.
        let target = max(Int(min(projected, Double(Int32.max))), capacity + capacity / 4)
        samples.reserveCapacity(target, locations: keepsSampleLocations)
    }

    /// What `apply` remembers across the lines of one batch: the batch's
    /// strings mapped to prompts and answers (-2 when not yet looked up), the
    /// prompt of the last string looked up (a round names the prompts in the
    /// order the log first named them, so the next one is likely the one
    /// after), the last group (samples of a prompt come together), the last
    /// dirty round.
    private struct ApplyCursor {
        var promptOf: [Int32]
        var answerOf: [Int32]
        var lastNewPrompt: Int32 = -1
        var lastGroupKey: UInt64 = .max
        var lastGroup = -1
        var lastDirtyRound = -1

        init(strings: Int) {
            promptOf = [Int32](repeating: -2, count: strings)
            answerOf = [Int32](repeating: -2, count: strings)
        }
    }

    private mutating func applySample(_ r: RecordBatch.SampleLine, _ batch: RecordBatch, lineBase: Int, _ c: inout ApplyCursor) {
        let line = lineBase + Int(r.line) + 1
        guard headerLine != nil else {
            badLines.append(BadLine(line: line, reason: "line before the run header"))
            return
        }
        var p = c.promptOf[Int(r.prompt)]
        if p == -2 {
            let guess = c.lastNewPrompt &+ 1
            p = batch.strings.withUTF8(Int(r.prompt)) { internPrompt($0, guess: guess) }
            c.promptOf[Int(r.prompt)] = p
            c.lastNewPrompt = p
        }
        let round = Int(r.round)
        let key = GroupIndex.key(round, p)
        let g: Int
        if key == c.lastGroupKey {
            g = c.lastGroup
        } else {
            g = group(round: round, prompt: p)
            c.lastGroupKey = key
            c.lastGroup = g
        }
        if round != c.lastDirtyRound {
            dirtyRounds.insert(round)
            c.lastDirtyRound = round
        }
        var answer: Int32 = -1
        if r.answer >= 0 {
            answer = c.answerOf[Int(r.answer)]
            if answer == -2 {
                answer = batch.strings.withUTF8(Int(r.answer)) { internAnswer($0) }
                c.answerOf[Int(r.answer)] = answer
            }
        }
        let location = RecordLocation(offset: r.offset, length: r.length, line: Int32(clamping: line))
        addSampleRow(
            group: g, index: r.sample, utility: r.utility, answer: answer, inlineScore: r.score,
            verification: r.verification, kept: r.kept, location: location)
    }

    private mutating func applyItem(_ item: RecordBatch.Item, lineBase: Int, _ c: inout ApplyCursor) {
        let line = lineBase + Int(item.line) + 1
        let location = RecordLocation(offset: item.offset, length: item.length, line: Int32(clamping: line))
        if headerLine == nil {
            switch item.record {
            case .blank: return
            case .run: acceptHeader(item.header, line: line)
            case let .bad(reason): badLines.append(BadLine(line: line, reason: reason))
            default: badLines.append(BadLine(line: line, reason: "line before the run header"))
            }
            return
        }
        // Records other than samples can create groups and dirty rounds: forget the caches.
        c.lastGroupKey = .max
        c.lastDirtyRound = -1
        switch item.record {
        case .blank, .ignored:
            break
        case let .bad(reason):
            badLines.append(BadLine(line: line, reason: reason))
        case .run:
            badLines.append(BadLine(line: line, reason: "second run header (the first is on line \(headerLine!))"))
        case let .prompt(promptID):
            let p = internPrompt(promptID)
            promptRecords[Int(p)] = location
        case let .round(record):
            var info = rounds[record.round] ?? RoundInfo()
            if let stage = record.stage { info.stage = stage }
            if let expected = record.expectedPrompts { info.expectedPrompts = expected }
            // The round's records add up: a stage's numbers stay beside a later
            // stage's, and a name logged again (or twice in one object) takes its last value.
            for (name, value) in record.metrics {
                if let i = info.metrics.firstIndex(where: { $0.0 == name }) {
                    info.metrics[i].1 = value
                } else {
                    info.metrics.append((name, value))
                }
            }
            info.hasRoundRecord = true
            rounds[record.round] = info
            dirtyRounds.insert(record.round)
        case let .sample(record):
            addSample(record, location: location)
        case let .verify(record):
            addVerify(record, location: location)
        case let .filter(record):
            let g = group(round: record.round, prompt: internPrompt(record.promptID))
            groups.filterKept[g] = record.kept
            dirtyRounds.insert(record.round)
        case let .runEnd(endStatus):
            status = .ended(endStatus ?? "completed")
        }
    }

    private mutating func acceptHeader(_ value: JSONValue?, line: Int) {
        guard let value else {
            badLines.append(BadLine(line: line, reason: "run header is not valid JSON"))
            return
        }
        switch RunHeader.parse(value) {
        case let .success(header):
            self.header = header
            headerLine = line
        case let .failure(error):
            badLines.append(BadLine(line: line, reason: error.reason))
        }
    }

    /// The prompt of an id given as a `String`, which a new prompt keeps.
    private mutating func internPrompt(_ id: String) -> Int32 {
        var utf8 = id
        return utf8.withUTF8 { internPrompt(UnsafeRawBufferPointer($0), string: id) }
    }

    /// The prompt of an id given as UTF-8 (a `String` is made for new ones
    /// only, unless `string` is the id already), tried first against prompt
    /// `guess`.
    private mutating func internPrompt(_ id: UnsafeRawBufferPointer, string: String? = nil, guess: Int32 = -1) -> Int32 {
        let p = promptTable.intern(id, guess: guess)
        if Int(p) == promptIDs.count {
            promptIDs.append(string ?? String(decoding: id, as: UTF8.self))
            promptRecords.append(nil)
        }
        return p
    }

    private mutating func internAnswer(_ answer: String?) -> Int32 {
        guard let answer else { return -1 }
        var utf8 = answer
        return utf8.withUTF8 { internAnswer(UnsafeRawBufferPointer($0), string: answer) }
    }

    /// The answer given as UTF-8 (a `String` is made for new ones only,
    /// unless `string` is the answer already).
    private mutating func internAnswer(_ answer: UnsafeRawBufferPointer, string: String? = nil) -> Int32 {
        let a = answerTable.intern(answer)
        if Int(a) == answers.count { answers.append(string ?? String(decoding: answer, as: UTF8.self)) }
        return a
    }

    private mutating func group(round: Int, prompt: Int32) -> Int {
        if let g = groups.index.group(round: round, prompt: prompt) { return Int(g) }
        let g = Int32(groups.count)
        groups.index.set(g, round: round, prompt: prompt)
        groups.round.append(Int32(round))
        groups.prompt.append(prompt)
        groups.sampleRows.addGroup()
        groups.verifyOfSample.append([])
        groups.orphanVerifies.append([])
        groups.filterKept.append(nil)
        groups.smallIndices.append(0)
        rounds[round, default: RoundInfo()].groups.append(g)
        return Int(g)
    }

    private mutating func addSample(_ r: SampleRecord, location: RecordLocation) {
        let g = group(round: r.round, prompt: internPrompt(r.promptID))
        dirtyRounds.insert(r.round)
        let answer = internAnswer(r.answer)
        var verificationBits: UInt8 = 0
        var inlineScore = Double.nan
        if let v = r.verification {
            verificationBits = 1 | v.verdict.rawValue << 1
            inlineScore = v.score ?? .nan
        }
        let kept: UInt8 = r.kept.map { $0 ? 1 : 2 } ?? 0
        addSampleRow(
            group: g, index: r.sample, utility: r.utility, answer: answer, inlineScore: inlineScore,
            verification: verificationBits, kept: kept, location: location)
    }

    private mutating func addSampleRow(
        group g: Int, index: Int32, utility: Double, answer: Int32, inlineScore: Double,
        verification: UInt8, kept: UInt8, location: RecordLocation
    ) {
        // A repeated sample replaces the earlier one in place.
        if groups.mayHave(index, inGroup: g),
           let k = groups.sampleRows[g].firstIndex(where: { samples.index[Int($0)] == index }) {
            let row = Int(groups.sampleRows[g][k])
            samples.utility[row] = utility
            samples.answer[row] = answer
            samples.inlineScore[row] = inlineScore
            samples.inlineVerification[row] = verification
            samples.inlineKept[row] = kept
            if keepsSampleLocations { samples.location[row] = location }
            return
        }
        groups.noteIndex(index, inGroup: g)
        let row = Int32(samples.count)
        samples.group.append(Int32(g))
        samples.index.append(index)
        samples.utility.append(utility)
        samples.answer.append(answer)
        samples.inlineScore.append(inlineScore)
        samples.inlineVerification.append(verification)
        samples.inlineKept.append(kept)
        if keepsSampleLocations { samples.location.append(location) }
        var verifyRow: Int32 = -1
        if !groups.orphanVerifies[g].isEmpty,
           let o = groups.orphanVerifies[g].firstIndex(where: { $0.0 == index }) {
            verifyRow = groups.orphanVerifies[g][o].1
            groups.orphanVerifies[g].remove(at: o)
        }
        if verifyRow >= 0 || !groups.verifyOfSample[g].isEmpty {
            groups.materializeVerifies(ofGroup: g)
            groups.verifyOfSample[g].append(verifyRow)
        }
        groups.sampleRows.append(row, toGroup: g)
    }

    private mutating func addVerify(_ r: VerifyRecord, location: RecordLocation) {
        let g = group(round: r.round, prompt: internPrompt(r.promptID))
        dirtyRounds.insert(r.round)
        let v = Int32(verifications.count)
        verifications.score.append(r.fields.score ?? .nan)
        verifications.verdict.append(r.fields.verdict)
        verifications.location.append(location)
        if groups.mayHave(r.sample, inGroup: g),
           let k = groups.sampleRows[g].firstIndex(where: { samples.index[Int($0)] == r.sample }) {
            groups.materializeVerifies(ofGroup: g)
            groups.verifyOfSample[g][k] = v
        } else if let o = groups.orphanVerifies[g].firstIndex(where: { $0.0 == r.sample }) {
            groups.orphanVerifies[g][o].1 = v
        } else {
            groups.orphanVerifies[g].append((r.sample, v))
        }
    }
}
