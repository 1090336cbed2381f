/// Finds which draft an answer refers to: the token in one of our draft Message-IDs quoted in
/// In-Reply-To or References (normal replies), or in the subject tag `[CC-…:token]` for clients
/// that drop threading headers. In-Reply-To wins: it is the message actually answered.
public enum ReviewReference {
    public static func tokens(inReplyTo: [String], references: [String], subject: String?, domain: String) -> [String] {
        var found: [String] = []
        for messageID in inReplyTo + references.reversed() {
            if let token = ReviewToken.token(inMessageID: messageID, domain: domain), !found.contains(token) {
                found.append(token)
            }
        }
        if let subject, let token = subjectToken(subject), !found.contains(token) {
            found.append(token)
        }
        return found
    }

    /// `[CC-261121-0007:token]` anywhere in the subject.
    public static func subjectToken(_ subject: String) -> String? {
        var rest = Substring(subject)
        while let open = rest.range(of: "[CC-") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "]") else { return nil }
            let inside = after[..<close]
            if let colon = inside.firstIndex(of: ":") {
                let token = inside[inside.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
                if ReviewToken.isWellFormed(token) { return token }
            }
            rest = after[close...]
        }
        return nil
    }

    /// The subject tag that carries the token, for the draft's how-to-answer header.
    public static func subjectTag(caseID: String, token: String) -> String { "[\(caseID):\(token)]" }
}

import Foundation
