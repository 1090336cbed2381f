/// What the narrative says about the cross-cutting facts: present (with the weight of the
/// section it was found in), stated as absent, or not mentioned.
struct DetectedFeatures: Sendable {
    struct State: Sendable {
        var weight = 0.0           // best affirmed occurrence; 0 = none
        var negated = false        // stated as not done
        var evidence: Phrase.Hit?
        var present: Bool { weight > 0 }
    }

    var states: [String: State] = [:]

    func state(_ feature: String) -> State { states[feature] ?? State() }

    /// The most invasive approach documented: open, then percutaneous, then closed.
    var effectiveApproach: String? {
        let order = ["open", "percutaneous", "closed"]
        for threshold in [0.5, 0.01] {
            if let approach = order.first(where: { state("approach:" + $0).weight >= threshold }) { return approach }
        }
        return nil
    }

    /// Fixation types documented. A nail's locking screws do not make it plate-and-screw fixation.
    var fixations: Set<String> {
        var result: Set<String> = []
        for kind in ["intramedullary", "external", "percutaneous", "internal"] where state("fixation:" + kind).present { result.insert(kind) }
        if state("fixation:plate-screws").present {
            if !result.contains("intramedullary") || state("fixation:plate").present { result.insert("plate-screws") }
        }
        if result.contains("intramedullary") || result.contains("plate-screws") { result.insert("internal") }
        return result
    }

    var fixationNegated: Bool { state("fixation:internal").negated && fixations.isEmpty }

    /// Compartment names documented (anterior, lateral, posterior); "all four" names them all.
    var compartments: Set<String> {
        if state("compartment:all").present { return ["anterior", "lateral", "posterior"] }
        return Set(["anterior", "lateral", "posterior"].filter { state("compartment:" + $0).present })
    }
}

/// Finds the features of FeatureLexicon in an analysed narrative.
enum FeatureDetector {
    static func detect(_ narrative: AnalyzedNarrative, features: [CompiledFeature]) -> DetectedFeatures {
        var detected = DetectedFeatures()
        for feature in features {
            var blocked: [ClosedRange<Int>] = []
            for blocker in feature.blockers { for hit in blocker.hits(in: narrative) { blocked.append(hit.first...hit.last) } }
            var state = DetectedFeatures.State()
            for phrase in feature.phrases {
                for hit in phrase.hits(in: narrative) where !blocked.contains(where: { $0.overlaps(hit.first...hit.last) }) {
                    if hit.affirmed {
                        let weight = hit.section.procedureWeight
                        if weight > state.weight { state.weight = weight; state.evidence = hit }
                    } else if hit.negated, !hit.historical {
                        state.negated = true
                    }
                }
            }
            if state.present || state.negated { detected.states[feature.feature] = state }
        }
        // "ANESTHESIA: general" — the heading is the feature, the words after it its kind.
        let anesthesiaWords = narrative.tokens.filter { $0.section == .anesthesia }.map(\.text)
        if !anesthesiaWords.isEmpty {
            if anesthesiaWords.first == "none" || (anesthesiaWords.contains("local") && !anesthesiaWords.contains("general")) {
                detected.states["anesthesia", default: .init()].negated = true
            } else if detected.state("anesthesia").weight < 0.8 {
                var state = detected.state("anesthesia")
                state.weight = 0.8
                detected.states["anesthesia"] = state
            }
        }
        return detected
    }
}
