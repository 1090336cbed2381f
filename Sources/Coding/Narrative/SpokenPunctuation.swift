/// Punctuation a surgeon dictated, written out as words by speech recognition.
extension NarrativeAnalyzer {
    /// Speech recognition writes the punctuation the surgeon spoke as words ("fixation of the left
    /// fibula period the wound was closed comma then"): "period", "full stop", "new paragraph" and
    /// "next paragraph" end a sentence, "comma" and "semicolon" a clause. Run once on the
    /// tokenizer's words, before anything reads them.
    ///
    /// "period" stays a word before "of" ("a period of immobilisation"), and after a word that
    /// takes it as a noun (`periodNounWords`: "the postoperative period") when the words around it
    /// say so too (`saysNoPunctuation`: "a 6 week period", "the period was uneventful").
    /// "semicolon" stays when `saysNoPunctuation` holds; "comma" is a mark after any word. (This
    /// was two passes, the tokenizer's and this one, each with a noun list of its own; a "period"
    /// the first kept, the second could still take for a mark: this pass does what the two did.)
    static func spokenPunctuation(_ raw: [Tokenizer.RawToken]) -> [Tokenizer.RawToken] {
        guard raw.contains(where: { $0.text == "period" || $0.text == "stop" || $0.text == "comma" || $0.text == "semicolon" || $0.text == "paragraph" }) else { return raw }
        var output: [Tokenizer.RawToken] = []
        output.reserveCapacity(raw.count)
        var pending = Tokenizer.Boundary.none
        var index = 0
        while index < raw.count {
            var token = raw[index]
            let before = output.last?.text
            let next = index + 1 < raw.count ? raw[index + 1].text : nil
            var spoken: (boundary: Tokenizer.Boundary, length: Int)?
            switch token.text {
            case "period" where before != nil && token.boundary == .none && next != "of"
                && (!periodNounWords.contains(before!) || !saysNoPunctuation(after: before!, before: next)):
                spoken = (.sentence, 1)
            case "comma" where before != nil && token.boundary == .none:
                spoken = (.clause, 1)
            case "semicolon" where before != nil && token.boundary == .none && !saysNoPunctuation(after: before!, before: next):
                spoken = (.clause, 1)
            case "full" where next == "stop" && before != nil && raw[index + 1].boundary == .none:
                spoken = (.sentence, 2)
            case "new" where next == "paragraph", "next" where next == "paragraph":
                spoken = (.sentence, 2)
            default:
                break
            }
            if let spoken {
                if spoken.boundary > pending { pending = spoken.boundary }
                index += spoken.length
                continue
            }
            if pending > token.boundary { token.boundary = pending }
            pending = .none
            output.append(token)
            index += 1
        }
        return output
    }

    /// The word before is a noun's ("the postop period", "a 6 week period", "1 semicolon") or the
    /// word after goes on with it ("period was uneventful", "period in a cast", "comma shaped").
    static func saysNoPunctuation(after before: String, before next: String?) -> Bool {
        nounBeforePunctuationWord.contains(before) || Double(before) != nil
            || next.map { ["of", "was", "is", "in", "during", "shaped"].contains($0) } ?? false
    }

    /// Words a noun "period" follows ("the postoperative period", "healing period", "weight bearing period").
    static let periodNounWords: Set<String> = [
        "a", "the", "this", "that", "same", "each", "any", "one", "postoperative", "perioperative", "preoperative",
        "recovery", "healing", "waiting", "time", "short", "brief", "long", "longer", "prolonged", "immediate", "early",
        "late", "initial", "rehabilitation", "observation", "refractory", "latent", "window", "trial", "menstrual",
        "follow", "up", "week", "weeks", "month", "months", "day", "days", "immobilization", "weight", "bearing", "grace",
    ]

    static let nounBeforePunctuationWord: Set<String> = [
        "a", "an", "the", "this", "that", "each", "every", "same", "whole", "entire", "postoperative", "perioperative", "preoperative",
        "operative", "post", "recovery", "healing", "waiting", "trial", "time", "short", "long", "brief", "initial", "early", "late",
        "global", "grace", "immobilization", "immobilisation", "observation", "day", "days", "week", "weeks", "month", "months",
        "year", "years", "hour", "hours", "refractory", "latent", "menstrual", "full", "no", "any", "rest",
        "postop", "perioperatively", "prolonged", "rehabilitation", "neonatal", "followup", "follow",
    ]
}
