/// Decoded text uses "\n" only, whatever the sender's line endings (CRLF, bare CR from old Macs).
enum LineEndings {
    static func normalize(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
