/// SMTP reply lines as curl hands them over ("250-SIZE 2097152", "550 5.1.1 Unknown user").
enum SMTPReply {
    static func code(_ line: String) -> Int? {
        guard line.count >= 3, let code = Int(line.prefix(3)) else { return nil }
        return code
    }

    /// The final line of the last 4xx/5xx reply, if any.
    static func lastFailure(in lines: [String]) -> String? {
        lines.last { line in
            guard let code = code(line), line.count == 3 || line.dropFirst(3).first == " " else { return false }
            return code >= 400
        }
    }

    /// EHLO's SIZE limit; nil when the server states none.
    static func sizeLimit(in lines: [String]) -> Int? {
        for line in lines where line.count > 4 {
            let text = line.dropFirst(4).uppercased()
            if text.hasPrefix("SIZE "), let limit = Int(text.dropFirst(5).trimmingCharacters(in: .whitespaces)), limit > 0 {
                return limit
            }
        }
        return nil
    }
}
