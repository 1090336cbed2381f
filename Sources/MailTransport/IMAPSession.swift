import CCurl
import Foundation

/// One IMAP connection and login, kept for the whole poll: every command goes through the same
/// curl easy handle, whose connection cache keeps the authenticated connection open.
public final class IMAPSession: MailboxFlagReading {
    public let identity: String
    private let url: ServerURL
    private let folder: String
    private let settings: MailboxSettings
    private let endpoint: Endpoint
    private var curl: CurlEasyHandle?
    private var capabilities: Set<String> = []

    /// Connections opened so far; stays 1 while the login is reused.
    public var connectionsOpened: Int { curl?.connectionsOpened ?? 0 }
    public var serverCapabilities: Set<String> { capabilities }

    init(mailbox: IMAPMailbox) throws {
        url = mailbox.url
        folder = mailbox.folder
        settings = mailbox.settings
        endpoint = Endpoint(serviceName: "IMAP server", host: url.host, port: url.port)
        let user = settings.username.map { $0.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? $0 }
        identity = "\(url.scheme)://\(user.map { $0 + "@" } ?? "")\(endpoint)/\(folder)"
        curl = try CurlEasyHandle()
        try configure()
        // CAPABILITY with the folder in the URL makes curl connect, log in and SELECT it.
        try command("CAPABILITY", in: folder, doing: "opening \(folder)")
    }

    deinit { curl = nil }

    private func configure() throws {
        guard let curl else { return }
        try CurlConnectionSettings(endpoint: endpoint, upgradesToTLS: url.scheme == "imap", tls: settings.tls,
                                   timeouts: settings.timeouts, username: settings.username, secret: settings.secret)
            .apply(to: curl)
        try curl.set(CURLOPT_TCP_KEEPALIVE, 1)
    }

    // MARK: MailboxSession

    public func status() throws -> MailboxStatus {
        let lines = try command("STATUS \(IMAPFolderName.quoted(folder)) (MESSAGES UIDNEXT UIDVALIDITY)", in: nil,
                                doing: "reading the status of \(folder)")
        guard let status = IMAPResponse.status(in: lines) else {
            throw MailTransportError(.io, "\(endpoint) answered STATUS for \(folder) without UIDVALIDITY/UIDNEXT")
        }
        return status
    }

    public func uids(after uid: UInt32) throws -> [UInt32] {
        guard uid < UInt32.max else { return [] }
        // A server reports mail that arrived since the SELECT only at a command boundary, and
        // SEARCH may run before that: NOOP first so a long-lived session sees new mail.
        try command("NOOP", in: folder, doing: "checking \(folder) for new mail")
        var found: [UInt32]
        if capabilities.contains("ESEARCH") {
            // One compact answer ("1:2000") however many messages there are.
            found = IMAPResponse.searchResults(in: try command("UID SEARCH RETURN (ALL) UID \(uid + 1):*", in: folder,
                                                               doing: "listing messages in \(folder)"))
        } else {
            // Plain SEARCH lists every UID on one line, and curl truncates long lines: ask in windows.
            let next = try status().uidNext
            found = []
            var low = uid + 1
            while low < next {
                let high = min(next - 1, low &+ 999)
                found += IMAPResponse.searchResults(in: try command("UID SEARCH UID \(low):\(high)", in: folder,
                                                                    doing: "listing messages in \(folder)"))
                if high == UInt32.max { break }
                low = high + 1
            }
        }
        // "n:*" always matches the highest UID, even when it is below n.
        return Array(Set(found.filter { $0 > uid })).sorted()
    }

    public func messageSize(uid: UInt32) throws -> Int {
        let lines = try command("UID FETCH \(uid) (RFC822.SIZE)", in: folder, doing: "reading the size of message \(uid)")
        guard let line = IMAPResponse.fetchLine(uid: uid, in: lines), let size = IMAPResponse.size(in: line) else {
            throw MailTransportError(.messageNotFound, "message UID \(uid) is not in \(folder) on \(endpoint) (moved or expunged)")
        }
        return size
    }

    public func flags(uid: UInt32) throws -> Set<String> {
        let lines = try command("UID FETCH \(uid) (FLAGS)", in: folder, doing: "reading the flags of message \(uid)")
        guard let line = IMAPResponse.fetchLine(uid: uid, in: lines), let flags = IMAPResponse.flags(in: line) else {
            throw MailTransportError(.messageNotFound, "message UID \(uid) is not in \(folder) on \(endpoint) (moved or expunged)")
        }
        return flags
    }

    public func fetch(uid: UInt32) throws -> Data {
        // A body fetched by URL arrives byte-exact through the write callback; a custom UID FETCH
        // would only return its first line.
        let curl = try handle()
        try curl.set(CURLOPT_CUSTOMREQUEST, nil)
        try curl.set(CURLOPT_UPLOAD, 0)
        try curl.set(CURLOPT_URL, url.base + IMAPFolderName.urlPath(folder) + "/;UID=\(uid)")
        try perform(curl, upload: nil, doing: "fetching message \(uid)")
        return curl.transfer.body
    }

    public func fetchHeader(uid: UInt32) throws -> Data {
        // libcurl turns the URL into UID FETCH n BODY[HEADER]<0.max> (byte-exact, like fetch),
        // and has no way to say BODY.PEEK: the server sets \Seen. Reading the flags first (which
        // also reports a missing message as such) lets us take \Seen off again, so a header peek
        // leaves the message as unread as it found it.
        let wasSeen = try flags(uid: uid).contains { $0.caseInsensitiveCompare("\\Seen") == .orderedSame }
        let curl = try handle()
        try curl.set(CURLOPT_CUSTOMREQUEST, nil)
        try curl.set(CURLOPT_UPLOAD, 0)
        // PARTIAL caps what a message without a blank line can make us download.
        try curl.set(CURLOPT_URL, url.base + IMAPFolderName.urlPath(folder)
                     + "/;UID=\(uid);SECTION=HEADER;PARTIAL=0.\(MailboxHeaderLimit.maxBytes)")
        try perform(curl, upload: nil, doing: "fetching the header of message \(uid)")
        let header = curl.transfer.body
        if !wasSeen { try store("-FLAGS.SILENT", ["\\Seen"], uid: uid) }
        return header
    }

    public func addFlags(_ flags: [String], uid: UInt32) throws {
        try store("+FLAGS.SILENT", flags, uid: uid)
    }

    public func removeFlags(_ flags: [String], uid: UInt32) throws {
        try store("-FLAGS.SILENT", flags, uid: uid)
    }

    private func store(_ operation: String, _ flags: [String], uid: UInt32, in target: String? = nil) throws {
        guard !flags.isEmpty else { return }
        try IMAPFlag.validate(flags)
        try command("UID STORE \(uid) \(operation) \(IMAPFlag.list(flags))", in: target ?? folder,
                    doing: "changing the flags of message \(uid)")
    }

    public func move(uid: UInt32, to destination: String) throws {
        try IMAPFolderName.validate(destination)
        let quoted = IMAPFolderName.quoted(destination)
        if settings.moveStrategy == .automatic && capabilities.contains("MOVE") {
            let lines = try creatingFolderIfMissing(destination) {
                try command("UID MOVE \(uid) \(quoted)", in: folder, doing: "moving message \(uid) to \(destination)")
            }
            try requireCopied(lines, uid: uid)
            return
        }
        let lines = try creatingFolderIfMissing(destination) {
            try command("UID COPY \(uid) \(quoted)", in: folder, doing: "copying message \(uid) to \(destination)")
        }
        try requireCopied(lines, uid: uid)
        try store("+FLAGS.SILENT", ["\\Deleted"], uid: uid)
        // Without UIDPLUS a plain EXPUNGE would also remove other messages someone marked
        // \Deleted; the message is then left marked and hidden by most clients.
        if capabilities.contains("UIDPLUS") {
            try command("UID EXPUNGE \(uid)", in: folder, doing: "expunging message \(uid) after copying it")
        }
    }

    /// With UIDPLUS the server confirms a copy with COPYUID; without it nothing moved.
    private func requireCopied(_ lines: [String], uid: UInt32) throws {
        if capabilities.contains("UIDPLUS") && !IMAPResponse.hasResponseCode("COPYUID", in: lines) {
            throw MailTransportError(.messageNotFound, "message UID \(uid) is not in \(folder) on \(endpoint) (moved or expunged)")
        }
    }

    public func append(_ message: Data, to destination: String, flags: [String]) throws {
        try IMAPFolderName.validate(destination)
        try IMAPFlag.validate(flags)
        let curl = try handle()
        let lines = try creatingFolderIfMissing(destination) { () -> [String] in
            try curl.set(CURLOPT_CUSTOMREQUEST, nil)
            try curl.set(CURLOPT_URL, url.base + IMAPFolderName.urlPath(destination))
            try curl.set(CURLOPT_UPLOAD, 1)
            try curl.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(message.count))
            defer { try? curl.set(CURLOPT_UPLOAD, 0) }
            try perform(curl, upload: message, doing: "appending a message to \(destination)")
            return curl.transfer.serverLines
        }
        // curl's APPEND always sets \Seen; put the flags the caller asked for instead.
        let wanted = Set(flags.map { $0.lowercased() })
        if !wanted.contains("\\seen"), let appended = Self.appendedUID(in: lines) {
            try command("UID STORE \(appended) FLAGS.SILENT \(IMAPFlag.list(flags))", in: destination,
                        doing: "setting the flags of the appended message")
        } else if !flags.isEmpty, let appended = Self.appendedUID(in: lines) {
            try store("+FLAGS.SILENT", flags, uid: appended, in: destination)
        }
    }

    /// "OK [APPENDUID 1700000000 42] Append completed."
    static func appendedUID(in lines: [String]) -> UInt32? {
        for line in lines {
            guard let range = line.range(of: "[APPENDUID ", options: .caseInsensitive) else { continue }
            let words = line[range.upperBound...].split(separator: " ")
            if words.count >= 2 { return UInt32(words[1].trimmingCharacters(in: CharacterSet(charactersIn: "]"))) }
        }
        return nil
    }

    public func close() {
        // Dropping the handle sends LOGOUT and closes the connection.
        curl = nil
    }

    // MARK: Transfers

    private func handle() throws -> CurlEasyHandle {
        guard let curl else {
            throw MailTransportError(.io, "the IMAP session for \(identity) is already closed")
        }
        return curl
    }

    /// Runs a custom command with `mailbox` selected (nil: none needed) and returns every line
    /// the server sent.
    @discardableResult
    private func command(_ text: String, in mailbox: String?, doing action: String) throws -> [String] {
        let curl = try handle()
        try curl.set(CURLOPT_UPLOAD, 0)
        try curl.set(CURLOPT_URL, url.base + (mailbox.map(IMAPFolderName.urlPath) ?? ""))
        try curl.set(CURLOPT_CUSTOMREQUEST, text)
        try perform(curl, upload: nil, doing: action)
        return curl.transfer.serverLines
    }

    private func perform(_ curl: CurlEasyHandle, upload: Data?, doing action: String) throws {
        let outcome = curl.perform(upload: upload)
        if let seen = IMAPResponse.capabilities(in: curl.transfer.serverLines) { capabilities = seen }
        guard outcome.succeeded else {
            throw CurlFailure.error(outcome, endpoint: endpoint, username: settings.username, timeouts: settings.timeouts,
                                    serverLines: curl.transfer.serverLines, doing: action)
        }
    }

    /// Runs `body`; when the server answers TRYCREATE (folder missing), creates the folder and
    /// runs it once more.
    private func creatingFolderIfMissing(_ destination: String, _ body: () throws -> [String]) throws -> [String] {
        do {
            return try body()
        } catch let error as MailTransportError where error.kind == .mailboxNotFound {
            let lines = curl?.transfer.serverLines ?? []
            guard IMAPResponse.hasResponseCode("TRYCREATE", in: lines) || error.message.uppercased().contains("TRYCREATE") else { throw error }
            try command("CREATE \(IMAPFolderName.quoted(destination))", in: nil, doing: "creating the folder \(destination)")
            return try body()
        }
    }
}
