/// The `[CC-261121-0007]` tag our subjects carry (also `[CC-…:token]` on drafts).
public enum CaseTag {
    public static func tag(_ caseID: String) -> String { "[\(caseID)]" }

    public static func caseID(inSubject subject: String) -> String? {
        var rest = Substring(subject)
        while let open = rest.range(of: "[CC-") {
            let after = rest[rest.index(open.lowerBound, offsetBy: 1)...]
            guard let close = after.firstIndex(of: "]") else { return nil }
            let inside = after[..<close]
            let id = String(inside.prefix { $0 != ":" }).trimmingCharacters(in: .whitespaces)
            if CaseID.isValid(id) { return id }
            rest = after[close...]
        }
        return nil
    }
}

import Foundation
