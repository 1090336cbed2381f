import Testing
@testable import CaseConsultantCLI

@Suite struct ArgumentParserTests {
    let signature = CommandSignature(options: ["config", "interval"], flags: ["json", "dry-run"], maxPositionals: 1)

    @Test func optionsFlagsAndPositionals() throws {
        let parsed = try ArgumentParser.parse(["--config", "a.json", "--json", "FILE"], signature: signature)
        #expect(parsed.option("config") == "a.json")
        #expect(parsed.has("json"))
        #expect(!parsed.has("dry-run"))
        #expect(parsed.positionals == ["FILE"])
    }

    /// The tuning, engine-case and pending files together are more than any fixed cap; a shell glob
    /// of corpora must reach eval whole.
    @Test func evalTakesAnyNumberOfFiles() throws {
        let files = (1...300).map { "cases-\($0).jsonl" }
        let parsed = try ArgumentParser.parse(["--summary"] + files, signature: EvalCommand.signature)
        #expect(parsed.positionals == files)
    }

    @Test func inlineValueAndStdinDash() throws {
        let parsed = try ArgumentParser.parse(["--interval=30", "-"], signature: signature)
        #expect(try parsed.integerOption("interval") == 30)
        #expect(parsed.positionals == ["-"])
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try ArgumentParser.parse(["--", "--json"], signature: signature)
        #expect(parsed.positionals == ["--json"])
        #expect(!parsed.has("json"))
    }

    @Test(arguments: [
        (["--nope"], "unknown option '--nope'"),
        (["--config"], "--config needs a value"),
        (["--config", "--json"], "--config needs a value"),
        (["--json=1"], "--json takes no value"),
        (["a", "b"], "unexpected argument 'b'"),
        (["-x"], "unknown option '-x' (options are spelled --name)"),
        (["--config", "a", "--config", "b"], "--config given more than once"),
    ])
    func rejectsWithAClearMessage(arguments: [String], message: String) {
        #expect(throws: CLIError.usage(message)) {
            try ArgumentParser.parse(arguments, signature: signature)
        }
    }

    @Test func negativeIntervalIsAUsageError() throws {
        let parsed = try ArgumentParser.parse(["--interval", "-5"], signature: signature)
        #expect(throws: CLIError.self) { try parsed.integerOption("interval") }
    }
}
