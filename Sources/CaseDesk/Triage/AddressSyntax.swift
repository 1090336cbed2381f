import Foundation

/// Just enough address validation to keep a header or an SMTP command from being forged through
/// a field taken from incoming mail (rule 7): one local part, one domain, no whitespace, no
/// control characters, no brackets or commas that would start another address or command.
public enum AddressSyntax {
    private static let forbidden: Set<Unicode.Scalar> = ["<", ">", ",", ";", ":", "\\", "\"", "(", ")", "[", "]"]

    public static func isValid(_ address: String) -> Bool {
        guard address.utf8.count <= 254 else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty else { return false }
        for scalar in address.unicodeScalars where scalar.value < 0x21 || scalar.value == 0x7f || forbidden.contains(scalar) {
            return false
        }
        guard domain.contains(".") || domain.lowercased() == "localhost" else { return false }
        return !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }

    /// `Name <addr@host>` or `addr@host` → the address part, or nil.
    public static func extractAddress(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), let close = trimmed.lastIndex(of: ">"), open < close {
            let inner = String(trimmed[trimmed.index(after: open)..<close])
            return isValid(inner) ? inner : nil
        }
        return isValid(trimmed) ? trimmed : nil
    }

    public static func domain(of address: String) -> String? {
        address.lastIndex(of: "@").map { String(address[address.index(after: $0)...]).lowercased() }
    }
}
