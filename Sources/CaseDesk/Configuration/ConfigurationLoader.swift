import Coding
import Foundation

/// Finds, reads and validates the configuration. Every key of the file is known here; an
/// unknown key is an error (a typo such as `passwordFlie` must not silently drop a setting).
public enum ConfigurationLoader {
    public static let defaultPath = "Config/caseconsultant.json"
    public static let environmentVariable = "CASECONSULTANT_CONFIG"

    /// `--config` > $CASECONSULTANT_CONFIG > Config/caseconsultant.json.
    public static func locate(option: String?, environment: [String: String], currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        let chosen = option ?? environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath
        return absolute(chosen, relativeTo: currentDirectory)
    }

    public static func load(path: String) throws -> DeskConfiguration {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigurationError(.fileNotFound, file: path,
                                     "no configuration file here; pass --config FILE or set $\(environmentVariable) (see Config/caseconsultant.example.json)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(.unreadable, file: path, "cannot read the file (check its permissions)")
        }
        return try parse(data, file: path)
    }

    public static func parse(_ data: Data, file: String) throws -> DeskConfiguration {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ConfigurationError(.invalidJSON, file: file, "not valid JSON (\(jsonProblem(error)))")
        }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent().path
        var reader = ConfigReader(file: file, base: base)
        return try reader.configuration(root)
    }

    static func absolute(_ path: String, relativeTo base: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
        return URL(fileURLWithPath: base).appendingPathComponent(expanded).standardizedFileURL.path
    }

    private static func jsonProblem(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            if let underlying = context.underlyingError as NSError?, let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String {
                return detail
            }
            return context.debugDescription
        }
        return "\(error)"
    }
}

/// Walks the JSON tree; each accessor names the key path in its error.
struct ConfigReader {
    let file: String
    let base: String

    mutating func configuration(_ root: JSONValue) throws -> DeskConfiguration {
        let top = try object(root, "(top level)", allowed: ["mailbox", "smtp", "review", "submitters", "store", "templates", "tls",
                                                              "limits", "replies", "outbox", "timeouts", "daemon", "coding", "$comment"])
        let tlsObject = try optionalObject(top["tls"], "tls", allowed: ["caFile", "allowPlaintextLoopback"])
        let tls = DeskConfiguration.TLS(
            caFile: try optionalString(tlsObject["caFile"], "tls.caFile").map(path),
            allowPlaintextLoopback: try bool(tlsObject["allowPlaintextLoopback"], "tls.allowPlaintextLoopback", default: false))

        let mailboxObject = try requiredObject(top["mailbox"], "mailbox",
                                               allowed: ["url", "username", "password", "passwordEnv", "passwordFile", "oauth2TokenFile",
                                                         "processedFolder", "failedFolder", "processedKeyword"])
        let mailboxURL = try mailURL(mailboxObject["url"], "mailbox.url", schemes: ["imap", "imaps", "maildir"])
        let mailbox = DeskConfiguration.Mailbox(
            url: mailboxURL,
            username: try optionalString(mailboxObject["username"], "mailbox.username"),
            secret: try secret(mailboxObject, "mailbox", needed: !mailboxURL.hasPrefix("maildir:")),
            processedFolder: try folder(mailboxObject["processedFolder"], "mailbox.processedFolder", default: "CaseConsultant/Processed"),
            failedFolder: try folder(mailboxObject["failedFolder"], "mailbox.failedFolder", default: "CaseConsultant/Failed"),
            processedKeyword: try keyword(mailboxObject["processedKeyword"], "mailbox.processedKeyword", default: "$CaseConsultantDone"))
        if !mailboxURL.hasPrefix("maildir:"), mailbox.username == nil {
            throw ConfigurationError(.missingKey, file: file, keyPath: "mailbox.username", "required for an IMAP mailbox")
        }
        try requirePlaintextAllowed(mailboxURL, plainScheme: "imap", keyPath: "mailbox.url", tls: tls)

        let smtpObject = try requiredObject(top["smtp"], "smtp",
                                            allowed: ["url", "username", "password", "passwordEnv", "passwordFile", "oauth2TokenFile", "from"])
        let smtpURL = try mailURL(smtpObject["url"], "smtp.url", schemes: ["smtp", "smtps", "dir"])
        let fromText = try string(smtpObject["from"], "smtp.from")
        guard let fromAddress = AddressSyntax.extractAddress(fromText) else {
            throw ConfigurationError(.invalidValue, file: file, keyPath: "smtp.from", "'\(fromText)' is not an address such as 'CaseConsultant <cases@example.com>'")
        }
        let fromName = fromText.firstIndex(of: "<").map { fromText[..<$0].trimmingCharacters(in: CharacterSet(charactersIn: " \"")) }.flatMap { $0.isEmpty ? nil : $0 }
        let smtpUsername = try optionalString(smtpObject["username"], "smtp.username")
        let smtp = DeskConfiguration.SMTP(
            url: smtpURL, username: smtpUsername,
            secret: try secret(smtpObject, "smtp", needed: smtpUsername != nil),
            from: fromText, fromAddress: fromAddress, fromName: fromName)
        try requirePlaintextAllowed(smtpURL, plainScheme: "smtp", keyPath: "smtp.url", tls: tls, smtpStartTLSIsDefault: true)

        let reviewObject = try requiredObject(top["review"], "review", allowed: ["draftTo", "approvers"])
        let draftTo = try stringList(reviewObject["draftTo"], "review.draftTo", required: true)
        for (index, address) in draftTo.enumerated() where !AddressSyntax.isValid(address) {
            throw ConfigurationError(.invalidValue, file: file, keyPath: "review.draftTo[\(index)]", "'\(address)' is not a plain address (user@host)")
        }
        let review = DeskConfiguration.Review(draftTo: draftTo, approvers: try patterns(reviewObject["approvers"], "review.approvers", required: true))

        let submittersObject = try optionalObject(top["submitters"], "submitters", allowed: ["allow", "unknownSenders"])
        let policyText = try optionalString(submittersObject["unknownSenders"], "submitters.unknownSenders") ?? "ignore"
        guard let policy = DeskConfiguration.UnknownSenderPolicy(rawValue: policyText) else {
            throw ConfigurationError(.invalidValue, file: file, keyPath: "submitters.unknownSenders", "'\(policyText)' is neither \"ignore\" nor \"notice\"")
        }
        let submitters = DeskConfiguration.Submitters(allow: try patterns(submittersObject["allow"], "submitters.allow", required: false),
                                                      unknownSenders: policy)

        let storeObject = try requiredObject(top["store"], "store", allowed: ["path"])
        let storePath = path(try string(storeObject["path"], "store.path"))

        let templates = path(try optionalString(top["templates"], "templates") ?? "Templates")

        let limitsObject = try optionalObject(top["limits"], "limits", allowed: ["maxMessageBytes", "maxCasesPerSenderPerDay", "maxNoticesPerSenderPerDay"])
        let limits = DeskConfiguration.Limits(
            maxMessageBytes: try integer(limitsObject["maxMessageBytes"], "limits.maxMessageBytes", default: 10_485_760, minimum: 1_024),
            maxCasesPerSenderPerDay: try integer(limitsObject["maxCasesPerSenderPerDay"], "limits.maxCasesPerSenderPerDay", default: 50, minimum: 1),
            maxNoticesPerSenderPerDay: try integer(limitsObject["maxNoticesPerSenderPerDay"], "limits.maxNoticesPerSenderPerDay", default: 3, minimum: 0))

        let repliesObject = try optionalObject(top["replies"], "replies", allowed: ["acknowledge", "messageIdDomain", "timeZone"])
        let domain = try optionalString(repliesObject["messageIdDomain"], "replies.messageIdDomain") ?? AddressSyntax.domain(of: fromAddress) ?? "localhost"
        guard AddressSyntax.isValid("x@" + domain) else {
            throw ConfigurationError(.invalidValue, file: file, keyPath: "replies.messageIdDomain", "'\(domain)' is not a domain name")
        }
        var timeZone = TimeZone.current
        if let zoneName = try optionalString(repliesObject["timeZone"], "replies.timeZone") {
            guard let zone = TimeZone(identifier: zoneName) else {
                throw ConfigurationError(.invalidValue, file: file, keyPath: "replies.timeZone", "'\(zoneName)' is not a time zone such as \"Europe/Berlin\" or \"UTC\"")
            }
            timeZone = zone
        }
        let replies = DeskConfiguration.Replies(acknowledge: try bool(repliesObject["acknowledge"], "replies.acknowledge", default: false),
                                                messageIDDomain: domain.lowercased(), timeZone: timeZone)

        let outboxObject = try optionalObject(top["outbox"], "outbox", allowed: ["maxAttempts", "retryInitialSeconds", "retryMaxSeconds"])
        let outbox = DeskConfiguration.Outbox(
            maxAttempts: try integer(outboxObject["maxAttempts"], "outbox.maxAttempts", default: 20, minimum: 1),
            retryInitialSeconds: try integer(outboxObject["retryInitialSeconds"], "outbox.retryInitialSeconds", default: 60, minimum: 0),
            retryMaxSeconds: try integer(outboxObject["retryMaxSeconds"], "outbox.retryMaxSeconds", default: 3_600, minimum: 0))

        let timeoutsObject = try optionalObject(top["timeouts"], "timeouts", allowed: ["connectSeconds", "idleSeconds"])
        let timeouts = DeskConfiguration.Timeouts(
            connectSeconds: try integer(timeoutsObject["connectSeconds"], "timeouts.connectSeconds", default: 30, minimum: 1),
            idleSeconds: try integer(timeoutsObject["idleSeconds"], "timeouts.idleSeconds", default: 60, minimum: 1))

        let daemonObject = try optionalObject(top["daemon"], "daemon", allowed: ["intervalSeconds", "lockWaitSeconds"])
        let daemon = DeskConfiguration.Daemon(
            intervalSeconds: try integer(daemonObject["intervalSeconds"], "daemon.intervalSeconds", default: 60, minimum: 1),
            lockWaitSeconds: try integer(daemonObject["lockWaitSeconds"], "daemon.lockWaitSeconds", default: 10, minimum: 0))

        var codingFiles: KnowledgeBaseFiles?
        if top["coding"] != nil {
            let codingObject = try optionalObject(top["coding"], "coding", allowed: ["cptFiles", "ncciFile", "feeScheduleFile"])
            codingFiles = KnowledgeBaseFiles(
                cptFiles: try stringList(codingObject["cptFiles"], "coding.cptFiles", required: false).map(path),
                ncciFile: try optionalString(codingObject["ncciFile"], "coding.ncciFile").map(path),
                feeScheduleFile: try optionalString(codingObject["feeScheduleFile"], "coding.feeScheduleFile").map(path))
        }

        return DeskConfiguration(mailbox: mailbox, smtp: smtp, review: review, submitters: submitters, storePath: storePath,
                                 templatesDirectory: templates, tls: tls, limits: limits, replies: replies, outbox: outbox,
                                 timeouts: timeouts, daemon: daemon, codingFiles: codingFiles, sourceFile: file)
    }

    // MARK: accessors

    private func fail(_ keyPath: String, _ problem: String, _ code: ConfigurationError.Code = .invalidValue) -> ConfigurationError {
        ConfigurationError(code, file: file, keyPath: keyPath, problem)
    }

    private func object(_ value: JSONValue, _ keyPath: String, allowed: Set<String>) throws -> [String: JSONValue] {
        guard case .object(let members) = value else { throw fail(keyPath, "expected an object, found \(value.typeName)") }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            let prefix = keyPath == "(top level)" ? "" : keyPath + "."
            throw ConfigurationError(.unknownKey, file: file, keyPath: prefix + unknown,
                                     "unknown key; known keys here: \(allowed.filter { $0 != "$comment" }.sorted().joined(separator: ", "))")
        }
        return members
    }

    private func requiredObject(_ value: JSONValue?, _ keyPath: String, allowed: Set<String>) throws -> [String: JSONValue] {
        guard let value else { throw fail(keyPath, "missing (required)", .missingKey) }
        return try object(value, keyPath, allowed: allowed)
    }

    private func optionalObject(_ value: JSONValue?, _ keyPath: String, allowed: Set<String>) throws -> [String: JSONValue] {
        guard let value, value != .null else { return [:] }
        return try object(value, keyPath, allowed: allowed)
    }

    private func string(_ value: JSONValue?, _ keyPath: String) throws -> String {
        guard let result = try optionalString(value, keyPath) else { throw fail(keyPath, "missing (required)", .missingKey) }
        return result
    }

    private func optionalString(_ value: JSONValue?, _ keyPath: String) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?:
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(keyPath, "must not be empty") }
            guard !text.contains(where: { $0 == "\r" || $0 == "\n" }) else { throw fail(keyPath, "must be one line") }
            return text
        case let other?: throw fail(keyPath, "expected a string, found \(other.typeName)")
        }
    }

    private func bool(_ value: JSONValue?, _ keyPath: String, default fallback: Bool) throws -> Bool {
        switch value {
        case nil, .null?: return fallback
        case .bool(let flag)?: return flag
        case let other?: throw fail(keyPath, "expected true or false, found \(other.typeName)")
        }
    }

    private func integer(_ value: JSONValue?, _ keyPath: String, default fallback: Int, minimum: Int) throws -> Int {
        switch value {
        case nil, .null?: return fallback
        case .number(let number)?:
            guard number.rounded() == number, number >= Double(minimum), number <= Double(Int32.max) else {
                throw fail(keyPath, "expected a whole number of at least \(minimum), found \(number)")
            }
            return Int(number)
        case let other?: throw fail(keyPath, "expected a number, found \(other.typeName)")
        }
    }

    private func stringList(_ value: JSONValue?, _ keyPath: String, required: Bool) throws -> [String] {
        switch value {
        case nil, .null?:
            if required { throw fail(keyPath, "missing (required): a list of addresses", .missingKey) }
            return []
        case .array(let items)?:
            if required, items.isEmpty { throw fail(keyPath, "must name at least one address") }
            return try items.enumerated().map { index, item in
                guard case .string(let text) = item else { throw fail("\(keyPath)[\(index)]", "expected a string, found \(item.typeName)") }
                return text.trimmingCharacters(in: .whitespaces)
            }
        case let other?: throw fail(keyPath, "expected a list of strings, found \(other.typeName)")
        }
    }

    private func patterns(_ value: JSONValue?, _ keyPath: String, required: Bool) throws -> [AddressPattern] {
        try stringList(value, keyPath, required: required).enumerated().map { index, text in
            guard let pattern = AddressPattern(text) else {
                throw fail("\(keyPath)[\(index)]", "'\(text)' is not an address, '*@domain' or '*@*.domain'")
            }
            return pattern
        }
    }

    private func folder(_ value: JSONValue?, _ keyPath: String, default fallback: String) throws -> String {
        let name = try optionalString(value, keyPath) ?? fallback
        guard !name.contains(where: { $0 == "*" || $0 == "%" || $0 == "\"" || $0 == "\\" }), !name.hasPrefix("/") else {
            throw fail(keyPath, "'\(name)' is not a usable folder name (no * % \" \\, no leading /)")
        }
        return name
    }

    private func keyword(_ value: JSONValue?, _ keyPath: String, default fallback: String) throws -> String {
        let word = try optionalString(value, keyPath) ?? fallback
        let atomSpecials = Set<Character>("(){ %*\"\\]")
        guard !word.hasPrefix("\\"), word.allSatisfy({ $0.isASCII && !atomSpecials.contains($0) && $0.asciiValue! > 0x20 }) else {
            throw fail(keyPath, "'\(word)' is not an IMAP keyword (ASCII, no spaces or ( ) { % * \" \\ ])")
        }
        return word
    }

    private func path(_ text: String) -> String { ConfigurationLoader.absolute(text, relativeTo: base) }

    private func mailURL(_ value: JSONValue?, _ keyPath: String, schemes: [String]) throws -> String {
        let text = try string(value, keyPath)
        guard let colon = text.firstIndex(of: ":") else {
            throw fail(keyPath, "'\(text)' has no scheme; use one of \(schemes.map { $0 + ":" }.joined(separator: ", "))")
        }
        let scheme = text[..<colon].lowercased()
        guard schemes.contains(scheme) else {
            throw fail(keyPath, "scheme '\(scheme)' is not supported here; use one of \(schemes.map { $0 + ":" }.joined(separator: ", "))")
        }
        if scheme == "maildir" || scheme == "dir" {
            let rest = String(text[text.index(after: colon)...])
            guard !rest.isEmpty else { throw fail(keyPath, "'\(text)' names no directory") }
            return scheme + ":" + path(rest)
        }
        guard let url = URL(string: text), url.host != nil, !(url.host ?? "").isEmpty else {
            throw fail(keyPath, "'\(text)' is not a URL such as \(scheme)://host:port\(scheme.hasPrefix("imap") ? "/INBOX" : "")")
        }
        return text
    }

    private func requirePlaintextAllowed(_ url: String, plainScheme: String, keyPath: String, tls: DeskConfiguration.TLS, smtpStartTLSIsDefault: Bool = false) throws {
        // Plain imap:// and smtp:// always use STARTTLS; nothing to check here except that the
        // loopback exemption is not asked for a remote host, where it would be a downgrade.
        guard tls.allowPlaintextLoopback, url.lowercased().hasPrefix(plainScheme + "://"), let host = URL(string: url)?.host else { return }
        let loopback = ["127.0.0.1", "::1", "[::1]", "localhost"]
        guard loopback.contains(host.lowercased()) else {
            throw fail("tls.allowPlaintextLoopback", "applies only to a server on 127.0.0.1 or localhost, and \(keyPath) names \(host)")
        }
    }

    private func secret(_ members: [String: JSONValue], _ section: String, needed: Bool) throws -> SecretSource? {
        if members["password"] != nil {
            throw fail("\(section).password", "passwords never sit in the config file; use passwordEnv or passwordFile")
        }
        var sources: [SecretSource] = []
        if let name = try optionalString(members["passwordEnv"], "\(section).passwordEnv") { sources.append(.environment(name)) }
        if let file = try optionalString(members["passwordFile"], "\(section).passwordFile") { sources.append(.passwordFile(path(file))) }
        if let file = try optionalString(members["oauth2TokenFile"], "\(section).oauth2TokenFile") { sources.append(.oauth2TokenFile(path(file))) }
        if sources.count > 1 {
            throw fail(section, "give only one of passwordEnv, passwordFile, oauth2TokenFile")
        }
        if needed, sources.isEmpty {
            throw fail("\(section).passwordFile", "a credential source is required: passwordEnv, passwordFile or oauth2TokenFile (never the password itself)", .missingKey)
        }
        return sources.first
    }
}
