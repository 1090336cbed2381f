import Foundation
import Testing
@testable import Coding

@Suite struct KnowledgeBaseTests {
    @Test func bundledLoadsWithoutIssues() throws {
        let kb = try KnowledgeBase.bundled()
        #expect(!kb.procedures.isEmpty)
        #expect(kb.issues.isEmpty, "\(kb.issues.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyEntryIsComplete() throws {
        let kb = try KnowledgeBase.bundled()
        for entry in kb.procedures {
            #expect(entry.code.hasPrefix("27") && entry.code <= "27899", "\(entry.code) outside 27000-27899")
            #expect(entry.descriptor.count >= 15, "\(entry.code): descriptor too short")
            #expect(entry.summary.count > entry.descriptor.count / 2, "\(entry.code): summary says less than the descriptor")
            #expect(entry.descriptor != entry.summary, "\(entry.code): summary repeats the descriptor")
            for related in entry.related ?? [] {
                #expect(related.code != entry.code, "\(entry.code) lists itself as related")
            }
            for prefix in entry.typicalDiagnoses ?? [] {
                #expect(kb.icd.hasCode(withPrefix: ICD10CMTable.canonical(prefix)), "\(entry.code): \(prefix) is not ICD-10-CM")
            }
            if !entry.isAddOn, !entry.isUnlisted { #expect(entry.globalDays != nil, "\(entry.code): no global days") }
        }
    }

    @Test func coversTheWholeRangeInThreeFiles() throws {
        let kb = try KnowledgeBase.bundled()
        // All three files load, and each code sits in the file named for its part of the range
        // (a subset check and a loop skipped unless all three loaded could pass with one file).
        let files = ["cpt-27000-27299.json": 27000...27299, "cpt-27301-27599.json": 27301...27599, "cpt-27600-27899.json": 27600...27899]
        #expect(Set(kb.sources.values) == Set(files.keys))
        for (code, file) in kb.sources {
            #expect(Int(code).map { files[file]?.contains($0) == true } == true, "\(code) is in \(file)")
        }
        for code in ["27299", "27599", "27899"] {
            #expect(kb.procedure(code)?.isUnlisted == true, "\(code) is an unlisted code")
        }
    }

    @Test(arguments: [
        ("bad-action.json", "27999", "action 'cutting'"),
        ("missing-summary.json", "27998", "missing key 'summary'"),
        ("broken.json", nil, "not valid JSON"),
    ] as [(String, String?, String)])
    func invalidFilesSayFileCodeAndProblem(file: String, code: String?, problem: String) {
        let url = TestSupport.fixtures.appendingPathComponent(file)
        do {
            _ = try KnowledgeBase.load(overrideFiles: [url], cptDirectory: TestSupport.fixtures.appendingPathComponent("cpt"))
            Issue.record("\(file) loaded")
        } catch let error as KnowledgeBaseError {
            #expect(error.file.hasSuffix(file))
            #expect(error.entry == code)
            #expect(error.problem.contains(problem), "\(error.problem)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func overrideFileReplacesAnEntry() throws {
        let override = FileManager.default.temporaryDirectory.appendingPathComponent("override-\(UUID().uuidString).json")
        var entry = try #require(TestSupport.fixtureKB.procedure("27447"))
        entry.descriptor = "Deployment's licensed descriptor"
        struct File: Encodable { let format = "caseconsultant-cpt/1"; let entries: [ProcedureEntry] }
        try JSONEncoder().encode(File(entries: [entry])).write(to: override)
        defer { try? FileManager.default.removeItem(at: override) }
        let kb = try KnowledgeBase.load(overrideFiles: [override], cptDirectory: TestSupport.fixtures.appendingPathComponent("cpt"))
        #expect(kb.procedure("27447")?.descriptor == "Deployment's licensed descriptor")
        #expect(kb.sources["27447"] == override.path)
    }

    @Test func searchFindsProceduresAndDiagnoses() throws {
        let hits = TestSupport.fixtureKB.search("bimalleolar fracture", limit: 20)
        #expect(hits.first?.kind == .procedure)
        #expect(hits.contains { $0.kind == .diagnosis && $0.code.hasPrefix("S82.84") })
    }
}
