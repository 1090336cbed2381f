/// A mailbox: an optional display name (decoded) and the addr-spec.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// Parses one address such as `Jane Doe <jane@example.com>`; nil when there is none.
    public init?(parsing text: String) {
        guard let first = AddressListParser.parse(Array(text.utf8)).first else { return nil }
        self = first
    }

    /// Human form, for display only (headers are written by `MessageComposer`).
    public var description: String {
        if let name, !name.isEmpty { return "\(name) <\(address)>" }
        return address
    }
}
