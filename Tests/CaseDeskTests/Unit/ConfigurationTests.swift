import Foundation
import Testing
@testable import CaseDesk

@Suite("Configuration")
struct ConfigurationTests {
    static let valid = """
    {
      "mailbox": { "url": "imaps://imap.example.com/INBOX", "username": "cases@example.com",
                   "passwordFile": "secrets/imap", "processedFolder": "CC/Done", "failedFolder": "CC/Failed" },
      "smtp": { "url": "smtp://smtp.example.com:587", "username": "cases@example.com",
                "passwordEnv": "SMTP_PW", "from": "CaseConsultant <cases@example.com>" },
      "review": { "draftTo": ["consultants@example.com"], "approvers": ["ana@example.com", "*@coders.example.com"] },
      "submitters": { "allow": ["*@clinic.example.org"], "unknownSenders": "notice" },
      "store": { "path": "state/cases.sqlite" },
      "templates": "../Templates",
      "tls": { "caFile": null },
      "limits": { "maxMessageBytes": 10485760, "maxCasesPerSenderPerDay": 50 }
    }
    """

    func parse(_ text: String) throws -> DeskConfiguration {
        try ConfigurationLoader.parse(Data(text.utf8), file: "/etc/cc/config.json")
    }

    func error(_ text: String) -> ConfigurationError? {
        do { _ = try parse(text); return nil } catch let error as ConfigurationError { return error } catch { return nil }
    }

    func replacing(_ old: String, _ new: String) -> String {
        Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test func validConfigurationResolvesPathsAgainstItsDirectory() throws {
        let config = try parse(Self.valid)
        #expect(config.storePath == "/etc/cc/state/cases.sqlite")
        #expect(config.templatesDirectory == "/etc/Templates")
        #expect(config.mailbox.secret == .passwordFile("/etc/cc/secrets/imap"))
        #expect(config.smtp.secret == .environment("SMTP_PW"))
        #expect(config.smtp.fromAddress == "cases@example.com")
        #expect(config.smtp.fromName == "CaseConsultant")
        #expect(config.replies.messageIDDomain == "example.com")
        #expect(config.submitters.unknownSenders == .notice)
        #expect(config.review.approvers.matchesAny("bob@coders.example.com"))
        #expect(!config.review.approvers.matchesAny("bob@example.com"))
        #expect(config.mailbox.processedKeyword == "$CaseConsultantDone")
        #expect(config.outbox.retryInitialSeconds == 60)
        #expect(config.lockPath == "/etc/cc/state/cases.sqlite.lock")
    }

    @Test func codingSectionNamesTheDeploymentsFilesElseTheEnvironmentDoes() throws {
        let environment = ["CASECONSULTANT_NCCI_FILE": "/srv/ncci.txt"]
        let absent = try parse(Self.valid)
        #expect(absent.codingFiles == nil)
        #expect(absent.knowledgeBaseFiles(environment: environment).ncciFile == "/srv/ncci.txt")

        let present = try parse(replacing(#""templates": "../Templates","#,
            #""templates": "../Templates", "coding": { "cptFiles": ["cpt/licensed.json"], "feeScheduleFile": "/srv/PPRRVU26_JAN.csv" },"#))
        let files = present.knowledgeBaseFiles(environment: environment)
        #expect(files.cptFiles == ["/etc/cc/cpt/licensed.json"], "relative to the config file")
        #expect(files.feeScheduleFile == "/srv/PPRRVU26_JAN.csv")
        #expect(files.ncciFile == nil, "a coding section says everything; the environment does not mix in")

        #expect(error(replacing(#""templates": "../Templates","#, #""templates": "../Templates", "coding": { "ncciFlie": "x" },"#))?
            .keyPath == "coding.ncciFlie")
    }

    @Test func maildirAndDirectoryURLsNeedNoCredentials() throws {
        let config = try parse("""
        { "mailbox": { "url": "maildir:demo/Maildir" }, "smtp": { "url": "dir:demo/outbox", "from": "desk@demo.example" },
          "review": { "draftTo": ["c@demo.example"], "approvers": ["c@demo.example"] }, "store": { "path": "demo/cases.sqlite" } }
        """)
        #expect(config.mailbox.url == "maildir:/etc/cc/demo/Maildir")
        #expect(config.smtp.url == "dir:/etc/cc/demo/outbox")
        #expect(config.mailbox.secret == nil)
    }

    @Test func errorsNameTheKeyPath() {
        #expect(error(replacing("\"passwordFile\": \"secrets/imap\"", "\"pasword\": \"x\""))?.keyPath == "mailbox.pasword")
        #expect(error(replacing("\"passwordFile\": \"secrets/imap\"", "\"password\": \"hunter2\""))?.keyPath == "mailbox.password")
        #expect(error(replacing("\"passwordFile\": \"secrets/imap\"", "\"processedKeyword\": \"$X\""))?.keyPath == "mailbox.passwordFile")
        #expect(error(replacing("\"ana@example.com\"", "\"not an address\""))?.keyPath == "review.approvers[0]")
        #expect(error(replacing("\"notice\"", "\"reply\""))?.keyPath == "submitters.unknownSenders")
        #expect(error(replacing("10485760", "\"big\""))?.keyPath == "limits.maxMessageBytes")
        #expect(error(replacing("imaps://imap.example.com/INBOX", "pop3://x/INBOX"))?.keyPath == "mailbox.url")
        #expect(error(replacing("\"store\": { \"path\": \"state/cases.sqlite\" },", ""))?.keyPath == "store")
        #expect(error(replacing("\"passwordEnv\": \"SMTP_PW\"", "\"passwordEnv\": \"SMTP_PW\", \"passwordFile\": \"f\""))?.keyPath == "smtp")
        #expect(error("{ not json")?.keyPath == nil)
        #expect(error("{ not json")?.description.contains("not valid JSON") == true)
    }

    @Test func plaintextLoopbackOnlyForLoopback() {
        let remote = replacing("\"tls\": { \"caFile\": null }", "\"tls\": { \"caFile\": null, \"allowPlaintextLoopback\": true }")
        #expect(error(remote)?.keyPath == "tls.allowPlaintextLoopback")
    }

    @Test func locateFollowsPrecedence() {
        #expect(ConfigurationLoader.locate(option: "/a.json", environment: ["CASECONSULTANT_CONFIG": "/b.json"]) == "/a.json")
        #expect(ConfigurationLoader.locate(option: nil, environment: ["CASECONSULTANT_CONFIG": "/b.json"]) == "/b.json")
        #expect(ConfigurationLoader.locate(option: nil, environment: [:], currentDirectory: "/srv") == "/srv/Config/caseconsultant.json")
    }

    @Test func missingFileSaysWhatToDo() {
        #expect(throws: ConfigurationError.self) { _ = try ConfigurationLoader.load(path: "/nonexistent/config.json") }
    }

    @Test func secretsResolveFromEnvironmentAndFile() throws {
        #expect(try SecretSource.environment("PW").resolve(environment: ["PW": "s3cret"]) == "s3cret")
        #expect(throws: SecretError.self) { try SecretSource.environment("PW").resolve(environment: [:]) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)")
        try Data("s3cret\n".utf8).write(to: file)
        #expect(try SecretSource.passwordFile(file.path).resolve(environment: [:]) == "s3cret")
    }
}

@Suite("Address patterns")
struct AddressPatternTests {
    @Test func forms() {
        #expect(AddressPattern("ana@example.com")!.matches("ANA@Example.com"))
        #expect(AddressPattern("*@example.com")!.matches("x@example.com"))
        #expect(!AddressPattern("*@example.com")!.matches("x@sub.example.com"))
        #expect(AddressPattern("*@*.example.com")!.matches("x@sub.example.com"))
        #expect(!AddressPattern("*@*.example.com")!.matches("x@example.com"))
        #expect(!AddressPattern("*@example.com")!.matches("x@evilexample.com"))
        #expect(AddressPattern("example.com") == nil)
        #expect(AddressPattern("a@b@c.com") == nil)
    }

    @Test func addressSyntaxRefusesInjection() {
        #expect(AddressSyntax.isValid("coder@clinic.example.org"))
        #expect(!AddressSyntax.isValid("coder@clinic.example.org\r\nBcc: x@y.z"))
        #expect(!AddressSyntax.isValid("a b@c.com"))
        #expect(!AddressSyntax.isValid("<a@c.com>"))
        #expect(AddressSyntax.extractAddress("Ana <ana@example.com>") == "ana@example.com")
    }
}
