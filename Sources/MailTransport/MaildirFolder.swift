import Foundation

/// One Maildir directory (new/ cur/ tmp/) and its keyword table. Sub-folders are Maildir++:
/// "CaseConsultant/Processed" lives in ROOT/.CaseConsultant.Processed.
struct MaildirFolder {
    let path: URL

    static func at(root: URL, folder: String) throws -> MaildirFolder {
        let trimmed = folder.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if trimmed.isEmpty || trimmed.uppercased() == "INBOX" { return MaildirFolder(path: root) }
        let parts = trimmed.split(separator: "/")
        guard !parts.contains(where: { $0 == "." || $0 == ".." || $0.contains(".") }) else {
            throw MailTransportError(.invalidConfiguration,
                "Maildir folder name \(String(reflecting: folder)) contains a dot: use \"/\" to nest folders")
        }
        return MaildirFolder(path: root.appendingPathComponent("." + parts.joined(separator: ".")))
    }

    var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path.appendingPathComponent("cur").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    func create() throws {
        do {
            for sub in ["new", "cur", "tmp"] {
                try FileManager.default.createDirectory(at: path.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            let marker = path.appendingPathComponent("maildirfolder")
            if path.lastPathComponent.hasPrefix("."), !FileManager.default.fileExists(atPath: marker.path) {
                FileManager.default.createFile(atPath: marker.path, contents: Data())
            }
        } catch {
            throw MailTransportError(.io, "cannot create the Maildir folder \(path.path): \(error.localizedDescription)")
        }
    }

    // MARK: Keywords

    private var keywordsFile: URL { path.appendingPathComponent("dovecot-keywords") }

    func keywords() -> [Int: String] {
        guard let text = try? String(contentsOf: keywordsFile, encoding: .utf8) else { return [:] }
        var table: [Int: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, let index = Int(parts[0]) { table[index] = String(parts[1]) }
        }
        return table
    }

    /// The letter for a keyword, adding it to the table when new (26 at most, as in Dovecot).
    func letter(forKeyword keyword: String) throws -> Character {
        var table = keywords()
        if let index = table.first(where: { $0.value == keyword })?.key {
            return Character(Unicode.Scalar(UInt8(97 + index)))
        }
        guard let free = (0..<26).first(where: { table[$0] == nil }) else {
            throw MailTransportError(.io, "the Maildir folder \(path.path) already uses 26 keywords, the most Maildir can store")
        }
        table[free] = keyword
        let text = table.keys.sorted().map { "\($0) \(table[$0]!)\n" }.joined()
        try AtomicFile.write(Data(text.utf8), to: keywordsFile)
        return Character(Unicode.Scalar(UInt8(97 + free)))
    }

    func letters(for flags: Set<String>) throws -> Set<Character> {
        var letters = Set<Character>()
        for flag in flags {
            if let letter = MaildirFlags.systemLetters[flag.lowercased()] {
                letters.insert(letter)
            } else if !flag.hasPrefix("\\") {
                letters.insert(try letter(forKeyword: flag))
            }
        }
        return letters
    }

    func flags(for letters: String) -> Set<String> {
        let table = keywords()
        var flags = Set<String>()
        for letter in letters {
            if let name = MaildirFlags.systemNames[letter] {
                flags.insert(name)
            } else if let ascii = letter.asciiValue, ascii >= 97, ascii < 123, let keyword = table[Int(ascii) - 97] {
                flags.insert(keyword)
            }
        }
        return flags
    }

    // MARK: Delivery

    /// Writes into tmp/ and renames into new/ (no flags) or cur/ (with flags): readers never see
    /// a partial message.
    @discardableResult
    func deliver(_ message: Data, flags: Set<String>) throws -> String {
        try create()
        let base = MaildirUniqueName.make(size: message.count)
        let temporary = path.appendingPathComponent("tmp").appendingPathComponent(base)
        do {
            try message.write(to: temporary, options: .withoutOverwriting)
        } catch {
            throw MailTransportError(.io, "cannot write into \(path.path)/tmp: \(error.localizedDescription)")
        }
        let letters = try letters(for: flags)
        let destination = letters.isEmpty
            ? path.appendingPathComponent("new").appendingPathComponent(base)
            : path.appendingPathComponent("cur").appendingPathComponent(MaildirFlags.filename(base: base, letters: letters))
        try AtomicFile.rename(temporary, to: destination)
        return base
    }
}

enum MaildirUniqueName {
    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()

    /// time.MmicrosecondsPpidQcounter.host,S=size — unique per delivery, as Maildir requires.
    static func make(size: Int) -> String {
        let now = Date().timeIntervalSince1970
        let seconds = Int(now)
        let micros = Int((now - Double(seconds)) * 1_000_000)
        let sequence = lock.withLock { counter += 1; return counter }
        let host = ProcessInfo.processInfo.hostName.replacingOccurrences(of: "/", with: "\\057")
            .replacingOccurrences(of: ":", with: "\\072")
        return "\(seconds).M\(micros)P\(ProcessInfo.processInfo.processIdentifier)Q\(sequence).\(host),S=\(size)"
    }
}

enum AtomicFile {
    /// Temp file in the same directory + rename: the file is either absent or complete.
    static func write(_ data: Data, to url: URL) throws {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw MailTransportError(.io, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    static func rename(_ source: URL, to destination: URL) throws {
        guard Foundation.rename(source.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw MailTransportError(.io, "cannot move \(source.path) to \(destination.path): \(reason)")
        }
    }
}
