/// An entry of `review.approvers` or `submitters.allow`: an exact address, `*@domain` (that
/// domain only) or `*@*.domain` (any subdomain of it). Compared without regard to case.
public struct AddressPattern: Sendable, Equatable, CustomStringConvertible {
    enum Form: Sendable, Equatable {
        case exact(String)
        case domain(String)
        case subdomains(String)
    }

    let form: Form
    public let description: String

    /// nil when the text is none of the three forms.
    public init?(_ text: String) {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        description = lowered
        if lowered.hasPrefix("*@*.") {
            let domain = String(lowered.dropFirst(4))
            guard AddressSyntax.isValid("x@" + domain) else { return nil }
            form = .subdomains(domain)
        } else if lowered.hasPrefix("*@") {
            let domain = String(lowered.dropFirst(2))
            guard AddressSyntax.isValid("x@" + domain) else { return nil }
            form = .domain(domain)
        } else {
            guard AddressSyntax.isValid(lowered) else { return nil }
            form = .exact(lowered)
        }
    }

    public func matches(_ address: String) -> Bool {
        let address = address.lowercased()
        guard let domain = AddressSyntax.domain(of: address) else { return false }
        switch form {
        case .exact(let exact): return address == exact
        case .domain(let wanted): return domain == wanted
        case .subdomains(let parent): return domain.hasSuffix("." + parent)
        }
    }
}

extension Array where Element == AddressPattern {
    public func matchesAny(_ address: String) -> Bool { contains { $0.matches(address) } }
}

import Foundation
