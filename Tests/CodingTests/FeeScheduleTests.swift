import Foundation
import Testing
@testable import Coding

@Suite struct FeeScheduleTests {
    static let sample = TestSupport.fixtures.appendingPathComponent("fee-schedule/PPRRVU-SAMPLE.csv")

    @Test func readsTheRelativeValueFileLayout() throws {
        let schedule = try FeeScheduleIndicators.parse(Data(contentsOf: Self.sample), file: "PPRRVU-SAMPLE.csv")
        #expect(schedule.byCode.count == 5, "title lines and the professional-component row (MOD 26) are not codes")
        #expect(schedule.byCode["27792"] == .init(bilateral: .notBilateral, globalDays: 90, globalPeriod: "090"),
                "the row without a modifier, not the MOD 26 row after it")
        #expect(schedule.byCode["27040"] == .init(bilateral: .bilateral50, globalDays: 10, globalPeriod: "010"),
                "a quoted descriptor holding commas and doubled quotes does not shift the columns")
        #expect(schedule.byCode["99213"] == .init(bilateral: .notApplicable, globalDays: nil, globalPeriod: "XXX"))
    }

    @Test func tabSeparatedExportReadsTheSame() throws {
        let text = """
        Some title line, with a comma
        HCPCS\tMOD\tDESCRIPTION\tGLOB DAYS\tBILAT SURG
        27130\t\t\t090\t1
        27080\t\tx, y\t090\t0
        """
        let schedule = try FeeScheduleIndicators.parse(Data(text.utf8), file: "export.txt")
        #expect(schedule.byCode["27130"]?.bilateral == .bilateral50)
        #expect(schedule.byCode["27080"]?.bilateral == .notBilateral)
    }

    @Test(arguments: [
        ("HCPCS,MOD,GLOB DAYS,BILAT SURG\n27130,,090,4\n", "line 2: BILAT SURG '4'"),
        ("HCPCS,MOD,GLOB DAYS,BILAT SURG\n27130,,090,1\n27131,,91,1\n", "line 3: GLOB DAYS '91'"),
        ("HCPCS,MOD,GLOB DAYS\n27130,,090\n", "no 'BILAT SURG' column"),
        ("CODE,MOD\n27130,\n", "no header line with an HCPCS column"),
    ])
    func malformedFilesSayWhereAndWhat(text: String, problem: String) {
        #expect {
            try FeeScheduleIndicators.parse(Data(text.utf8), file: "bad.csv")
        } throws: { error in
            (error as? KnowledgeBaseError).map { $0.file == "bad.csv" && $0.problem.contains(problem) } ?? false
        }
    }

    @Test(arguments: [
        (FeeScheduleIndicators.Bilateral.notBilateral, "bilateral-50", "side"),
        (.notBilateral, "none", "none"),
        (.bilateral50, "side", "bilateral-50"),
        (.eachSideInFull, "side", "bilateral-50"),
        (.inherentlyBilateral, "side", "inherent-bilateral"),
        (.notApplicable, "bilateral-50", "none"),
    ])
    func indicatorDecidesLaterality(indicator: FeeScheduleIndicators.Bilateral, authors: String, expected: String) {
        #expect(indicator.laterality(replacing: authors) == expected)
    }

    /// The bundled entry allows 50 for 27792; a deployment's fee schedule saying indicator 0 makes
    /// both sides two lines, RT and LT, and the report says where that came from.
    @Test func deploymentScheduleDecidesModifierFifty() throws {
        let narrative = "Bilateral ORIF of lateral malleolus fractures, right and left ankles, plate and screws."
        let bundled = TestSupport.bundledEngine.suggest(narrative)
        #expect(bundled.procedures.first.map { ($0.code, $0.modifiers) } ?? ("", []) == ("27792", ["50"]))

        let withSchedule = try KnowledgeBase.load(KnowledgeBaseFiles(feeScheduleFile: Self.sample.path))
        #expect(withSchedule.procedure("27792")?.laterality == "side")
        #expect(withSchedule.procedure("27040")?.globalDays == 10)
        #expect(withSchedule.procedure("27750")?.laterality == TestSupport.bundledKB.procedure("27750")?.laterality,
                "codes the file does not list keep the authors' values")
        let report = CodingEngine(knowledgeBase: withSchedule, serviceDate: "20260401").suggest(narrative)
        let lines = report.procedures.filter { $0.code == "27792" }
        #expect(lines.flatMap(\.modifiers).sorted() == ["LT", "RT"])
        #expect(report.warnings.contains { $0.kind == "modifier" && $0.message.contains("CMS fee schedule PPRRVU-SAMPLE.csv") })
    }

    @Test func environmentNamesTheFiles() {
        let files = KnowledgeBaseFiles.from(environment: [
            "CASECONSULTANT_CPT_FILES": "/a.json:/b.json", "CASECONSULTANT_NCCI_FILE": "",
            "CASECONSULTANT_FEE_SCHEDULE_FILE": "/etc/caseconsultant/PPRRVU26_JAN.csv",
        ])
        #expect(files == KnowledgeBaseFiles(cptFiles: ["/a.json", "/b.json"], ncciFile: nil, feeScheduleFile: "/etc/caseconsultant/PPRRVU26_JAN.csv"))
        #expect(KnowledgeBaseFiles.from(environment: [:]).isEmpty)
    }

    @Test func missingFileIsAnError() {
        #expect(throws: KnowledgeBaseError.self) {
            try KnowledgeBase.load(KnowledgeBaseFiles(feeScheduleFile: "/nonexistent/PPRRVU.csv"))
        }
    }
}
