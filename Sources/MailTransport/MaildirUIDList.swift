import Foundation

/// Stable UIDs for a Maildir, which has none of its own: a file mapping each message's base
/// name (the part before ":2,") to a UID, with a UIDVALIDITY made when the list is first
/// created. A lost list means new UIDs, so a new UIDVALIDITY: the case store then re-scans and
/// de-duplicates by Message-ID, exactly as after an IMAP UIDVALIDITY change.
struct MaildirUIDList {
    var uidValidity: UInt32
    var uidNext: UInt32
    var uidByBase: [String: UInt32]

    static let filename = ".caseconsultant-uidlist"

    static func load(from folder: MaildirFolder) -> MaildirUIDList? {
        guard let text = try? String(contentsOf: folder.path.appendingPathComponent(filename), encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n")
        guard !lines.isEmpty else { return nil }
        let header = lines.removeFirst().split(separator: " ")
        guard header.count == 3, header[0] == "1", header[1].hasPrefix("V"), header[2].hasPrefix("N"),
              let validity = UInt32(header[1].dropFirst()), let next = UInt32(header[2].dropFirst()) else { return nil }
        var map: [String: UInt32] = [:]
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, let uid = UInt32(parts[0]) { map[String(parts[1])] = uid }
        }
        return MaildirUIDList(uidValidity: validity, uidNext: next, uidByBase: map)
    }

    static func fresh() -> MaildirUIDList {
        MaildirUIDList(uidValidity: UInt32(truncatingIfNeeded: Int(Date().timeIntervalSince1970)), uidNext: 1, uidByBase: [:])
    }

    func save(to folder: MaildirFolder) throws {
        var text = "1 V\(uidValidity) N\(uidNext)\n"
        for (base, uid) in uidByBase.sorted(by: { $0.value < $1.value }) { text += "\(uid) \(base)\n" }
        try AtomicFile.write(Data(text.utf8), to: folder.path.appendingPathComponent(Self.filename))
    }
}
