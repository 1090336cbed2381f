/// Reads a consultant's answer to a draft (DESIGN.md, "Review protocol"). Pure: text in, answer out.
///
/// Mail clients quote, rewrap and re-indent what they reply to, so the parser is tolerant where
/// that is safe (quote markers, dashes and spacing around the markers, rewrapped lines) and strict
/// where a mistake would send the wrong text (the first line must be the verb alone; a BEGIN
/// marker without its END marker is not understood).
public enum ReviewAnswerParser {
    public static let beginMarker = "----- BEGIN REPLY -----"
    public static let endMarker = "----- END REPLY -----"
    static let howTo = "Answer with APPROVE on the first line, APPROVE followed by your edited text between the markers, or REJECT: reason."

    public static func parse(_ text: String) -> ReviewAnswer {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(QuotedLine.init)

        guard let first = lines.firstIndex(where: { $0.depth == 0 && !$0.content.isBlank && !$0.isAttribution }) else {
            return .notUnderstood(reason: "the answer has no text of its own. " + howTo)
        }
        let verbLine = lines[first].content.trimmingCharacters(in: .whitespaces)
        let (verb, rest) = splitVerb(verbLine)
        switch verb {
        case "APPROVE", "APPROVED":
            guard rest.isEmpty else {
                return .notUnderstood(reason: "the first line must be APPROVE alone (put changes between the markers). " + howTo)
            }
            switch block(in: Array(lines[(first + 1)...])) {
            case .none: return .approve(editedBlock: nil)
            case .some(.success(let text)): return .approve(editedBlock: text)
            case .some(.failure(let problem)): return .notUnderstood(reason: problem.message + " " + howTo)
            }
        case "REJECT", "REJECTED":
            var reason = rest
            if reason.isEmpty {
                // "REJECT" alone, with the reason on the following lines.
                let following = lines[(first + 1)...].prefix { $0.depth == 0 && !$0.content.isBlank && !$0.isAttribution }
                reason = following.map { $0.content.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            }
            return .reject(reason: reason.isEmpty ? "no reason given" : String(reason.prefix(500)))
        default:
            return .notUnderstood(reason: "the first line is neither APPROVE nor REJECT. " + howTo)
        }
    }

    /// Whether the approved block differs from the draft, ignoring how a client rewrapped it.
    public static func isEdited(_ block: String, comparedTo draft: String) -> Bool {
        normalized(block) != normalized(draft)
    }

    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// "APPROVE", "Approve.", "REJECT: reason", "Reject - reason" → (verb, rest).
    private static func splitVerb(_ line: String) -> (String, String) {
        let word = line.prefix { $0.isLetter }
        var rest = line.dropFirst(word.count)
        rest = rest.drop { $0 == ":" || $0 == "." || $0 == "!" || $0 == "-" || $0 == "–" || $0 == "," || $0.isWhitespace }
        return (word.uppercased(), String(rest).trimmingCharacters(in: .whitespaces))
    }

    struct Problem: Error { let message: String }

    /// The first block between the markers, preferring one the consultant wrote (not quoted) over
    /// the quoted copy of the draft, with quote prefixes removed.
    private static func block(in lines: [QuotedLine]) -> Result<String, Problem>? {
        var blocks: [(depth: Int, text: String)] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.isBegin else { index += 1; continue }
            guard let end = lines[(index + 1)...].firstIndex(where: { $0.isEnd && $0.depth == line.depth }) else {
                if line.depth == 0 {
                    return .failure(Problem(message: "the reply has a BEGIN REPLY marker but no END REPLY marker."))
                }
                index += 1
                continue
            }
            let body = lines[(index + 1)..<end].map(\.content).joined(separator: "\n")
            blocks.append((line.depth, body.trimmingBlankLines()))
            index = end + 1
        }
        guard let chosen = blocks.min(by: { $0.depth < $1.depth }) else { return nil }
        return .success(chosen.text)
    }
}

/// A line with its `>` quoting counted and removed.
struct QuotedLine {
    let depth: Int
    let content: String

    init(_ raw: Substring) {
        var depth = 0
        var rest = raw[...]
        while true {
            let trimmed = rest.drop { $0 == " " }
            guard trimmed.first == ">" else { break }
            depth += 1
            rest = trimmed.dropFirst()
            if rest.first == " " { rest = rest.dropFirst() }
        }
        self.depth = depth
        self.content = depth == 0 ? String(raw) : String(rest)
    }

    var isBegin: Bool { Self.squeezed(content) == "BEGINREPLY" }
    var isEnd: Bool { Self.squeezed(content) == "ENDREPLY" }

    /// "On Tue, 3 Mar 2026, Ana wrote:" or "-----Original Message-----": the start of quoted history.
    var isAttribution: Bool {
        let trimmed = content.trimmingCharacters(in: .whitespaces)
        return (trimmed.hasSuffix("wrote:") || trimmed.hasSuffix("a écrit :") || trimmed.hasSuffix("schrieb:"))
            || trimmed.lowercased().contains("original message")
    }

    private static func squeezed(_ text: String) -> String {
        String(text.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "=" && $0 != "*" })
    }
}

extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }

    func trimmingBlankLines() -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.map { String($0).replacingTrailingWhitespace() }.joined(separator: "\n")
    }

    func replacingTrailingWhitespace() -> String {
        var copy = self
        while let last = copy.last, last == " " || last == "\t" { copy.removeLast() }
        return copy
    }
}

import Foundation
