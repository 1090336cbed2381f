/// The part of an operative note a word comes from. What a section says about today's
/// procedure decides how much its words count as procedure evidence.
public enum SectionKind: String, Sendable, CaseIterable {
    case general            // no heading seen (a one-line question, a terse dictation)
    case procedureTitle     // PROCEDURE(S) PERFORMED, OPERATION
    case body               // DESCRIPTION OF PROCEDURE, TECHNIQUE
    case findings
    case diagnosisPre
    case diagnosisPost
    case history            // INDICATIONS, HISTORY: why, not what was done
    case anesthesia
    case plan               // what comes next, not what was done
    case administrative     // EBL, implants, complications, specimens, surgeon

    /// Weight of procedure evidence found in this section.
    var procedureWeight: Double {
        switch self {
        case .procedureTitle: 1.0
        case .general, .body: 0.85
        case .findings: 0.6
        case .anesthesia: 0.5
        case .administrative: 0.4
        // The condition treated is named in the diagnosis lines; procedure words there are rare
        // and, when they are history ("s/p ORIF"), the history cues catch them.
        case .diagnosisPre, .diagnosisPost: 0.7
        case .history: 0.3
        case .plan: 0.1
        }
    }

    /// Weight of diagnosis evidence: the postoperative diagnosis is what the surgeon confirmed.
    var diagnosisWeight: Double {
        switch self {
        case .diagnosisPost: 1.0
        case .diagnosisPre: 0.8
        case .general, .procedureTitle, .findings: 0.7
        case .body: 0.6
        case .history: 0.5
        case .anesthesia, .administrative, .plan: 0.2
        }
    }

    /// Words a heading is made of; a label with any other word ("Sofield procedure tibia") is
    /// text, not a heading.
    static let headingWords: Set<String> = [
        "procedure", "procedures", "performed", "operation", "operations", "operative", "preoperative", "postoperative",
        "pre", "post", "op", "diagnosis", "diagnoses", "dx", "indication", "indications", "for", "history", "of", "present",
        "illness", "hpi", "reason", "description", "details", "detail", "technique", "narrative", "note", "report", "findings",
        "finding", "anesthesia", "anaesthesia", "anesthetic", "type", "plan", "plans", "recommendation", "recommendations",
        "disposition", "follow", "up", "followup", "complication", "complications", "estimated", "blood", "loss", "ebl",
        "specimen", "specimens", "drain", "drains", "implant", "implants", "fluid", "fluids", "tourniquet", "time",
        "condition", "surgeon", "surgeons", "assistant", "assistants", "attending", "date", "antibiotic", "antibiotics",
        "position", "positioning", "brief", "clinical", "summary", "background", "title", "name", "the", "in", "and",
        "surgery", "surgeries", "impression", "assessment", "final", "primary", "secondary", "surgical", "course",
        "dictation", "intraoperative", "postop", "preop", "presentation", "operating", "i", "ii", "iii", "s", "planned",
        "proposed", "intended",
        // "OR:", "In theatre:", "Operating room:", "Intraop:": where the operation itself is told.
        "or", "theatre", "theater", "room", "intraop", "intra",
        // "OR today:", "Today:": the operation of the day, after history told before it.
        "today",
        // "Teaching point:", "Learning points:", "Take-home:", "Lessons learnt:", "Pearl:": a slide's or a
        // summary's lesson, advice in general ("measure all 4"), not a step of the case.
        "teaching", "learning", "point", "points", "take", "home", "message", "lesson", "lessons", "learned", "learnt", "pearl", "pearls",
    ]

    /// Classifies a heading label ("POSTOPERATIVE DIAGNOSIS", "Procedure(s) performed"), already
    /// lower-cased with punctuation turned into spaces. Nil: not a heading we know.
    static func classify(heading label: String) -> SectionKind? {
        let words = label.split(separator: " ").map(String.init)
        guard !words.isEmpty, words.allSatisfy({ headingWords.contains($0) }) else { return nil }
        let text = " " + words.joined(separator: " ") + " "
        func has(_ fragments: String...) -> Bool { fragments.contains { text.contains($0) } }
        let mentionsDiagnosis = has(" diagnos", " dx ", " dxs ", " impression")
        if mentionsDiagnosis {
            if has(" post", "postop", "postoperative", " final") { return .diagnosisPost }
            if has(" pre", "preop", "preoperative") { return .diagnosisPre }
            return .diagnosisPost
        }
        if has(" assessment ") { return .diagnosisPost }
        if has(" indication", " history", " hpi ", " reason for", " background", " clinical summary", " presentation") { return .history }
        if has(" description", " detail", " technique", " narrative", " operative note", " op note", " procedure note",
               " operative report", " report of", " course", " procedure in", " dictation") { return .body }
        if has(" teaching point", " learning point", " take home", " lesson", " pearl") { return .plan }
        // "Planned procedure:", "Proposed operation:", "Intended surgery:" on a booking or study
        // form name what is to be done, not what was.
        if has(" planned ", " proposed ", " intended ") { return .plan }
        if has(" procedure", " procedures", " operation", " operations", " surgery", " surgeries", " title") { return .procedureTitle }
        if has(" or ", " theatre ", " theater ", " operating room ", " intraop ", " intra op ") { return .body }
        // "Surgeon note:", "Attending's note:", "Surgeon dictation:": whose note it is, then the note itself.
        if has(" note ", " notes ", " report ", " dictation "), !has(" date", " time") { return .body }
        if has(" finding") { return .findings }
        if has(" anesthesia", " anesthetic", " anaesthesia") { return .anesthesia }
        if has(" plan ", " recommendation", " disposition", " follow up", " followup", " postoperative plan") { return .plan }
        if has(" complication", " blood loss", " ebl ", " specimen", " drain", " implant", " fluid", " tourniquet",
               " condition", " surgeon", " assistant", " attending", " date", " antibiotic", " position", " estimated") { return .administrative }
        if has(" today ") { return .body }
        return nil
    }
}
