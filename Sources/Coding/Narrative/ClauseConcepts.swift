/// Facts said across a clause rather than in one phrase: clause concepts from the lexicon, a
/// posterior malleolus fixed in a clause that does not name it, compartments released after
/// their pressures were measured. Each adds words that knowledge-base phrases can match.
extension NarrativeAnalyzer {
    /// Compartment pressures in mmHg, then compartments "released"/"opened" with no word for the
    /// fascia or the compartment ("ant 55 lat 48 mmHg. Anterior + lateral released."; "Pressures
    /// 45/50/38/42 mmHg, all four opened"): the release is a fasciotomy. Pressures of a tourniquet,
    /// a cuff or the blood do not count, nor a release of a retinaculum, capsule, tendon or ligament.
    static let pressureExclusions: Set<String> = ["tourniquet", "cuff", "bp", "blood", "map", "systolic", "diastolic", "insufflation",
                                                  "pneumoperitoneum", "arterial", "venous", "cvp", "pump", "inflated"]
    static let releaseVerbs: Set<String> = ["released", "release", "opened", "decompressed", "split", "incised"]
    static let otherReleased: Set<String> = ["tourniquet", "retinaculum", "retinacular", "capsule", "capsular", "capsulotomy", "tendon",
                                             "ligament", "contracture", "adhesions", "tenotomy", "band", "iliotibial", "itb", "clamp",
                                             "traction", "reduction", "carpal", "tunnel", "nerve", "tissue", "tissues", "gap", "gaps", "balancing"]
    /// The same when the syndrome is told in words instead of pressures ("all four compartments tense.
    /// Medial and lateral incisions, all four released"): compartments said tense, tight or in a
    /// syndrome, in a sentence of their own, before the sentence that releases them by name or count.
    /// Not "tight": a knee replacement's compartment is tight in flexion, and its release balances it.
    static let compartmentStates: Set<String> = ["tense", "syndrome", "woody", "hard", "firm", "swollen"]
    func addPressureRelease(_ tokens: inout [NarrativeToken]) {
        guard tokens.contains(where: { $0.text == "mmhg" || $0.text == "compartments" || $0.text == "compartment" }),
              !tokens.contains(where: { $0.text == "fasciotomy" || $0.text == "fasciotomies" }) else { return }
        var sentenceWords: [Int: [Int]] = [:]
        for index in tokens.indices { sentenceWords[tokens[index].sentence, default: []].append(index) }
        let pressure = sentenceWords.values.contains { members in
            members.contains { tokens[$0].text == "mmhg" } && !members.contains { Self.pressureExclusions.contains(tokens[$0].text) }
        }
        let syndrome = sentenceWords.values.contains { members in
            members.contains { ["compartment", "compartments"].contains(tokens[$0].text) && !tokens[$0].negated && !tokens[$0].historical }
                && members.contains { Self.compartmentStates.contains(tokens[$0].text) && !tokens[$0].negated }
        }
        guard pressure || syndrome else { return }
        // The release done, not one declined: a sentence that says the soft compartments were "not
        // opened" does not take the word from the later one that opens the tense one ("posterior and
        // adductor soft, not opened. Single lateral incision, fascia over quadriceps split"). With no
        // release said done, the first declined one takes it, negated, as before.
        func done(_ index: Int) -> Bool { !tokens[index].negated && !tokens[index].historical }
        // A sentence that names a compartment and nothing else a release may be of (a tourniquet, a retinaculum).
        func namesCompartmentOnly(_ members: [Int]) -> Bool {
            members.contains(where: { Lexicon.compartmentWords.contains(tokens[$0].text) })
                && !members.contains(where: { Self.otherReleased.contains(tokens[$0].text) })
        }
        let someDone = sentenceWords.values.contains { members in
            members.contains { Self.releaseVerbs.contains(tokens[$0].text) && done($0) } && namesCompartmentOnly(members)
        }
        for sentence in sentenceWords.keys.sorted() {
            let members = sentenceWords[sentence]!
            guard let verb = members.first(where: { Self.releaseVerbs.contains(tokens[$0].text) && (!someDone || done($0)) }),
                  namesCompartmentOnly(members) else { continue }
            var token = tokens[verb]
            token.text = "fasciotomy"
            tokens.insert(token, at: verb + 1)
            return
        }
    }

    /// A nail from a nail gun is a projectile lodged in the tissues, not an intramedullary nail ("nail gun
    /// injury, X-ray 5 cm nail in quadriceps ... nail removed"): in a note that names the gun, every
    /// "nail" reads as "projectile", so a foreign-body code is matched and no nail code or nail
    /// ruling-out word is.
    func addNailGunProjectiles(_ tokens: inout [NarrativeToken]) {
        guard tokens.indices.dropFirst().contains(where: { ["gun", "guns"].contains(tokens[$0].text) && ["nail", "nails"].contains(tokens[$0 - 1].text) })
        else { return }
        for index in tokens.indices where tokens[index].text == "nail" || tokens[index].text == "nails" {
            tokens[index].text = tokens[index].text == "nail" ? "projectile" : "projectiles"
        }
    }

    /// The end of a long bone told in plain words with its owner or side between ("the lower end of
    /// his right thighbone", "at the top of her left shinbone and fibula", "the bottom of the femur"):
    /// "distal" or "proximal" is added before the bone, as the abbreviations do for the bare phrases
    /// ("lower end of the femur"). Not "top of the knee" or "end of the bone": only the femur, tibia
    /// and fibula, one to three words of owner, side or article after "of".
    static let layEndFillers: Set<String> = ["the", "his", "her", "their", "my", "your", "its", "right", "left", "r", "l", "both"]
    static let layEndBones: Set<String> = ["femur", "femurs", "tibia", "tibias", "tibiae", "fibula", "fibulae"]
    func addLayBoneEnds(_ tokens: inout [NarrativeToken]) {
        guard tokens.contains(where: { Self.layEndBones.contains($0.text) }) else { return }
        var insertions: [(at: Int, token: NarrativeToken)] = []
        for index in tokens.indices.dropLast(2) {
            let word = tokens[index].text
            let before = index > 0 && tokens[index - 1].clause == tokens[index].clause ? tokens[index - 1].text : ""
            let end: String
            switch word {
            case "top": end = "proximal"
            case "bottom": end = "distal"
            case "end", "part", "ends":
                if ["lower", "bottom", "far"].contains(before) { end = "distal" } else if ["upper", "top"].contains(before) { end = "proximal" } else { continue }
            default: continue
            }
            guard tokens[index + 1].text == "of", tokens[index + 1].sentence == tokens[index].sentence else { continue }
            var bone = index + 2
            while bone < tokens.count, bone - index <= 4, Self.layEndFillers.contains(tokens[bone].text) { bone += 1 }
            guard bone < tokens.count, tokens[bone].sentence == tokens[index].sentence, Self.layEndBones.contains(tokens[bone].text),
                  !["distal", "proximal"].contains(tokens[bone - 1].text) else { continue }
            var token = tokens[bone]
            token.text = end
            token.standFor(tokens[index])
            token.clause = tokens[bone].clause
            insertions.append((bone, token))
        }
        for insertion in insertions.sorted(by: { $0.at > $1.at }) { tokens.insert(insertion.token, at: insertion.at) }
    }

    /// "the anterior, lateral, superficial posterior and deep posterior compartments were
    /// decompressed": in a list of compartment names with commas, sharing one head word, each name
    /// followed by a comma is a compartment too; "compartment" is added after it (a phrase sees
    /// only the names beside the head; "anterior and lateral compartments" is left as written).
    static let compartmentNames: Set<String> = ["anterior", "lateral", "posterior", "superficial", "deep", "peroneal", "anterolateral"]
    static let listJoiners: Set<String> = ["and", "or", "plus", "&", "+"]
    func addSharedCompartmentHeads(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        guard tokens.contains(where: { $0.text == "compartments" }) else { return }
        func commaBetween(_ left: Int, _ right: Int) -> Bool {
            tokens[left].end < tokens[right].start && bytes[tokens[left].end..<tokens[right].start].contains(UInt8(ascii: ","))
        }
        var insertions: [(after: Int, token: NarrativeToken)] = []
        for head in tokens.indices where tokens[head].text == "compartments" {
            let sentence = tokens[head].sentence
            var position = head - 1
            while position >= 0, tokens[position].sentence == sentence, Self.compartmentNames.contains(tokens[position].text) { position -= 1 }
            guard position < head - 1 else { continue }
            while position >= 0, tokens[position].sentence == sentence {
                var comma = false
                if Self.listJoiners.contains(tokens[position].text) {
                    position -= 1
                    comma = position >= 0 && commaBetween(position, position + 1)
                } else if commaBetween(position, position + 1) {
                    comma = true
                } else {
                    break
                }
                guard position >= 0, tokens[position].sentence == sentence, Self.compartmentNames.contains(tokens[position].text) else { break }
                let runEnd = position
                while position >= 0, Self.compartmentNames.contains(tokens[position].text), position == runEnd || !commaBetween(position, position + 1) { position -= 1 }
                guard comma else { continue }
                var token = tokens[head]
                token.text = "compartment"
                token.standFor(tokens[runEnd])
                token.clause = tokens[runEnd].clause
                insertions.append((runEnd, token))
            }
        }
        for insertion in insertions.sorted(by: { $0.after > $1.after }) { tokens.insert(insertion.token, at: insertion.after + 1) }
    }

    /// "anterior (quadriceps) compartment", "posterior (hamstring) compartment", "lateral (fibular)
    /// malleolus": a gloss in brackets between a position word and its head word. The head is added
    /// after the position word too, so a phrase reads the name as if the gloss were not there.
    static let glossedPositions: Set<String> = ["anterior", "lateral", "posterior", "medial", "superficial", "deep", "anterolateral",
                                                "posteromedial", "posterolateral", "anteromedial"]
    /// "R knee (tibiofemoral) dislocation", "L hip (native) dislocation": a joint glossed the same way,
    /// when the gloss is one qualifier, not a list ("knee (patellofemoral, not tibiofemoral) dislocation"
    /// names which joint of the knee, and is left as written).
    static let glossedJoints: Set<String> = ["knee", "hip", "ankle"]
    func addGlossedHeads(_ tokens: inout [NarrativeToken], bytes: [UInt8]) {
        func between(_ left: Int, _ right: Int, _ mark: UInt8) -> Bool {
            tokens[left].end < tokens[right].start && bytes[tokens[left].end..<tokens[right].start].contains(mark)
        }
        var insertions: [(after: Int, token: NarrativeToken)] = []
        for index in tokens.indices.dropLast(2) {
            let joint = Self.glossedJoints.contains(tokens[index].text)
            guard joint || Self.glossedPositions.contains(tokens[index].text), between(index, index + 1, UInt8(ascii: "(")) else { continue }
            // The gloss is one to three words, closed before the head word, all in one sentence.
            guard let close = ((index + 1)...min(index + 3, tokens.count - 2)).first(where: { between($0, $0 + 1, UInt8(ascii: ")")) }),
                  tokens[close + 1].sentence == tokens[index].sentence,
                  !((index + 1)...close).contains(where: { between($0, $0 + 1, UInt8(ascii: "(")) }) else { continue }
            // A joint's gloss is one word.
            if joint, close != index + 1 { continue }
            var token = tokens[close + 1]
            token.standFor(tokens[index])
            token.clause = tokens[index].clause
            insertions.append((index, token))
        }
        for insertion in insertions.sorted(by: { $0.after > $1.after }) { tokens.insert(insertion.token, at: insertion.after + 1) }
    }

    /// "the anterior and lateral were soft, so we did not open them", "didn't release those": a
    /// release said not done of a pronoun takes back the compartments named before it in its
    /// sentence (back to a release that was done).
    static let releaseStemsDeclined: [String] = ["open", "releas", "decompress", "incis", "fasciotom", "split"]
    static let releasedPronouns: Set<String> = ["them", "those", "these", "both"]
    func markDeclinedReleases(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices where tokens[index].negated && Self.releasedPronouns.contains(tokens[index].text) {
            let clause = tokens[index].clause
            guard (max(0, index - 3)..<index).contains(where: { position in
                tokens[position].clause == clause && tokens[position].negated
                    && Self.releaseStemsDeclined.contains(where: { tokens[position].text.hasPrefix($0) })
            }) else { continue }
            var position = index - 1
            while position >= 0, tokens[position].sentence == tokens[index].sentence {
                let text = tokens[position].text
                if !tokens[position].negated, Self.releaseStemsDeclined.contains(where: { text.hasPrefix($0) }) { break }
                if Lexicon.compartmentWords.contains(text) || text == "compartment" || text == "compartments" { tokens[position].negated = true }
                position -= 1
            }
        }
    }

    /// "the only tissue removed was necrotic subcutaneous fat at the skin edge", "a strip of
    /// devitalised skin trimmed", "dead fat excised": a word of death said of skin, fat or eschar is
    /// that tissue's, not the muscle's. The word is read as its own ("necroticskin"), so neither a
    /// dead-muscle phrase nor a debridement of dead muscle is built from it.
    static let deathWords: Set<String> = ["necrotic", "nonviable", "dead", "devitalized", "devitalised", "dusky", "grey", "gray",
                                          "black", "infarcted", "gangrenous"]
    static let surfaceTissues: Set<String> = ["skin", "fat", "subcutaneous", "subcutaneum", "eschar", "epidermis", "dermis",
                                              "dermal", "blister", "blisters", "adipose"]
    func markDeadSkinAndFat(_ tokens: inout [NarrativeToken]) {
        for index in tokens.indices.dropLast() where Self.deathWords.contains(tokens[index].text) {
            var next = index + 1
            if ["and", "subcutaneous"].contains(tokens[next].text), next + 1 < tokens.count { next += 1 }
            guard tokens[next].clause == tokens[index].clause,
                  Self.surfaceTissues.contains(tokens[next].text) || Self.surfaceTissues.contains(tokens[index + 1].text) else { continue }
            // "necrotic skin and muscle were excised": the muscle is dead too.
            if tokens[(next + 1)..<min(tokens.count, next + 4)].contains(where: { $0.clause == tokens[index].clause && $0.text.hasPrefix("muscle") }) { continue }
            tokens[index].text += "skin"
        }
    }

    /// "33-A2 distal femur", "42-B3 tib", "44-C1": an AO/OTA class names a fracture of its region
    /// (31-33 femur, 41-44 tibia and ankle, 61-62 pelvis and acetabulum) even where the word
    /// "fracture" is left out; the word is added after the class.
    static let classifiedRegions: Set<String> = ["31", "32", "33", "41", "42", "43", "44", "61", "62"]
    func addClassifiedFractures(_ tokens: inout [NarrativeToken]) {
        guard tokens.contains(where: { Self.classifiedRegions.contains($0.text) }) else { return }
        func isGroup(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            guard bytes.count == 2 || (bytes.count == 4 && bytes[2] == UInt8(ascii: ".")) else { return false }
            return [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c")].contains(bytes[0])
                && bytes[1] >= UInt8(ascii: "1") && bytes[1] <= UInt8(ascii: "3")
        }
        for index in tokens.indices.dropLast().reversed() where Self.classifiedRegions.contains(tokens[index].text) {
            let group = tokens[index + 1]
            guard isGroup(group.text), group.clause == tokens[index].clause, group.start - tokens[index].end <= 1 else { continue }
            if index + 2 < tokens.count, tokens[index + 2].text.hasPrefix("fracture") { continue }
            var word = group
            word.text = "fracture"
            tokens.insert(word, at: index + 2)
        }
    }

    /// Adds each clause concept whose word groups all occur in the clause (or, for a concept
    /// scoped to the sentence, in the sentence), at the last of them. A clause interrupted by a
    /// parenthetical aside is still one clause.
    func addConcepts(_ tokens: inout [NarrativeToken]) {
        guard !lexicon.concepts.isEmpty, !tokens.isEmpty else { return }
        var insertions: [(after: Int, token: NarrativeToken)] = []
        var clauses: [Int: [Int]] = [:]
        var sentences: [Int: [Int]] = [:]
        var order: [(clause: Bool, key: Int)] = []
        for index in tokens.indices {
            if clauses[tokens[index].clause] == nil { order.append((true, tokens[index].clause)) }
            if sentences[tokens[index].sentence] == nil { order.append((false, tokens[index].sentence)) }
            clauses[tokens[index].clause, default: []].append(index)
            sentences[tokens[index].sentence, default: []].append(index)
        }
        // A concept with a group of which the narrative has no word at all is in no clause or
        // sentence: read once here, not for each clause and sentence.
        let texts = Set(tokens.map(\.text))
        let conceptGroups = lexicon.conceptGroups
        let present = conceptGroups.map { groups in groups.allSatisfy { $0.matchesAny(of: texts) } }
        // "tensor fascia lata(e)" names a muscle, not the fascia: "open release of the tensor fascia
        // lata and gluteus medius" is a tendon release, no fasciotomy.
        func partOfMuscleName(_ i: Int) -> Bool {
            i > 0 && tokens[i - 1].text == "tensor" && (tokens[i].text == "fascia" || tokens[i].text == "fasciae")
        }
        for (isClause, key) in order {
            let members = isClause ? clauses[key]! : sentences[key]!
            for (conceptIndex, concept) in lexicon.concepts.enumerated() where present[conceptIndex] && concept.afterFirst && concept.sentenceScope != isClause {
                // In order: a word of each group after the one before; the word goes after the first
                // group's word nearest the second group's, with the second group's scope.
                func isIn(_ group: Lexicon.WordGroup, _ i: Int) -> Bool { !partOfMuscleName(i) && group.matches(tokens[i].text) }
                let groups = conceptGroups[conceptIndex]
                var search = members.startIndex
                var found: [Int] = []
                for group in groups {
                    guard let at = members[search...].firstIndex(where: { isIn(group, $0) }) else { found = []; break }
                    found.append(members[at])
                    search = at + 1
                }
                guard found.count == concept.groups.count, found.count >= 2,
                      let first = members.last(where: { $0 < found[1] && isIn(groups[0], $0) }) else { continue }
                if first + 1 < tokens.count, tokens[first + 1].text == concept.concept { continue }
                // Over a sentence, the bone is named on its own: it ends its clause or only its shaft
                // follows ("L tibia - long spiral", "fibular shaft, L, oblique"), not "tibial plateau,
                // comminuted" or "femoral neck, undisplaced" (a part of the bone with codes of its own).
                if concept.sentenceScope, first + 1 < tokens.count, tokens[first + 1].clause == tokens[first].clause,
                   !Self.boneNameEnds.contains(tokens[first + 1].text)
                    || (first + 2 < tokens.count && tokens[first + 2].clause == tokens[first].clause) { continue }
                // The phrase made is read with its first word's scope: when the subject and the verb
                // differ ("the fibula left alone and the tibia plated", "fibula previously plated"),
                // the subject is not what the verb did today.
                let (subject, verb) = (tokens[first], tokens[found[1]])
                if subject.negated != verb.negated || subject.uncertain != verb.uncertain || subject.historical != verb.historical { continue }
                // "external fixator tibia to calcaneus and ORIF of the fibula with a plate": another
                // bone named between them is what the verb did.
                if tokens[(first + 1)..<found[1]].contains(where: { Self.longBoneWords.contains($0.text) && !concept.groups[0].contains($0.text) }) { continue }
                // "ORIF of the plafond and plate on the fibula", "plating of the fibula": the verb's own
                // object, named right after it, is another bone; the verb is that bone's.
                var object = found[1] + 1
                while object < tokens.count, object <= found[1] + 4, tokens[object].clause == verb.clause,
                      Self.objectLinkWords.contains(tokens[object].text) { object += 1 }
                if object < tokens.count, tokens[object].clause == verb.clause, Self.longBoneWords.contains(tokens[object].text),
                   !concept.groups[0].contains(where: { $0.prefix(3) == tokens[object].text.prefix(3) }) { continue }
                var token = tokens[found[1]]
                token.text = concept.concept
                token.start = tokens[first].start
                token.end = tokens[first].end
                // Over a sentence, the word joins the bone's clause, where its name is.
                token.clause = tokens[first].clause
                // A word of its own ("fibulafixation", read by one fact only) goes after the verb, so
                // the clause's words stay together for the entries' phrases ("fibula was fixed").
                var after = concept.concept.hasSuffix("fixation") ? found[1] : first
                // "fibular shaft, L, oblique": after the bone's whole name ("fibular shaft fracture").
                while after + 1 < found[1], Self.boneNameEnds.contains(tokens[after + 1].text) { after += 1 }
                if insertions.contains(where: { $0.after == after && $0.token.text == concept.concept }) { continue }
                insertions.append((after, token))
            }
            for (conceptIndex, concept) in lexicon.concepts.enumerated() where present[conceptIndex] && !concept.afterFirst && concept.sentenceScope != isClause {
                if members.contains(where: { tokens[$0].text == concept.concept }) { continue }
                var last = -1
                var action = -1
                var all = true
                var denied = false
                let groups = conceptGroups[conceptIndex]
                for (offset, group) in groups.enumerated() {
                    guard let index = members.last(where: { i in !partOfMuscleName(i) && group.matches(tokens[i].text) }) else { all = false; break }
                    last = max(last, index)
                    if offset == 1 { action = index } else if tokens[index].negated, Self.deniedOutright(tokens, at: index) { denied = true }
                }
                // A word of another group said outright not to be ("straightened the broken thighbone by
                // pulling on it, without any cut", "no cut was needed"): the concept is not told; the
                // action's own denial ("the compartments were not released") is told, as denied.
                if all, denied, action >= 0, !tokens[action].negated { continue }
                // Over a sentence, a concept ending on a bone goes in only where the bone's name ends
                // ("SIGN nail inserted R tibia for midshaft #"), never inside a longer name ("IMN femur
                // and ORIF of the tibial plateau", "tibial lengthening"); one ending on a nail, only on
                // the bone's own nail ("reamed tibial IMN with locking screws"; not "tibial osteotomy
                // and a magnetic lengthening nail", "tibial nail was removed").
                if all, concept.sentenceScope, last >= 0 {
                    let word = tokens[last].text
                    if Self.longBoneWords.contains(word), Self.nameGoesOn(tokens, after: last) { continue }
                    if Self.nailWords.contains(word),
                       !(max(0, last - 2)..<last).contains(where: { i in groups[0].matches(tokens[i].text) })
                        || Self.nameGoesOn(tokens, after: last) { continue }
                }
                if all, last >= 0, !insertions.contains(where: { $0.after == last && $0.token.text == concept.concept }) {
                    var token = tokens[last]
                    token.text = concept.concept
                    // Whether it happened, and the words quoted for it, are the action word's (the second
                    // group): "opened the fascia and found the minimus dead, didn't twitch" is a fasciotomy.
                    if action >= 0 { token.standFor(tokens[action]) }
                    insertions.append((last, token))
                }
            }
        }
        for insertion in insertions.sorted(by: { $0.after > $1.after }) { tokens.insert(insertion.token, at: insertion.after + 1) }
    }

    /// Whether the word at `index` is denied by "no" or "without" right before it ("no cut", "without
    /// any cut", "without a single cut"), not by a negation further off whose scope reaches it.
    static func deniedOutright(_ tokens: [NarrativeToken], at index: Int) -> Bool {
        var position = index - 1
        while position >= 0, position >= index - 3, ["any", "a", "an", "single"].contains(tokens[position].text) { position -= 1 }
        return position >= 0 && tokens[position].clause == tokens[index].clause && ["no", "without"].contains(tokens[position].text)
    }

    static let fixationWords: Set<String> = ["fixed", "fix", "fixation", "held", "stabilised", "stabilized", "secured", "screw", "screws",
                                             "plate", "plated", "buttressed", "buttress", "pinned", "wired"]
    static let timeByEventWords: Set<String> = ["after", "following", "post", "before", "pre", "until", "since"]
    static let boneNameEnds: Set<String> = ["shaft", "diaphysis", "diaphyseal", "midshaft"]
    static let nailWords: Set<String> = ["nail", "nails", "nailed", "nailing"]
    /// Words that may follow a whole bone or implant name in its clause (also its day: "down my right
    /// shin bone on Friday", "nailed the tibia today").
    static let afterWholeName: Set<String> = ["for", "with", "using", "via", "through", "under", "after", "because", "as", "in", "into", "at",
                                              "on", "today", "yesterday", "tonight", "last", "this"]
    /// Whether the name ending at `index` goes on in its clause ("tibial plateau", "nail was"): the
    /// next word is in the same clause and is none of the words that may follow a whole name.
    static func nameGoesOn(_ tokens: [NarrativeToken], after index: Int) -> Bool {
        index + 1 < tokens.count && tokens[index + 1].clause == tokens[index].clause && !afterWholeName.contains(tokens[index + 1].text)
    }
    static let longBoneWords: Set<String> = ["fibula", "fibular", "tibia", "tibial", "femur", "femoral", "talus", "calcaneus"]
    static let objectLinkWords: Set<String> = ["on", "to", "of", "onto", "the", "a", "an", "its", "distal", "lateral"]
    static let malleolusWords: Set<String> = ["malleolus", "malleolar", "malleoli", "lip", "fragment"]
    static let otherBoneWords: Set<String> = ["fibula", "fibular", "tibia", "tibial", "syndesmosis", "deltoid", "talus", "talar", "plafond",
                                              "pilon", "shaft"]
    static let sideOfAnkleWords: Set<String> = ["medial", "lateral", "medially", "laterally"]
    static let routeWords: Set<String> = ["through", "via", "with", "after", "from", "along", "using", "by", "behind", "beside", "around", "past"]

    /// "LM plated, MM 2 screws", "fibula rod …; 2 cannulated screws (MM)", "the lateral malleolus was
    /// plated. The medial malleolus was then fixed with two screws": an ankle fracture through two
    /// malleoli told one malleolus at a time, never by its name. Each malleolus named as broken or
    /// treated (the lateral also as the distal fibula; the posterior also when said left unfixed, not
    /// when said absent: "no posterior fragment") makes the fracture bimalleolar or trimalleolar, and
    /// that word is added after the first malleolus named, with its scope. Not when the note names the
    /// combination itself, a pilon or a shaft, or nothing broken.
    static let malleolarCombinationWords: Set<String> = ["bimalleolar", "trimalleolar", "bimal", "trimal", "pilon", "pylon",
                                                         "shaft", "osteotomy", "osteotomies", "arthrodesis", "fusion", "arthroplasty", "replacement"]
    static let malleolarBreakWords: Set<String> = ["fracture", "fractures", "fractured", "fx", "broken", "break", "fragment", "displaced",
                                                   "weber", "orif", "reduced", "reduction", "fixed", "fixation", "plated", "plate", "screws",
                                                   "screw", "screwed", "pinned", "wired"]
    static let malleolarImplantWords: Set<String> = ["plate", "plated", "plating", "screw", "screws", "screwed", "wires", "tension"]
    static let absenceWords: Set<String> = ["no", "without", "nil", "not"]
    static let brokenFragmentWords: Set<String> = ["fragment", "fracture", "fractured", "small", "tiny", "undisplaced", "nondisplaced",
                                                   "displaced", "reduced", "minimal", "minimally", "percent", "%", "fx", "broken"]
    static let unbrokenWords: Set<String> = ["intact", "normal", "uninvolved", "spared", "fine", "ok", "okay", "unbroken", "uninjured", "undamaged"]
    static let injuredWords: Set<String> = ["broken", "fractured", "involved", "injured", "affected", "displaced"]
    static let sideWords: Set<String> = ["right", "left", "r", "l", "rt", "lt", "bilateral", "both", "contralateral", "opposite"]
    func addMalleolarCombination(_ tokens: inout [NarrativeToken]) {
        guard tokens.contains(where: { $0.text == "malleolus" || $0.text == "malleolar" || $0.text == "malleoli" }),
              !tokens.contains(where: { Self.malleolarCombinationWords.contains($0.text) || $0.text == "isolated" }),
              tokens.contains(where: { Self.malleolarBreakWords.contains($0.text) && !$0.negated && !$0.historical }) else { return }
        // One ankle only: with both sides named, each malleolus may be another ankle's.
        var sides: Set<String> = []
        for token in tokens where Self.sideWords.contains(token.text) {
            sides.insert(["right", "r", "rt"].contains(token.text) ? "right" : ["left", "l", "lt"].contains(token.text) ? "left" : "both")
        }
        guard sides.count <= 1, !sides.contains("both") else { return }
        var first: [String: Int] = [:]
        var posteriorUntreated: Int?
        func note(_ part: String, at index: Int, word: Int) {
            guard first[part] == nil, !tokens[index].historical, !tokens[index].uncertain else { return }
            // "medial malleolus intact", "fibula's fine", "medial malleolus not broken", "fibula and
            // syndesmosis checked, intact": not broken (up to the next fracture, fixation or malleolus word).
            let after = (word + 1)..<min(tokens.count, word + 4)
            var unbroken = false
            for position in (word + 1)..<min(tokens.count, word + 7) where tokens[position].sentence == tokens[word].sentence {
                let text = tokens[position].text
                if Self.unbrokenWords.contains(text) { unbroken = true; break }
                if Self.malleolarBreakWords.contains(text) || Self.malleolusWords.contains(text) || text == "fibula" || text == "fibular" { break }
            }
            if unbroken || after.contains(where: { Self.unbrokenWords.contains(tokens[$0].text) })
                || after.contains(where: { Self.absenceWords.contains(tokens[$0].text) && $0 + 1 < tokens.count && Self.injuredWords.contains(tokens[$0 + 1].text) }) { return }
            if tokens[index].negated || tokens[word].negated {
                // "PM <15% left alone", "small posterior fragment, not fixed": broken (its clause
                // says so: a size, a fragment, a fracture), left as it was. "No posterior fragment",
                // "posterior malleolus not addressed": nothing says it was broken.
                let previous = index > 0 ? tokens[index - 1].text : ""
                let broken = tokens.clauseSpan(of: word).contains { position in
                    position != word && (Self.brokenFragmentWords.contains(tokens[position].text) || tokens[position].text.first?.isNumber == true)
                }
                if part == "posterior", broken, !Self.absenceWords.contains(previous), posteriorUntreated == nil { posteriorUntreated = index }
                return
            }
            first[part] = index
        }
        for index in tokens.indices {
            let word = tokens[index].text
            let next = index + 1 < tokens.count ? tokens[index + 1].text : ""
            let previous = index > 0 ? tokens[index - 1].text : ""
            if Self.malleolusWords.contains(word) {
                // "the lateral, medial and posterior malleoli", "posterior tibial fragment": the
                // positions before the malleolus word, over a list and the bone's name.
                var look = index - 1
                while look >= 0, look >= index - 5, tokens[look].sentence == tokens[index].sentence {
                    let text = tokens[look].text
                    if ["medial", "lateral", "posterior"].contains(text) {
                        if text == "posterior" || (word != "lip" && word != "fragment") { note(text, at: look, word: index) }
                    } else if !["and", "or", "the", "tibial", "tibia", "&"].contains(text) { break }
                    look -= 1
                }
            } else if word == "fibula" || word == "fibular", !["proximal", "high", "midshaft"].contains(previous), !["head", "neck", "shaft"].contains(next) {
                note("lateral", at: index, word: index)
            } else if word == "lateral" || word == "medial", Self.malleolarImplantWords.contains(next) {
                // "the lateral plate and the two medial malleolar screws", "lateral plate, medial screws"
                note(word, at: index, word: index)
            } else if word.hasPrefix("volkmann") {
                note("posterior", at: index, word: index)
            }
        }
        if first["posterior"] == nil, let untreated = posteriorUntreated { first["posterior"] = untreated }
        // Two malleoli with the posterior one among them name it by itself ("posterior malleolus …
        // after the fibula was plated; medial done with a tension band"): the third may be told in
        // words not read here, and the knowledge base reads a posterior malleolus on its own.
        guard first["lateral"] != nil, first["medial"] != nil,
              let anchor = first.values.filter({ !tokens[$0].negated }).min() else { return }
        var token = tokens[anchor]
        token.text = first.count == 3 ? "trimalleolar" : "bimalleolar"
        var at = anchor + 1
        while at < tokens.count, at <= anchor + 5, !Self.malleolusWords.contains(tokens[at].text), tokens[at].clause == tokens[anchor].clause,
              ["and", "or", "the", "medial", "lateral", "posterior", "tibial", "&"].contains(tokens[at].text) { at += 1 }
        if at < tokens.count, Self.malleolusWords.contains(tokens[at].text) { at += 1 } else { at = anchor + 1 }
        tokens.insert(token, at: at)
    }

    /// The posterior malleolus fixed in words that do not name it next to the fixation: a fixation
    /// word's subject is the structure named last before it ("Attention to the posterior malleolus:
    /// reduced through the fibular fracture with a ball spike, then held with two lag screws"; "Then
    /// posterior malleolus we fix with two screws"), passing over a structure after a word of route
    /// ("through the fibular fracture") unless it stands right before the fixation word ("after
    /// fibular fixation" is the fibula's), and over "it", "which" and a bare "fragment"; a sentence
    /// naming no structure ("it was reduced and stabilised with two lag screws") takes the last one
    /// of the sentence before. Then "posterior malleolus fixed" is added at the end of the fixation
    /// word's clause, with its scope (negated when the fixation word is). Fixation words that are
    /// uncertain or history, or outside the operation's sections, do not count.
    func addPosteriorFragmentFixation(_ tokens: inout [NarrativeToken]) {
        guard tokens.contains(where: { $0.text == "posterior" }) else { return }
        /// What the word at `index` names: "posterior" (with the index of its malleolus word), "other", or nil.
        func structure(at index: Int) -> String? {
            let word = tokens[index].text
            if Self.malleolusWords.contains(word) {
                var look = index - 1
                var named: String?
                while look >= 0, look >= index - 4, tokens[look].sentence == tokens[index].sentence {
                    let text = tokens[look].text
                    if text == "posterior" { return "posterior" }
                    if text == "medial" || text == "lateral" { named = "other" }
                    // "the posterior tibial fragment", "the posterior tibial lip": the bone named
                    // between them is the posterior malleolus's own (not "posterior tibial tendon").
                    else if (word == "fragment" || word == "lip") && (text == "tibial" || text == "tibia") {}
                    else if text != "and" && !Self.malleolusWords.contains(text) && !Lexicon.stopWords.contains(text) { break }
                    look -= 1
                }
                return named
            }
            // "Lateral plate, medial screws", "two screws medially": a side of the ankle other than
            // the back names the other malleolus as the implant's place, though its noun is left out.
            if Self.sideOfAnkleWords.contains(word), index + 1 >= tokens.count || !Self.malleolusWords.contains(tokens[index + 1].text),
               index == 0 || tokens[index - 1].text != "posterior" {
                return "other"
            }
            return Self.otherBoneWords.contains(word) ? "other" : nil
        }
        var insertion: (after: Int, words: [NarrativeToken])?
        // A fixation word said not to have happened counts too: "the posterior malleolus fragment
        // was small, reduced indirectly and was not fixed" documents the lip as not fixed (27822),
        // which the inserted words then carry as negated.
        for index in tokens.indices where Self.fixationWords.contains(tokens[index].text)
            && !tokens[index].uncertain && !tokens[index].historical && tokens[index].section.procedureWeight >= 0.5 {
            // "fixation of the fibula", "ORIF of the posterior malleolus": the object is named after
            // it, and the knowledge base's phrases read that.
            var ahead = index + 1
            var namesObject = false
            while ahead < tokens.count, ahead <= index + 3, tokens[ahead].clause == tokens[index].clause {
                if structure(at: ahead) != nil || Self.malleolusWords.contains(tokens[ahead].text) { namesObject = true; break }
                ahead += 1
            }
            if namesObject { continue }
            // "ROM 0-20 degrees after fixation", "stable following fixation": a time named by the
            // fixation, not a fixation of its own.
            if index > 0, Self.timeByEventWords.contains(tokens[index - 1].text) { continue }
            var subject: (String, Int)?
            var look = index - 1
            var searched = tokens[index].sentence
            var crossed = false
            while look >= 0, subject == nil {
                if tokens[look].sentence != searched {
                    // Only a sentence that named no structure at all reads the one before it.
                    guard !crossed else { break }
                    // Not into a question or a doubt ("Did he fix the posterior malleolus? … lateral plate").
                    guard !tokens[look].uncertain else { break }
                    crossed = true
                    searched = tokens[look].sentence
                }
                if let named = structure(at: look) {
                    var adjacent = look == index - 1 || (look == index - 2 && Lexicon.stopWords.contains(tokens[index - 1].text))
                    // "post mal not fixed", "posterior malleolus was not fixed": the phrases read that.
                    if tokens[index].negated, index - look <= 3 {
                        adjacent = adjacent || (look + 1..<index).allSatisfy {
                            Lexicon.stopWords.contains(tokens[$0].text) || Lexicon.forwardNegationWords.contains(tokens[$0].text)
                        }
                    }
                    var afterRoute = false
                    var back = look - 1
                    while back >= 0, back >= look - 3, tokens[back].sentence == tokens[look].sentence {
                        if Self.routeWords.contains(tokens[back].text) { afterRoute = true; break }
                        if !(Lexicon.stopWords.contains(tokens[back].text) || ["distal", "proximal", "posterior", "medial", "lateral", "and"].contains(tokens[back].text)) { break }
                        back -= 1
                    }
                    // Right before the fixation word ("post mal plate") the phrases read it already.
                    if adjacent { subject = ("said", look) } else if !afterRoute { subject = (named, look) }
                }
                look -= 1
            }
            guard let (named, nameStart) = subject, named == "posterior" else { continue }
            var at = nameStart
            // The last word of the name: "posterior malleolar fragment".
            while at + 1 < tokens.count, Self.malleolusWords.contains(tokens[at + 1].text) { at += 1 }
            // Said already in the words that follow ("posterior malleolus fixed with two screws").
            if at + 1 < tokens.count, tokens[at + 1].text == "fixed" { return }
            // Told at the end of the fixation word's clause, where it splits no phrase ("posterior
            // malleolus fracture only" stays whole).
            var end = index
            while end + 1 < tokens.count, tokens[end + 1].clause == tokens[index].clause { end += 1 }
            insertion = (end, ["posterior", "malleolus", "fixed"].map { word in
                var token = tokens[index]
                token.text = word
                return token
            })
            break
        }
        if let insertion { tokens.insert(contentsOf: insertion.words, at: insertion.after + 1) }
    }
}

/// A nail in a note whose only long bone is the tibia is the tibia's nail, though no sentence names
/// both ("13:20 traction L tib, closed reduction on II … 13:50 reamed to 11, 10 mm nail, 2 proximal + 2
/// distal locking screws"): a timeline or an implant log tells the bone in one line and the nail in
/// another. Not when the note names another bone a nail goes in (femur, humerus), or a part of the
/// tibia with codes of its own (plateau, pilon, plafond), or a hindfoot nail; and only when the note
/// does not name the shaft or the fracture itself (then its own phrases tell the site).
extension NarrativeAnalyzer {
    static let tibiaWords: Set<String> = ["tibia", "tibial", "tibiae"]
    static let otherNailSites: Set<String> = ["femur", "femoral", "humerus", "humeral", "hindfoot", "tibiotalocalcaneal", "calcaneus",
                                              "calcaneal", "talus", "plateau", "pilon", "plafond", "pylon", "forearm", "radius", "ulna",
                                              "fibula", "fibular"]
    /// A note that names the tibia's shaft or fracture in words tells the site in its own phrases.
    static let tibiaSiteWords: Set<String> = ["shaft", "fracture", "fractures", "fractured", "diaphysis", "diaphyseal", "midshaft"]
    func addOnlyBoneNail(_ tokens: inout [NarrativeToken]) {
        guard let nail = tokens.firstIndex(where: { Self.nailWords.contains($0.text) && $0.isAffirmed }),
              tokens.contains(where: { Self.tibiaWords.contains($0.text) && $0.isAffirmed }),
              !tokens.contains(where: { $0.text == "tibianail" || Self.otherNailSites.contains($0.text) || Self.tibiaSiteWords.contains($0.text) }) else { return }
        var token = tokens[nail]
        token.text = "tibianail"
        tokens.insert(token, at: nail + 1)
    }
}
