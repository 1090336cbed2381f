import Testing
@testable import CaseDesk

@Suite("Review protocol")
struct ReviewTests {
    let draft = "Suggested: 27236 (open treatment of a femoral neck fracture)\nwith modifier RT."

    @Test func tokensAreRandomAndWellFormed() {
        let a = ReviewToken.make(), b = ReviewToken.make()
        #expect(a != b)
        #expect(ReviewToken.isWellFormed(a))
        #expect(a.count == 26)
    }

    @Test func tokenRoundTripsThroughMessageIDAndSubjectTag() {
        let token = ReviewToken.make()
        let id = ReviewToken.draftMessageID(caseID: "CC-261121-0007", version: 2, token: token, domain: "desk.example")
        #expect(ReviewToken.token(inMessageID: "<\(id)>", domain: "desk.example") == token)
        #expect(ReviewToken.token(inMessageID: id, domain: "evil.example") == nil)
        #expect(ReviewToken.token(inMessageID: "random@desk.example", domain: "desk.example") == nil)
        let subject = "Re: [CC-261121-0007] Review: hip " + ReviewReference.subjectTag(caseID: "CC-261121-0007", token: token)
        #expect(ReviewReference.subjectToken(subject) == token)
        #expect(ReviewReference.tokens(inReplyTo: ["<\(id)>"], references: [], subject: nil, domain: "desk.example") == [token])
        #expect(ReviewReference.tokens(inReplyTo: [], references: ["a@b", id], subject: nil, domain: "desk.example") == [token])
    }

    @Test func plainApprove() {
        #expect(ReviewAnswerParser.parse("APPROVE\n\nOn Tue, Desk wrote:\n> ----- BEGIN REPLY -----\n> \(draft.replacingOccurrences(of: "\n", with: "\n> "))\n> ----- END REPLY -----\n")
                == .approve(editedBlock: draft))
        #expect(ReviewAnswerParser.parse("Approve.\r\n") == .approve(editedBlock: nil))
        #expect(ReviewAnswerParser.parse("\n\n  APPROVED  \n") == .approve(editedBlock: nil))
    }

    @Test func approveWithEditedBlockPrefersTheUnquotedOne() {
        let answer = """
        APPROVE
        ----- BEGIN REPLY -----
        Suggested: 27236-LT (left side, per the op note).
        ----- END REPLY -----

        On Tue, 3 Mar 2026, CaseConsultant wrote:
        > ----- BEGIN REPLY -----
        > \(draft.replacingOccurrences(of: "\n", with: "\n> "))
        > ----- END REPLY -----
        """
        guard case .approve(let block?) = ReviewAnswerParser.parse(answer) else { Issue.record("not an approve"); return }
        #expect(block == "Suggested: 27236-LT (left side, per the op note).")
        #expect(ReviewAnswerParser.isEdited(block, comparedTo: draft))
    }

    @Test func editedInsideTheQuoteIsFoundAndRewrappingIsNotAnEdit() {
        let answer = "APPROVE\n\n> ----- BEGIN REPLY -----\n> Suggested: 27236-LT only.\n> ----- END REPLY -----\n"
        #expect(ReviewAnswerParser.parse(answer) == .approve(editedBlock: "Suggested: 27236-LT only."))
        let rewrapped = "Suggested: 27236 (open treatment of a\nfemoral neck fracture) with\nmodifier RT."
        #expect(!ReviewAnswerParser.isEdited(rewrapped, comparedTo: draft))
        let nested = "APPROVE\n>> ----- BEGIN REPLY -----\n>> text\n>> ----- END REPLY -----"
        #expect(ReviewAnswerParser.parse(nested) == .approve(editedBlock: "text"))
    }

    @Test func reject() {
        #expect(ReviewAnswerParser.parse("REJECT: outside our coverage\n") == .reject(reason: "outside our coverage"))
        #expect(ReviewAnswerParser.parse("Reject - duplicate of CC-261121-0002") == .reject(reason: "duplicate of CC-261121-0002"))
        #expect(ReviewAnswerParser.parse("REJECT\nthe note is missing\n\n> quoted") == .reject(reason: "the note is missing"))
        #expect(ReviewAnswerParser.parse("REJECT") == .reject(reason: "no reason given"))
    }

    @Test func anythingElseIsNotUnderstood() {
        for text in ["Looks good to me", "", "> APPROVE", "APPROVE but change the modifier", "APPROVE\n----- BEGIN REPLY -----\nhalf"] {
            guard case .notUnderstood = ReviewAnswerParser.parse(text) else {
                Issue.record("understood: \(text)")
                continue
            }
        }
    }

    @Test func bottomPostedAnswerAfterAttribution() {
        #expect(ReviewAnswerParser.parse("On Tue, Desk wrote:\n> quoted draft\n\nAPPROVE\n") == .approve(editedBlock: nil))
    }
}
