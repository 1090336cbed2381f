/// What a reply adds to a conversation (a consultant's APPROVE / REJECT / edited block): the
/// text above the quoted history, without ">" lines and without the "-- " signature or mobile
/// footer. Deliberately less aggressive than `NarrativeExtractor`: no sign-off guessing, and
/// nothing inside a "----- BEGIN REPLY -----" … "----- END REPLY -----" block is ever cut, since
/// that block is the consultant's edited reply and may itself end in a signature.
public enum ReplyText {
    public static func newContent(of text: String) -> String {
        let lines = LineEndings.normalize(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var output: [String] = []
        var insideBlock = false
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let marker = line.trimmingASCIIWhitespace().uppercased()
            if marker.contains("BEGIN REPLY") && marker.hasPrefix("-") { insideBlock = true; output.append(line); index += 1; continue }
            if marker.contains("END REPLY") && marker.hasPrefix("-") { insideBlock = false; output.append(line); index += 1; continue }
            if insideBlock {
                // Quoting inside the block happens when a client quotes the whole draft; unquote.
                output.append(line.trimmingASCIIWhitespace().hasPrefix(">") ? QuoteMarkers.unquoted(line) : line)
                index += 1
                continue
            }
            if QuoteMarkers.marker(at: index, in: lines) != nil { break }
            if SignatureRules.isSignatureSeparator(line) {
                // Signature to the next BEGIN REPLY marker, if any (clients put signatures above quotes).
                var next = index + 1
                while next < lines.count, !lines[next].uppercased().contains("BEGIN REPLY") { next += 1 }
                index = next
                continue
            }
            if !line.trimmingASCIIWhitespace().hasPrefix(">") && !SignatureRules.isMobileFooter(line) {
                output.append(line)
            }
            index += 1
        }
        return output.joined(separator: "\n").trimmingASCIIWhitespace()
    }
}
