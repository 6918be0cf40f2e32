extension RunData {
    /// Merges a parsed batch, whose lines come right after those already read.
    /// Cost is proportional to the batch, so a growing log is followed cheaply.
    public mutating func apply(_ batch: RecordBatch) {
        let lineBase = linesRead
        for item in batch.items {
            let line = lineBase + Int(item.line) + 1
            let location = RecordLocation(offset: item.offset, length: item.length, line: Int32(clamping: line))
            if headerLine == nil {
                switch item.record {
                case .blank: continue
                case .run: acceptHeader(item.header, line: line)
                case let .bad(reason): badLines.append(BadLine(line: line, reason: reason))
                default: badLines.append(BadLine(line: line, reason: "line before the run header"))
                }
                continue
            }
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
                if !record.metrics.isEmpty { info.metrics = record.metrics }
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
        linesRead += batch.lineCount
        bytesRead = batch.endOffset
        incompleteTailBytes = batch.incompleteTailBytes
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

    private mutating func internPrompt(_ id: String) -> Int32 {
        let key = ExactString(value: id)
        if let p = promptIndex[key] { return p }
        let p = Int32(promptIDs.count)
        promptIDs.append(id)
        promptRecords.append(nil)
        promptIndex[key] = p
        return p
    }

    private mutating func internAnswer(_ answer: String?) -> Int32 {
        guard let answer else { return -1 }
        let key = ExactString(value: answer)
        if let a = answerIndex[key] { return a }
        let a = Int32(answers.count)
        answers.append(answer)
        answerIndex[key] = a
        return a
    }

    private mutating func group(round: Int, prompt: Int32) -> Int {
        let key = UInt64(UInt32(round)) << 32 | UInt64(UInt32(bitPattern: prompt))
        if let g = groups.index[key] { return Int(g) }
        let g = Int32(groups.count)
        groups.index[key] = g
        groups.round.append(Int32(round))
        groups.prompt.append(prompt)
        groups.sampleRows.append([])
        groups.verifyOfSample.append([])
        groups.orphanVerifies.append([])
        groups.filterKept.append(nil)
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
        // A repeated sample replaces the earlier one in place.
        if let k = groups.sampleRows[g].firstIndex(where: { samples.index[Int($0)] == r.sample }) {
            let row = Int(groups.sampleRows[g][k])
            samples.utility[row] = r.utility
            samples.answer[row] = answer
            samples.inlineScore[row] = inlineScore
            samples.inlineVerification[row] = verificationBits
            samples.inlineKept[row] = kept
            samples.location[row] = location
            return
        }
        let row = Int32(samples.count)
        samples.group.append(Int32(g))
        samples.index.append(r.sample)
        samples.utility.append(r.utility)
        samples.answer.append(answer)
        samples.inlineScore.append(inlineScore)
        samples.inlineVerification.append(verificationBits)
        samples.inlineKept.append(kept)
        samples.location.append(location)
        var verifyRow: Int32 = -1
        if let o = groups.orphanVerifies[g].firstIndex(where: { $0.0 == r.sample }) {
            verifyRow = groups.orphanVerifies[g][o].1
            groups.orphanVerifies[g].remove(at: o)
        }
        groups.sampleRows[g].append(row)
        groups.verifyOfSample[g].append(verifyRow)
    }

    private mutating func addVerify(_ r: VerifyRecord, location: RecordLocation) {
        let g = group(round: r.round, prompt: internPrompt(r.promptID))
        dirtyRounds.insert(r.round)
        let v = Int32(verifications.count)
        verifications.score.append(r.fields.score ?? .nan)
        verifications.verdict.append(r.fields.verdict)
        verifications.location.append(location)
        if let k = groups.sampleRows[g].firstIndex(where: { samples.index[Int($0)] == r.sample }) {
            groups.verifyOfSample[g][k] = v
        } else if let o = groups.orphanVerifies[g].firstIndex(where: { $0.0 == r.sample }) {
            groups.orphanVerifies[g][o].1 = v
        } else {
            groups.orphanVerifies[g].append((r.sample, v))
        }
    }
}
