/// Whose operation a note tells. An operation is reported by the surgeon who did it, from that
/// team's own record; a note written by someone else about it (a second opinion on another
/// surgeon's work, a physiotherapy referral, a rehabilitation or nursing note, a referral letter)
/// tells it as history. Read by roles, not
/// phrases: who the writer is (what the note calls itself at its opening), whether the writer
/// tells any operation as their own work ("I performed", "we carried out", "I went on to excise",
/// "our team removed"), and who the note names as the one who operated ("her surgeon", "my
/// colleague", "my predecessor", "the surgeon there").
extension NarrativeAnalyzer {
    func markWhoOperated(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard !tokens.isEmpty else { return }
        markOtherSurgeonsWork(&tokens, bytes: bytes)
        guard let writer = Self.thirdPartyWriter(tokens), !Self.writerOperates(tokens) else { return }
        switch writer {
        case .notASurgeon:
            for index in tokens.indices { tokens[index].historical = true }
        case .secondOpinion:
            // A second opinion is given by a surgeon, who may also treat at this encounter ("placed in
            // a cast in the clinic") or judge a treatment not told as done ("I agree with no
            // reduction and a cast"): those sentences stay; the others tell someone else's work.
            var start = 0
            while start < tokens.count {
                var end = start
                while end + 1 < tokens.count, tokens[end + 1].sentence == tokens[start].sentence { end += 1 }
                if Self.tellsOthersWork(tokens[start...end]) {
                    for index in start...end { tokens[index].historical = true }
                }
                start = end + 1
            }
        }
    }

    enum ThirdPartyWriter { case secondOpinion, notASurgeon }

    /// What the note calls itself in its first words: a second opinion (the writer is a surgeon who
    /// may or may not have operated), or a note by someone whose role is not to operate
    /// (physiotherapy, rehabilitation, occupational therapy, a district nurse, a case manager, a
    /// letter asking another clinician to see the patient). Relatives, claims and utilisation
    /// reviews are not read as such here: the corpus labels a relative's account and an insurer's
    /// letter quoting the op note with the operation (ab5-51, ab6-82, v6c-42, v4c-21, t3-49); an
    /// operation such a note names as another's ("by Dr Feldman", "the treating surgeon Dr
    /// Alvarez performed") is read by `markOtherSurgeonsWork`.
    static func thirdPartyWriter(_ tokens: [NarrativeToken]) -> ThirdPartyWriter? {
        let opening = min(tokens.count, 40)
        for index in 0..<opening {
            let word = tokens[index].text
            // A letter asking another clinician to see the patient ("I would be grateful if you could
            // see this lady").
            if word == "grateful", tokens[index..<min(tokens.count, index + 6)].contains(where: { $0.text == "see" || $0.text == "review" }) {
                return .notASurgeon
            }
            // "Second opinion", "2nd opinion", "second medical opinion", "opinion of second doctor".
            if word == "opinion" {
                let near = tokens[max(0, index - 2)..<min(tokens.count, index + 3)]
                if near.contains(where: { $0.text == "second" || $0.text == "2nd" }) { return .secondOpinion }
            }
        }
        // A role that does not operate, named at the opening (the first sentence, within eight words).
        let firstSentence = tokens[0].sentence
        let head = tokens.prefix { $0.sentence == firstSentence }.prefix(8)
        for (offset, token) in head.enumerated() {
            let word = token.text
            let next = offset + 1 < head.count ? head[head.startIndex + offset + 1].text : ""
            if word.hasPrefix("physio") || word.hasPrefix("rehab") || word == "ncm"
                || (word == "physical" && next == "therapy") || (word == "occupational" && next == "therapy")
                || (word == "case" && next == "manager")
                || (["district", "community"].contains(word) && next == "nurse") {
                return .notASurgeon
            }
        }
        return nil
    }

    /// Whether a sentence of a second opinion with no operation of the writer's tells someone
    /// else's work: not when it is at this encounter ("today", "in the clinic", "tonight"), nor when
    /// the writer is its subject and nothing in it is told as done ("I agree with no reduction and a
    /// total-contact cast"; a past verb, "had", "underwent", "s/p", "after" tell what was done).
    /// "In a private clinic" is not this encounter; "in the clinic" is.
    static func tellsOthersWork(_ sentence: ArraySlice<NarrativeToken>) -> Bool {
        var done = false
        var writer = false
        var previous = ""
        for token in sentence {
            let text = token.text
            defer { previous = text }
            if ["today", "tonight"].contains(text) || (text == "clinic" && ["the", "our", "my", "this"].contains(previous)) { return false }
            if text == "i" || text == "we" { writer = true }
            if ["had", "underwent", "was", "were", "s/p", "done", "performed", "after", "post"].contains(text)
                || (text.hasSuffix("ed") && text.count > 4) {
                done = true
            }
        }
        return done || !writer
    }

    /// Verbs a writer uses of looking, judging, talking and arranging: "I reviewed the imaging",
    /// "I agreed", "we explained", "I referred him". Not work done to the patient.
    static let lookVerbs: Set<String> = [
        "reviewed", "examined", "assessed", "agreed", "considered", "explained", "noted", "checked", "looked", "asked", "referred",
        "thanked", "consulted", "wondered", "reassured", "informed", "told", "counselled", "counseled", "requested", "ordered",
        "obtained", "documented", "felt", "thought", "believed", "found", "saw", "seen", "met", "spoke", "spoken", "wrote",
        "written", "received", "called", "phoned", "contacted", "suggested", "wished", "wanted", "attached", "enclosed", "measured",
        "observed", "watched", "confirmed", "reviewed", "evaluated", "re-examined", "followed", "continued", "answered", "asked",
        "visited", "visualized", "visualised", "photographed", "read",
    ]
    static let writerWorkVerbs: Set<String> = pastWorkVerbs.union(["operated", "pinned", "nailed", "plated", "fixed"])
    /// The writer's own team after "our" ("our team removed the frame"), and "our department".
    static let writerTeamWords: Set<String> = ownTeamWords.union(["department"])
    /// Words that may stand between a subject and its verb: "I then performed", "we have since
    /// revised", "I myself removed", "I subsequently carried out".
    static let beforeWriterVerb: Set<String> = ["then", "have", "had", "also", "subsequently", "later", "since", "myself", "ourselves",
                                                "personally", "duly", "eventually", "finally", "therefore", "accordingly", "both"]

    /// Whether the writer tells any operation as their own work: "I performed", "we carried out",
    /// "I went on to excise it", "at surgery we found a gap and performed a turndown", "our team
    /// removed the frame", "the undersigned performed". Not "I reviewed", "I agree", "I would
    /// have done the same", "I have not operated", "we recommended".
    static func writerOperates(_ tokens: [NarrativeToken]) -> Bool {
        for index in tokens.indices {
            let word = tokens[index].text
            var subject = false
            // "underwent a patellectomy under my care", "repaired by Mr Hart and myself", "managed by us".
            if word == "care", index >= 2, tokens[index - 2].text == "under", ["my", "our"].contains(tokens[index - 1].text) { return true }
            // Not "no surgery recommended by me", "reviewed by us": the verb before "by" is work.
            if Self.writerAsAgent.contains(word),
               let by = (max(1, index - 5)..<index).last(where: { tokens[$0].text == "by" && tokens[$0].clause == tokens[index].clause }),
               !lookVerbs.contains(tokens[by - 1].text), !planVerbsPast.contains(tokens[by - 1].text) {
                return true
            }
            if word == "i" || word == "we" || word == "undersigned" { subject = true }
            if word == "our", index + 1 < tokens.count, writerTeamWords.contains(tokens[index + 1].text) {
                subject = true
            }
            guard subject else { continue }
            var look = index + 1
            if word == "our" { look += 1 }
            while look < tokens.count, look <= index + 4, beforeWriterVerb.contains(tokens[look].text) { look += 1 }
            guard look < tokens.count, tokens[look].clause == tokens[index].clause else { continue }
            if isWriterWork(tokens, at: look) { return true }
            // "we found a 5 cm gap and performed a V-Y turndown": a second verb of the same subject.
            guard lookVerbs.contains(tokens[look].text) || tokens[look].text.hasSuffix("ed") else { continue }
            var next = look + 1
            while next < tokens.count, next <= look + 10, tokens[next].sentence == tokens[index].sentence {
                let text = tokens[next].text
                if ["i", "we", "he", "she", "they", "it", "that", "which", "who", "but"].contains(text) { break }
                if text == "and", next + 1 < tokens.count {
                    var verb = next + 1
                    while verb < tokens.count, verb <= next + 3, beforeWriterVerb.contains(tokens[verb].text) { verb += 1 }
                    if verb < tokens.count, isWriterWork(tokens, at: verb) { return true }
                }
                next += 1
            }
        }
        return false
    }

    /// The subject's verb tells work done: a past verb that is not looking, judging or arranging
    /// ("performed", "carried", "removed", "excised", "put", "did"), or "went on to"/"proceeded to"
    /// a verb.
    static func isWriterWork(_ tokens: [NarrativeToken], at index: Int) -> Bool {
        let text = tokens[index].text
        if ["went", "proceeded", "decided", "elected", "opted"].contains(text) {
            return tokens[(index + 1)..<min(tokens.count, index + 3)].contains { $0.text == "to" }
                && !tokens[(index + 1)..<min(tokens.count, index + 5)].contains { planVerbsPast.contains($0.text) || $0.text == "not" }
                && text != "decided" && text != "elected" && text != "opted"
        }
        if lookVerbs.contains(text) || planVerbsPast.contains(text) { return false }
        return writerWorkVerbs.contains(text) || (text.hasSuffix("ed") && text.count > 4)
    }

    /// "her surgeon removed the infected knee", "my colleague Mr Boateng fixed it", "the surgeon
    /// there released the compartments", "my predecessor replaced her hip", "Dad's surgeon told us
    /// he replaced the whole hip", "by his surgeon", "by the club's consultant": another surgeon
    /// named as the one who operated makes the clause that tells the work history. Not "my
    /// surgeon" (a patient telling their own operation), not "my colleague and I", "by Mr Hart and
    /// myself"; not "the treating surgeon" (a claims summary quoting the operating surgeon's report
    /// is labelled with the operation in voice7b, v7b-17, v7b-45).
    func markOtherSurgeonsWork(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        // "fixed yesterday by Dr. Feldman", "performed 4/18 by Dr. Kim", "operated on by Mr Khan":
        // work done by a named surgeon, told by someone else. Not the roles of one's own record
        // ("assisted by Dr Jones", "dictated by", "supervised by") and not a coder asking how to
        // code it ("how do I code the ORIF done by Dr Osei"), nor in a relative's or the patient's own
        // account, where the surgeon named is the one whose operation it tells ("Mum had her left hip
        // replaced yesterday by Mr Osei").
        let account = Self.toldByFamily(tokens)
        for index in tokens.indices where tokens[index].text == "by" && index + 1 < tokens.count && index > 0
            && !account && Self.titles.contains(tokens[index + 1].text) && !Self.ownRecordRoles.contains(tokens[index - 1].text)
            && !Self.ownBodyTold(tokens, from: max(0, index - 12), to: index)
            && !Self.asksForCode(tokens, before: index)
            && !tokens[(index + 1)..<min(tokens.count, index + 6)].contains(where: { Self.writerAsAgent.contains($0.text) }) {
            var back = index - 1
            while back >= 0, tokens[back].clause == tokens[index].clause, !Lexicon.backwardStops.contains(tokens[back].text),
                  !["i", "we"].contains(tokens[back].text) {
                tokens[back].historical = true
                back -= 1
            }
        }
        for index in tokens.indices where Self.surgeonRoles.contains(tokens[index].text) {
            guard index > 0 else { continue }
            let before = tokens[index - 1].text
            let owner: Bool
            if ["his", "her", "their", "your"].contains(before) {
                owner = true
            } else if ["colleague", "colleagues", "predecessor", "partner"].contains(tokens[index].text) && before == "my" {
                owner = true
            } else if ["another", "other", "different"].contains(before) {
                owner = true
            } else if ["our", "my"].contains(before), index >= 2, tokens[index - 2].text == "not" {
                // "(not our team)", "not my patient's surgeon": the work was someone else's.
                owner = true
            } else if tokens[index - 1].end < bytes.count, tokens[index - 1].end > tokens[index - 1].start + 2,
                      bytes[tokens[index - 1].end - 2] == UInt8(ascii: "'") || bytes[tokens[index - 1].end - 1] == UInt8(ascii: "'") {
                // "Dad's surgeon", "the club's consultant", "Mr Evans' team"; not in a relative's own
                // account, where "Mum's surgeon" is the one whose care it tells ("Message from
                // daughter: Mum's surgeon Dr Boateng saw her x-rays ... didn't operate").
                owner = !["my", "our"].contains(index >= 2 ? tokens[index - 2].text : "")
                    && !(account && Self.relativeWords.contains(before))
            } else if before == "the", index + 1 < tokens.count, tokens[index + 1].text == "there" {
                owner = true
            } else {
                owner = false
            }
            guard owner else { continue }
            let clause = tokens[index].clause
            let sentence = tokens[index].sentence
            // "my colleague and I", "her surgeon and I": the writer shares the work.
            if tokens[(index + 1)..<min(tokens.count, index + 4)].contains(where: { $0.text == "i" || $0.text == "we" || Self.writerAsAgent.contains($0.text) }) { continue }
            // The clause the role stands in, and what follows it in the sentence up to a word that
            // ends a scope or the writer's own voice ("her surgeon had advised it; I performed it").
            var position = index + 1
            while position < tokens.count, tokens[position].sentence == sentence, position <= index + 25,
                  tokens[position].clause == clause || !Lexicon.scopeBreakers.contains(tokens[position].text) {
                if ["i", "we"].contains(tokens[position].text) { break }
                tokens[position].historical = true
                position += 1
            }
            var back = index - 1
            while back >= 0, tokens[back].clause == clause, !["i", "we"].contains(tokens[back].text) {
                tokens[back].historical = true
                back -= 1
            }
            tokens[index].historical = true
            // A disclaimer alone in its clause ("Pt had L THR at St Mary's on 02/03 (not our team)")
            // is said of the clause before it in the sentence.
            if back >= 0, index - back <= 3, tokens[back].sentence == sentence, tokens[back].clause != clause {
                let previous = tokens[back].clause
                while back >= 0, tokens[back].clause == previous, !["i", "we"].contains(tokens[back].text) {
                    tokens[back].historical = true
                    back -= 1
                }
            }
        }
    }

    /// The writer named as the one who did the work: "by Mr Hart and myself", "managed by us".
    static let writerAsAgent: Set<String> = ["me", "myself", "us", "ourselves"]
    static let titles: Set<String> = ["dr", "doctor", "mr", "mrs", "ms", "miss", "prof", "professor"]
    static let ownRecordRoles: Set<String> = ["assisted", "dictated", "supervised", "seen", "reviewed", "signed", "attested", "countersigned",
                                              "transcribed", "written", "proctored", "observed", "scrubbed", "translated", "typed", "entered",
                                              "authored", "prepared", "checked", "verified", "referred"]
    static let surgeonRoles: Set<String> = ["surgeon", "surgeons", "orthopedist", "orthopaedist", "consultant", "colleague", "colleagues",
                                            "predecessor", "partner", "team"]
}
