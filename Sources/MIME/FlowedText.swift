/// RFC 3676 format=flowed (Apple Mail, Thunderbird): a line ending in a space continues on the
/// next. Joining them gives whole paragraphs, which narrative extraction handles better.
enum FlowedText {
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var output: [String] = []
        var paragraph = ""
        var paragraphDepth = -1
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            var depth = 0
            while line.hasPrefix(">") { depth += 1; line = line.dropFirst() }
            if line.hasPrefix(" ") { line = line.dropFirst() }   // space-stuffing
            let isSignatureSeparator = line == "-- "
            let prefix = String(repeating: ">", count: depth) + (depth > 0 ? " " : "")
            if paragraphDepth >= 0 && depth != paragraphDepth {
                output.append(paragraph)
                paragraph = ""
                paragraphDepth = -1
            }
            if paragraphDepth < 0 { paragraph = prefix; paragraphDepth = depth }
            if line.hasSuffix(" ") && !isSignatureSeparator {
                paragraph += deleteSpace ? line.dropLast() : line
            } else {
                paragraph += line
                output.append(paragraph)
                paragraph = ""
                paragraphDepth = -1
            }
        }
        if paragraphDepth >= 0 { output.append(paragraph) }
        return output.joined(separator: "\n")
    }
}
