import Foundation

/// Where a credential comes from. The config file only ever names the source; the secret is read
/// when a connection is made and is never logged or echoed.
public enum SecretSource: Sendable, Equatable {
    case environment(String)
    case passwordFile(String)
    case oauth2TokenFile(String)

    public enum Kind: Sendable { case password, oauth2Token }

    public var kind: Kind {
        if case .oauth2TokenFile = self { return .oauth2Token }
        return .password
    }

    /// Describes the source (not the secret) for `config check`.
    public var describe: String {
        switch self {
        case .environment(let name): "environment variable \(name)"
        case .passwordFile(let path): "password file \(path)"
        case .oauth2TokenFile(let path): "OAuth2 token file \(path)"
        }
    }

    /// The secret, trimmed of the trailing newline editors add.
    public func resolve(environment: [String: String]) throws -> String {
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw SecretError(message: "environment variable \(name) is not set")
            }
            return value
        case .passwordFile(let path), .oauth2TokenFile(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SecretError(message: "cannot read \(path)")
            }
            let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { throw SecretError(message: "\(path) is empty") }
            return value
        }
    }

    /// A secret file readable by group or others is worth a warning, not a refusal.
    public var looseFilePermissions: Bool {
        switch self {
        case .environment: return false
        case .passwordFile(let path), .oauth2TokenFile(let path):
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  let mode = attributes[.posixPermissions] as? NSNumber else { return false }
            return mode.intValue & 0o077 != 0
        }
    }
}

public struct SecretError: Error, Sendable {
    public let message: String
}
