import Foundation

/// TLS choices shared by IMAP and SMTP.
public struct TLSSettings: Sendable, Equatable {
    /// PEM file of the CA that signed the server's certificate, for servers with a private CA.
    /// nil trusts the system store.
    public var caFile: String?
    /// Allows `imap://` / `smtp://` without STARTTLS, and only to a loopback address
    /// (a local test server or an stunnel). Anywhere else TLS stays required.
    public var allowPlaintextLoopback: Bool

    public init(caFile: String? = nil, allowPlaintextLoopback: Bool = false) {
        self.caFile = caFile
        self.allowPlaintextLoopback = allowPlaintextLoopback
    }
}

/// How long to wait. `connect` covers TCP + TLS + greeting; `idle` is how long the server may stay
/// silent in the middle of a command before the transfer is abandoned.
public struct TransportTimeouts: Sendable, Equatable {
    public var connect: Double
    public var idle: Double

    public init(connect: Double = 30, idle: Double = 60) {
        self.connect = connect
        self.idle = idle
    }
}

/// How `move(uid:to:)` is carried out on IMAP. `.automatic` uses UID MOVE when the server
/// advertises MOVE and COPY + \Deleted + UID EXPUNGE otherwise; `.copyAndExpunge` forces the
/// fallback (tests, or servers whose MOVE is broken).
public enum IMAPMoveStrategy: String, Sendable, Equatable {
    case automatic
    case copyAndExpunge
}

public struct MailboxSettings: Sendable, Equatable {
    /// `imap://host[:port]/FOLDER`, `imaps://host[:port]/FOLDER` or `maildir:PATH`.
    public var url: String
    public var username: String?
    public var secret: Secret
    public var tls: TLSSettings
    public var timeouts: TransportTimeouts
    public var moveStrategy: IMAPMoveStrategy

    public init(url: String, username: String? = nil, secret: Secret = .none, tls: TLSSettings = TLSSettings(),
                timeouts: TransportTimeouts = TransportTimeouts(), moveStrategy: IMAPMoveStrategy = .automatic) {
        self.url = url
        self.username = username
        self.secret = secret
        self.tls = tls
        self.timeouts = timeouts
        self.moveStrategy = moveStrategy
    }
}

public struct SenderSettings: Sendable, Equatable {
    /// `smtp://host[:port]` (STARTTLS), `smtps://host[:port]` or `dir:PATH`.
    public var url: String
    public var username: String?
    public var secret: Secret
    public var tls: TLSSettings
    public var timeouts: TransportTimeouts
    /// Refuse bigger messages before connecting; the server's EHLO SIZE is respected as well.
    public var maxMessageBytes: Int?
    /// The name sent in EHLO; nil lets curl choose.
    public var heloName: String?

    public init(url: String, username: String? = nil, secret: Secret = .none, tls: TLSSettings = TLSSettings(),
                timeouts: TransportTimeouts = TransportTimeouts(), maxMessageBytes: Int? = nil, heloName: String? = nil) {
        self.url = url
        self.username = username
        self.secret = secret
        self.tls = tls
        self.timeouts = timeouts
        self.maxMessageBytes = maxMessageBytes
        self.heloName = heloName
    }
}
