import Foundation

/// Reads the answers curl hands over as lines. Everything here is pure so it is unit tested.
enum IMAPResponse {
    /// Capabilities from "* CAPABILITY …" or a "[CAPABILITY …]" response code; the last wins
    /// (the post-login list is the complete one).
    static func capabilities(in lines: [String]) -> Set<String>? {
        var found: Set<String>?
        for line in lines {
            let upper = line.uppercased()
            if upper.hasPrefix("* CAPABILITY ") {
                found = Set(upper.dropFirst(13).split(separator: " ").map(String.init))
            } else if let range = upper.range(of: "[CAPABILITY "), let close = upper[range.upperBound...].firstIndex(of: "]") {
                found = Set(upper[range.upperBound..<close].split(separator: " ").map(String.init))
            }
        }
        return found
    }

    /// UIDs from "* SEARCH 1 2 3" or "* ESEARCH (TAG "A1") UID ALL 1:3,7".
    static func searchResults(in lines: [String]) -> [UInt32] {
        var uids: [UInt32] = []
        for line in lines {
            if line.uppercased().hasPrefix("* SEARCH") {
                uids += line.dropFirst(8).split(separator: " ").compactMap { UInt32($0) }
            } else if line.uppercased().hasPrefix("* ESEARCH") {
                let words = line.split(separator: " ")
                if let all = words.firstIndex(where: { $0.uppercased() == "ALL" }), all + 1 < words.count {
                    uids += sequenceSet(String(words[all + 1]))
                }
            }
        }
        return uids
    }

    static func sequenceSet(_ text: String) -> [UInt32] {
        var result: [UInt32] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: ":").compactMap { UInt32($0) }
            if bounds.count == 1 {
                result.append(bounds[0])
            } else if bounds.count == 2 {
                result += Array(min(bounds[0], bounds[1])...max(bounds[0], bounds[1]))
            }
        }
        return result
    }

    /// "* STATUS INBOX (MESSAGES 2 UIDNEXT 3 UIDVALIDITY 17)".
    static func status(in lines: [String]) -> MailboxStatus? {
        guard let line = lines.last(where: { $0.uppercased().hasPrefix("* STATUS ") }) else { return nil }
        guard let validity = number(after: "UIDVALIDITY", in: line), let next = number(after: "UIDNEXT", in: line),
              let messages = number(after: "MESSAGES", in: line) else { return nil }
        return MailboxStatus(uidValidity: UInt32(truncatingIfNeeded: validity), uidNext: UInt32(truncatingIfNeeded: next),
                             messages: Int(messages))
    }

    /// The "* n FETCH (…)" line for one UID (servers may add unsolicited FETCH lines for others).
    static func fetchLine(uid: UInt32, in lines: [String]) -> String? {
        lines.first { line in
            line.hasPrefix("* ") && line.uppercased().contains(" FETCH (") && number(after: "UID", in: line) == UInt64(uid)
        }
    }

    static func size(in fetchLine: String) -> Int? {
        number(after: "RFC822.SIZE", in: fetchLine).map(Int.init)
    }

    static func flags(in fetchLine: String) -> Set<String>? {
        guard let start = fetchLine.range(of: "FLAGS (", options: .caseInsensitive),
              let end = fetchLine[start.upperBound...].firstIndex(of: ")") else { return nil }
        return Set(fetchLine[start.upperBound..<end].split(separator: " ").map(String.init))
    }

    /// The tagged completion ("A005 NO [TRYCREATE] Mailbox doesn't exist") of the last command
    /// that did not succeed, without the tag; or an untagged BYE.
    static func refusal(in lines: [String]) -> String? {
        for line in lines.reversed() {
            let words = line.split(separator: " ", maxSplits: 1)
            guard words.count == 2, words[0] != "*" else { continue }
            let rest = String(words[1])
            if rest.uppercased().hasPrefix("NO ") || rest.uppercased().hasPrefix("BAD ") { return rest }
        }
        return lines.last { $0.uppercased().hasPrefix("* BYE") && !$0.uppercased().contains("LOGGING OUT") }
            .map { String($0.dropFirst(2)) }
    }

    static func hasResponseCode(_ code: String, in lines: [String]) -> Bool {
        lines.contains { $0.uppercased().contains("[" + code) }
    }

    private static func number(after key: String, in line: String) -> UInt64? {
        let words = line.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(separator: " ")
        guard let index = words.firstIndex(where: { $0.uppercased() == key }), index + 1 < words.count else { return nil }
        return UInt64(words[index + 1])
    }
}
