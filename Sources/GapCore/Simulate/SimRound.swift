import Foundation

/// One generated sample of a round, with its verification and filter decision.
struct SimSample {
    var outcome: SampleOutcome
    var utility: Double
    /// The logged score; nil when the verifier's output was not parsable.
    var score: Double?
    /// CoT-Score: the score out of 10; tournament: comparisons won.
    var detail: Int
    /// The logged verdict (nil: none written).
    var accepts: Bool?
    var judgement: Judgement
    var kept: Bool
}

/// A prompt as the simulated model sees it: the problem, and the model's
/// current accuracy and wrong-answer preferences on it, which change as it is
/// distilled round after round.
struct SimPromptState {
    let id: String
    let problem: any SimProblem
    var accuracy: Double
    var wrongWeights: [Double]
}

extension RunSimulator {
    /// Generates, verifies and filters every sample of round `r` from the
    /// current prompt states (the text is written later, from the same seeds).
    func computeRound(_ r: Int) -> [[SimSample]] {
        let n = spec.samplesPerPrompt
        let delta = delta0 * pow(GapModel.discriminationDecay(selfVerification: spec.verifier == nil), Double(r))
        let nullRate = GapModel.unparsableRate(method: spec.method, verifier: spec.effectiveVerifier)
        let real = spec.task.realUtility
        var round: [[SimSample]] = []
        round.reserveCapacity(prompts.count)
        var latents = [Double](repeating: 0, count: n)
        var noise = [Double](repeating: 0, count: n)
        for (x, prompt) in prompts.enumerated() {
            var rng = SimRNG(seed: spec.seed, 10, r, x)
            var samples: [SimSample] = []
            samples.reserveCapacity(n)
            for _ in 0..<n {
                // Always three draws per sample, so that runs sharing a seed stay
                // coupled: a larger model is right wherever a smaller one is.
                let cut = rng.uniform(), right = rng.uniform(), pick = rng.uniform()
                let outcome: SampleOutcome
                if cut < GapModel.truncationRate || (right >= prompt.accuracy && prompt.wrongWeights.isEmpty) {
                    outcome = .truncated
                } else if right < prompt.accuracy {
                    outcome = .correct
                } else {
                    outcome = .wrong(Self.weightedIndex(prompt.wrongWeights, at: pick))
                }
                let utility: Double
                switch outcome {
                case .correct: utility = 1
                case let .wrong(j): utility = real ? (prompt.problem.partialCredit(j) * 100).rounded() / 100 : 0
                case .truncated: utility = 0
                }
                samples.append(SimSample(outcome: outcome, utility: utility, score: nil, detail: 0, accepts: nil, judgement: .approves, kept: false))
            }
            let bias = GapModel.promptBiasSD * rng.normal()
            for i in 0..<n {
                noise[i] = rng.normal()
                latents[i] = delta * (samples[i].utility - 0.5) + bias + noise[i]
            }
            for i in 0..<n {
                verify(&samples[i], latent: latents[i], nullRate: nullRate, rng: &rng)
            }
            if spec.method == .tournament {
                playTournament(&samples, delta: delta, noise: noise, nullRate: nullRate, rng: &rng)
            }
            let kept = spec.filter.keptFlags(scores: samples.map(\.score), indices: samples.indices.map { Int32($0) })
            for i in 0..<n { samples[i].kept = kept[i] }
            round.append(samples)
        }
        return round
    }

    /// The index whose share of the total weight contains `u` in [0, 1).
    static func weightedIndex(_ weights: [Double], at u: Double) -> Int {
        var x = u * weights.reduce(0, +)
        for (i, w) in weights.enumerated() {
            x -= w
            if x < 0 { return i }
        }
        return weights.count - 1
    }

    private func verify(_ s: inout SimSample, latent q: Double, nullRate: Double, rng: inout SimRNG) {
        if rng.chance(nullRate) {
            s.judgement = .garbled
            return
        }
        switch spec.method {
        case .cotScore:
            let ten = GapModel.scoreOutOfTen(q)
            s.detail = ten
            s.score = Double(ten) / 10
            s.judgement = ten >= 7 ? .approves : ten <= 4 ? .findsFault : .unsure
        case .cotBinary:
            let accepts = GapModel.binaryAccepts(q)
            s.accepts = accepts
            s.score = accepts ? 1 : 0
            s.judgement = accepts ? .approves : .findsFault
        case .mc:
            let p = GapModel.choiceProbability(q)
            s.score = p
            s.accepts = p >= 0.5
            s.judgement = p >= 0.5 ? .approves : .findsFault
        case .tournament:
            break
        }
    }

    /// Round-robin pairwise comparisons; a sample's score is the share of its comparisons it won.
    private func playTournament(_ samples: inout [SimSample], delta: Double, noise: [Double], nullRate: Double, rng: inout SimRNG) {
        let n = samples.count
        guard n > 1 else { return }
        var wins = [Int](repeating: 0, count: n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let z = delta * (samples[i].utility - samples[j].utility) + 0.8 * (noise[i] - noise[j]) + 0.6 * rng.normal()
                if z > 0 { wins[i] += 1 } else { wins[j] += 1 }
            }
        }
        for i in 0..<n {
            samples[i].detail = wins[i]
            if rng.chance(nullRate) {
                samples[i].judgement = .garbled
            } else {
                samples[i].score = Double(wins[i]) / Double(n - 1)
                samples[i].judgement = wins[i] * 2 >= n - 1 ? .approves : .findsFault
            }
        }
    }

    /// Distils round `r` into the model of round `r + 1`.
    mutating func advanceModel(after round: [[SimSample]]) {
        for (x, samples) in round.enumerated() {
            let n = Double(samples.count)
            let a = samples.reduce(0) { $0 + $1.utility } / n
            let keptCount = samples.filter(\.kept).count
            let filtered = keptCount == 0 ? a : samples.filter(\.kept).reduce(0) { $0 + $1.utility } / Double(keptCount)
            prompts[x].accuracy = GapModel.nextAccuracy(prompts[x].accuracy, gap: filtered - a)
            var weights = prompts[x].wrongWeights
            for s in samples where s.kept {
                if case let .wrong(j) = s.outcome { weights[j] *= 2 }
            }
            let sharpened = weights.map { pow($0, GapModel.wrongAnswerSharpening) }
            let total = sharpened.reduce(0, +)
            prompts[x].wrongWeights = total > 0 ? sharpened.map { $0 / total } : weights
        }
    }
}
