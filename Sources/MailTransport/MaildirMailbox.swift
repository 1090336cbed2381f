import Foundation

/// A Maildir on local disk (`maildir:PATH`): the daemon runs with no server at all, e.g. fed by
/// an MTA or fetchmail that delivers into the Maildir.
public struct MaildirMailbox: Mailbox {
    public let root: URL

    public init(url: String) throws {
        guard url.hasPrefix("maildir:") else {
            throw MailTransportError(.invalidConfiguration, "\"\(url)\" is not a maildir:PATH URL")
        }
        var path = String(url.dropFirst("maildir:".count))
        if path.hasPrefix("//") { path.removeFirst(2) }
        guard !path.isEmpty else {
            throw MailTransportError(.invalidConfiguration, "maildir: URL without a path: use maildir:/var/mail/cases")
        }
        root = URL(fileURLWithPath: path).standardizedFileURL
    }

    public init(path: URL) {
        root = path.standardizedFileURL
    }

    public func open() throws -> any MailboxSession { try openSession() }

    public func openSession() throws -> MaildirSession {
        let folder = MaildirFolder(path: root)
        guard folder.exists else {
            throw MailTransportError(.mailboxNotFound,
                "\(root.path) is not a Maildir (no cur/ directory): check mailbox.url, or create it with new/, cur/ and tmp/")
        }
        return try MaildirSession(root: root)
    }
}

/// The open Maildir. UIDs come from the uid list; flags and keywords live in the file names.
public final class MaildirSession: MailboxFlagReading {
    public let identity: String
    private let root: URL
    private let inbox: MaildirFolder
    private var list: MaildirUIDList
    /// uid -> path relative to the folder ("new/NAME" or "cur/NAME:2,FLAGS").
    private var files: [UInt32: String] = [:]

    init(root: URL) throws {
        self.root = root
        inbox = MaildirFolder(path: root)
        identity = "maildir:" + root.path
        list = MaildirUIDList.load(from: inbox) ?? .fresh()
        try rescan()
    }

    /// Assigns UIDs to messages delivered since the last scan (oldest first) and forgets messages
    /// that left the folder.
    private func rescan() throws {
        var found: [(base: String, relative: String, modified: Date)] = []
        for sub in ["new", "cur"] {
            let directory = root.appendingPathComponent(sub)
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            } catch {
                throw MailTransportError(.io, "cannot read \(directory.path): \(error.localizedDescription)")
            }
            for name in names where !name.hasPrefix(".") {
                let attributes = try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
                found.append((MaildirFlags.split(name).base, sub + "/" + name,
                              attributes?[.modificationDate] as? Date ?? .distantPast))
            }
        }
        found.sort { ($0.modified, $0.base) < ($1.modified, $1.base) }
        var changed = false
        var present = Set<String>()
        files.removeAll()
        for entry in found {
            present.insert(entry.base)
            let uid: UInt32
            if let known = list.uidByBase[entry.base] {
                uid = known
            } else {
                uid = list.uidNext
                list.uidNext += 1
                list.uidByBase[entry.base] = uid
                changed = true
            }
            files[uid] = entry.relative
        }
        for base in list.uidByBase.keys where !present.contains(base) {
            list.uidByBase[base] = nil
            changed = true
        }
        if changed || !FileManager.default.fileExists(atPath: root.appendingPathComponent(MaildirUIDList.filename).path) {
            try list.save(to: inbox)
        }
    }

    private func file(_ uid: UInt32) throws -> String {
        if files[uid] == nil { try rescan() }   // renamed by another reader since the last scan
        guard let relative = files[uid], FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path) else {
            throw MailTransportError(.messageNotFound, "message UID \(uid) is not in \(root.path) (moved or removed)")
        }
        return relative
    }

    public func status() throws -> MailboxStatus {
        try rescan()
        return MailboxStatus(uidValidity: list.uidValidity, uidNext: list.uidNext, messages: files.count)
    }

    public func uids(after uid: UInt32) throws -> [UInt32] {
        try rescan()
        return files.keys.filter { $0 > uid }.sorted()
    }

    public func messageSize(uid: UInt32) throws -> Int {
        let path = root.appendingPathComponent(try file(uid)).path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = attributes?[.size] as? Int else {
            throw MailTransportError(.io, "cannot read the size of \(path)")
        }
        return size
    }

    public func fetch(uid: UInt32) throws -> Data {
        let url = root.appendingPathComponent(try file(uid))
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MailTransportError(.io, "cannot read \(url.path): \(error.localizedDescription)")
        }
        try addFlags(["\\Seen"], uid: uid)
        return data
    }

    /// Reads the file in chunks only up to the blank line: an over-limit message may be tens of
    /// megabytes, and only its header is wanted. Leaves the flags alone (a peek).
    public func fetchHeader(uid: UInt32) throws -> Data {
        let url = root.appendingPathComponent(try file(uid))
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var header = Data()
            while header.count < MailboxHeaderLimit.maxBytes {
                guard let chunk = try handle.read(upToCount: 64 * 1024), !chunk.isEmpty else { break }
                // Look again at the last byte read: a CRLF blank line may straddle two chunks.
                let resume = max(0, header.count - 1)
                header.append(chunk)
                if let end = HeaderBlock.end(in: header, from: resume) { return header.prefix(min(end, MailboxHeaderLimit.maxBytes)) }
            }
            // No blank line: the whole (short) message is header, as IMAP servers answer too.
            return header.prefix(MailboxHeaderLimit.maxBytes)
        } catch let error as MailTransportError {
            throw error
        } catch {
            throw MailTransportError(.io, "cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    public func flags(uid: UInt32) throws -> Set<String> {
        let name = (try file(uid) as NSString).lastPathComponent
        return inbox.flags(for: MaildirFlags.split(name).letters)
    }

    public func addFlags(_ flags: [String], uid: UInt32) throws {
        try IMAPFlag.validate(flags)
        try setFlags(uid: uid) { $0.union(flags) }
    }

    public func removeFlags(_ flags: [String], uid: UInt32) throws {
        try IMAPFlag.validate(flags)
        let removed = Set(flags.map { $0.lowercased() })
        try setFlags(uid: uid) { $0.filter { !removed.contains($0.lowercased()) } }
    }

    private func setFlags(uid: UInt32, _ change: (Set<String>) -> Set<String>) throws {
        let relative = try file(uid)
        let name = (relative as NSString).lastPathComponent
        let (base, letters) = MaildirFlags.split(name)
        let newLetters = try inbox.letters(for: change(inbox.flags(for: letters)))
        // A message with info belongs in cur/ (it has been seen by a mail reader).
        let newRelative = "cur/" + MaildirFlags.filename(base: base, letters: newLetters)
        guard newRelative != relative else { return }
        try AtomicFile.rename(root.appendingPathComponent(relative), to: root.appendingPathComponent(newRelative))
        files[uid] = newRelative
    }

    public func move(uid: UInt32, to folder: String) throws {
        let relative = try file(uid)
        let destination = try MaildirFolder.at(root: root, folder: folder)
        if destination.path.standardizedFileURL == root { return }
        try destination.create()
        let name = (relative as NSString).lastPathComponent
        let (base, letters) = MaildirFlags.split(name)
        // Keyword letters are per folder: translate through the names.
        let flags = inbox.flags(for: letters)
        let target = relative.hasPrefix("new/")
            ? destination.path.appendingPathComponent("new").appendingPathComponent(base)
            : destination.path.appendingPathComponent("cur")
                .appendingPathComponent(MaildirFlags.filename(base: base, letters: try destination.letters(for: flags)))
        try AtomicFile.rename(root.appendingPathComponent(relative), to: target)
        files[uid] = nil
        list.uidByBase[base] = nil
        try list.save(to: inbox)
    }

    public func append(_ message: Data, to folder: String, flags: [String]) throws {
        try IMAPFlag.validate(flags)
        try MaildirFolder.at(root: root, folder: folder).deliver(message, flags: Set(flags))
    }

    public func close() {}
}

/// Where a message's header block ends.
enum HeaderBlock {
    /// The offset just past the first empty line ("\n" or "\r\n" at the start of a line), looking
    /// at line starts from `start` on; nil when the bytes hold none yet.
    static func end(in data: Data, from start: Int = 0) -> Int? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int? in
            var index = start
            while index < bytes.count {
                if index == 0 || bytes[index - 1] == 0x0A {
                    if bytes[index] == 0x0A { return index + 1 }
                    if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { return index + 2 }
                }
                index += 1
            }
            return nil
        }
    }
}
