import Foundation

/// Spots what looks like patient identifiers in a narrative, so the draft can warn the consultant
/// and the reply can ask for de-identified cases. Reports kinds only, never the matched text:
/// the finding is stored and shown, the identifier itself must not travel further.
/// Errs towards flagging: a false alarm costs one sentence in a reply, a miss costs more.
public enum IdentifierDetector {
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case name, dateOfBirth = "dob", medicalRecordNumber = "mrn", socialSecurityNumber = "ssn", phone

        public var label: String {
            switch self {
            case .name: "a patient name"
            case .dateOfBirth: "a date of birth"
            case .medicalRecordNumber: "a medical record number"
            case .socialSecurityNumber: "a social security number"
            case .phone: "a phone number"
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Capitalised words that start sentences after "Patient" and are not names.
    private static let notNames: Set<String> = [
        "The", "This", "That", "Was", "Is", "Has", "Had", "Underwent", "Presented", "Presents", "Tolerated", "Left", "Right",
        "Bilateral", "Status", "History", "Name", "Had", "Will", "Should", "Returned", "Returns", "Age", "Aged", "Year", "Who",
        "With", "Without", "Fell", "Sustained", "Denies", "Reports", "States", "Consent", "Brought", "Taken", "Placed", "Positioned",
        "Identified", "Prepped", "Draped", "Female", "Male", "Information", "Education", "Unknown", "Anonymous", "Redacted",
    ]

    private static let patterns: [(Kind, NSRegularExpression)] = {
        let sources: [(Kind, String, NSRegularExpression.Options)] = [
            (.name, #"\b(?i:patient|pt\.?)(?:\s+(?i:name))?\s*(?::|-|,|\bis\b)?\s*(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?([A-Z][a-z'\-]+)(?:\s+[A-Z]\.)?\s+[A-Z][a-z'\-]{1,}"#, []),
            (.name, #"\b(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][a-z'\-]{1,}"#, []),
            (.dateOfBirth, #"\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|born\s+on)\b\.?\s*[:#\-]?\s*(?:\d{1,4}[/.\-]\d{1,2}|[A-Za-z]{3,9}\.?\s+\d{1,2})"#, [.caseInsensitive]),
            (.medicalRecordNumber, #"\b(?:MRN|MR\s*#|MR\s*No\.?|medical\s+record\s+(?:number|no\.?|#)|chart\s*(?:#|number|no\.?))\s*[:#\-]?\s*[A-Z0-9][A-Z0-9\-]{3,}"#, [.caseInsensitive]),
            (.socialSecurityNumber, #"\b\d{3}-\d{2}-\d{4}\b|\b(?:SSN|social\s+security(?:\s+(?:number|no\.?))?)\s*[:#]?\s*\d"#, [.caseInsensitive]),
            (.phone, #"(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.\-])\d{3}[\s.\-]\d{4}\b"#, []),
        ]
        return sources.map { kind, pattern, options in
            // The patterns are constants of this file; a failure here is a programming error.
            (kind, try! NSRegularExpression(pattern: pattern, options: options))
        }
    }()

    public static func detect(_ text: String) -> [Kind] {
        let range = NSRange(text.startIndex..., in: text)
        var found = Set<Kind>()
        for (kind, expression) in patterns where !found.contains(kind) {
            for match in expression.matches(in: text, range: range) {
                if kind == .name, match.numberOfRanges > 1, let first = Range(match.range(at: 1), in: text),
                   notNames.contains(String(text[first])) {
                    continue
                }
                found.insert(kind)
                break
            }
        }
        return found.sorted()
    }
}
