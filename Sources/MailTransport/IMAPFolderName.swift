import Foundation

/// Turns a folder name from the config ("CaseConsultant/Processed", "Bearbeitet") into what
/// IMAP expects: modified UTF-7 (RFC 3501 §5.1.3), and from there into a quoted string for a
/// command or a percent-encoded URL path segment for curl.
enum IMAPFolderName {
    static func validate(_ folder: String) throws {
        guard !folder.isEmpty, !folder.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw MailTransportError(.invalidConfiguration,
                "folder name \(String(reflecting: folder)) is empty or contains control characters")
        }
    }

    /// RFC 3501 modified UTF-7: printable ASCII stays, "&" becomes "&-", other runs become
    /// "&" + modified base64 of UTF-16BE + "-".
    static func modifiedUTF7(_ folder: String) -> String {
        var result = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var bytes = Data()
            for unit in pending { bytes.append(UInt8(unit >> 8)); bytes.append(UInt8(unit & 0xFF)) }
            let encoded = bytes.base64EncodedString().replacingOccurrences(of: "/", with: ",")
                .replacingOccurrences(of: "=", with: "")
            result += "&" + encoded + "-"
            pending.removeAll()
        }
        for scalar in folder.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                result += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending.append(contentsOf: Array(String(scalar).utf16))
            }
        }
        flush()
        return result
    }

    /// A quoted string for use inside a command.
    static func quoted(_ folder: String) -> String {
        let encoded = modifiedUTF7(folder)
        return "\"" + encoded.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The URL path form curl decodes back into the mailbox name.
    static func urlPath(_ folder: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~/")
        return modifiedUTF7(folder).addingPercentEncoding(withAllowedCharacters: allowed) ?? folder
    }
}
