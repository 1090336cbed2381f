import Testing
@testable import CaseDesk

struct FakeLookup: TriageLookup {
    var threads: [String: String] = [:]
    var submitters: [String: String] = [:]
    var today: [String: Int] = [:]
    func caseID(threadMessageID: String) -> String? { threads[threadMessageID] }
    func submitter(caseID: String) -> String? { submitters[caseID] }
    func casesToday(sender: String) -> Int { today[sender] ?? 0 }
}

@Suite("Triage")
struct TriageTests {
    let policy = TriagePolicy(approvers: [AddressPattern("ana@coders.example")!, AddressPattern("*@review.example")!],
                              allowedSubmitters: [AddressPattern("*@clinic.example.org")!],
                              unknownSenders: .ignore, maxCasesPerSenderPerDay: 2, ownDomain: "desk.example")
    let lookup = FakeLookup(threads: ["orig@clinic.example.org": "CC-261121-0001"],
                            submitters: ["CC-261121-0001": "coder@clinic.example.org"])

    func mail(from: String? = "coder@clinic.example.org", subject: String = "Hip case", inReplyTo: [String] = [],
              references: [String] = [], mimeType: String = "text/plain", headers: [String: [String]] = [:],
              messageID: String? = "new@clinic.example.org") -> IncomingMail {
        IncomingMail(from: from, subject: subject, messageID: messageID, inReplyTo: inReplyTo, references: references,
                     mimeType: mimeType, headers: headers)
    }

    func decide(_ mail: IncomingMail, lookup: FakeLookup? = nil, policy: TriagePolicy? = nil) throws -> TriageDecision {
        try Triage.decide(mail, policy: policy ?? self.policy, lookup: lookup ?? self.lookup)
    }

    @Test func newCaseFromAllowedSubmitter() throws {
        #expect(try decide(mail()) == .newCase)
    }

    @Test func machineMailIsRecognised() throws {
        #expect(try decide(mail(headers: ["Auto-Submitted": ["auto-replied"]])) == .machine(.autoReply, reason: "Auto-Submitted"))
        #expect(try decide(mail(headers: ["Auto-Submitted": ["no"]])) == .newCase)
        #expect(try decide(mail(headers: ["Precedence": ["bulk"]])) == .machine(.autoReply, reason: "Precedence bulk"))
        #expect(try decide(mail(headers: ["List-Id": ["<coders.lists.example>"]])) == .machine(.list, reason: "List-* header"))
        #expect(try decide(mail(headers: ["X-Auto-Response-Suppress": ["All"]])) == .machine(.autoReply, reason: "X-Auto-Response-Suppress"))
        #expect(try decide(mail(headers: ["Return-Path": ["<>"]])) == .machine(.bounce, reason: "empty Return-Path"))
        #expect(try decide(mail(from: "MAILER-DAEMON@clinic.example.org")) == .machine(.bounce, reason: "sent by mailer-daemon"))
        #expect(try decide(mail(mimeType: "multipart/report")) == .machine(.bounce, reason: "multipart/report"))
        #expect(try decide(mail(headers: ["X-CaseConsultant-Loop": ["desk.example"]])) == .machine(.loop, reason: "our loop header"))
        #expect(try decide(mail(messageID: "x@desk.example")) == .machine(.loop, reason: "our own Message-ID domain"))
    }

    @Test func reviewAnswersByToken() throws {
        let token = ReviewToken.make()
        let draftID = ReviewToken.draftMessageID(caseID: "CC-261121-0001", version: 1, token: token, domain: "desk.example")
        #expect(try decide(mail(from: "ana@coders.example", inReplyTo: [draftID])) == .reviewAnswer(tokens: [token], fromApprover: true))
        #expect(try decide(mail(from: "x@review.example", references: [draftID])) == .reviewAnswer(tokens: [token], fromApprover: true))
        // A spoofed answer is still a review answer (so it is refused and audited), never a new case.
        #expect(try decide(mail(from: "coder@clinic.example.org", inReplyTo: [draftID])) == .reviewAnswer(tokens: [token], fromApprover: false))
        #expect(try decide(mail(from: "ana@coders.example", subject: "Re: [CC-261121-0001] Review: hip")) == .reviewAnswer(tokens: [], fromApprover: true))
    }

    @Test func followUpsNeedTheSameSender() throws {
        #expect(try decide(mail(inReplyTo: ["orig@clinic.example.org"])) == .followUp(caseID: "CC-261121-0001"))
        #expect(try decide(mail(subject: "Re: Hip case [CC-261121-0001]")) == .followUp(caseID: "CC-261121-0001"))
        #expect(try decide(mail(from: "other@clinic.example.org", inReplyTo: ["orig@clinic.example.org"])) == .newCase)
    }

    @Test func dailyLimitAndUnknownSenders() throws {
        let busy = FakeLookup(today: ["coder@clinic.example.org": 2])
        #expect(try decide(mail(), lookup: busy) == .overLimit)
        #expect(try decide(mail(from: "someone@elsewhere.example")) == .unknownSender(sendNotice: false))
        var noticing = policy
        noticing.unknownSenders = .notice
        #expect(try decide(mail(from: "someone@elsewhere.example"), policy: noticing) == .unknownSender(sendNotice: true))
        #expect(try decide(mail(from: nil)) == .noSender)
    }

    @Test func caseTagInSubject() {
        #expect(CaseTag.caseID(inSubject: "Re: [CC-261121-0007] Review: x") == "CC-261121-0007")
        #expect(CaseTag.caseID(inSubject: "[CC-261121-0007:abc] x") == "CC-261121-0007")
        #expect(CaseTag.caseID(inSubject: "[CC-bogus] [CC-261121-0008]") == "CC-261121-0008")
        #expect(CaseTag.caseID(inSubject: "no tag") == nil)
    }
}

@Suite("Patient identifiers")
struct IdentifierTests {
    @Test func detectsEachKind() {
        #expect(IdentifierDetector.detect("Patient John Smith underwent ORIF.") == [.name])
        #expect(IdentifierDetector.detect("Patient name: Mary O'Brien") == [.name])
        #expect(IdentifierDetector.detect("Seen Mrs. Alvarez today") == [.name])
        #expect(IdentifierDetector.detect("DOB: 03/14/1957") == [.dateOfBirth])
        #expect(IdentifierDetector.detect("date of birth March 3, 1950") == [.dateOfBirth])
        #expect(IdentifierDetector.detect("MRN 00482913") == [.medicalRecordNumber])
        #expect(IdentifierDetector.detect("SSN 123-45-6789") == [.socialSecurityNumber])
        #expect(IdentifierDetector.detect("call (555) 123-4567") == [.phone])
        #expect(IdentifierDetector.detect("call 555-123-4567") == [.phone])
    }

    @Test func clinicalTextIsNotFlagged() {
        let note = """
        PROCEDURE: ORIF left femoral neck fracture, CPT 27236? Patient was taken to the OR on 2026-11-20.
        The patient tolerated the procedure well. Patient Underwent fixation with 3 cannulated screws (6.5 mm).
        ICD-10 S72.002A. Blood loss 150 mL. Follow up in 2 weeks.
        """
        #expect(IdentifierDetector.detect(note) == [])
    }
}
