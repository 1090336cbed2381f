import Foundation
import Templating

/// Builds the values templates render against. Every template sees the same `case` object, so
/// a deployment can move a field from the draft to the reply without touching code.
enum TemplateModel {
    struct Desk {
        var name: String
        var address: String
    }

    static func caseValue(_ record: CaseRecord, analysis: CaseAnalysis, followUp: Bool, version: Int, desk: Desk,
                          timeZone: TimeZone) -> [String: TemplateValue] {
        let identifiers = record.identifiers.compactMap(IdentifierDetector.Kind.init(rawValue:))
        let bundling = analysis.warnings.filter { $0.kind == "bundling" }
        let otherWarnings = analysis.warnings.filter { $0.kind != "bundling" }
        return [
            "case": .object([
                "id": .string(record.id),
                "subject": .string(record.subject),
                "submitter": .string(record.submitter),
                "received": .string(dateText(record.createdAt, timeZone: timeZone)),
                "narrative": .string(record.narrative),
                "follow_up": .bool(followUp),
                "version": .string(String(version)),
            ]),
            "procedures": .list(analysis.procedures.enumerated().map { codeValue($1, rank: $0 + 1) }),
            "has_procedures": .bool(!analysis.procedures.isEmpty),
            "diagnoses": .list(analysis.diagnoses.enumerated().map { codeValue($1, rank: $0 + 1) }),
            "has_diagnoses": .bool(!analysis.diagnoses.isEmpty),
            "alternatives": .list(analysis.alternatives.map { .object(["code": .string($0.code), "descriptor": .string($0.descriptor), "reason": .string($0.reason)]) }),
            "has_alternatives": .bool(!analysis.alternatives.isEmpty),
            "bundling_warnings": .list(bundling.map(warningValue)),
            "has_bundling_warnings": .bool(!bundling.isEmpty),
            "warnings": .list(otherWarnings.map(warningValue)),
            "has_warnings": .bool(!otherWarnings.isEmpty),
            "queries": .list(analysis.queries.map { .object(["topic": .string($0.topic), "question": .string($0.question)]) }),
            "has_queries": .bool(!analysis.queries.isEmpty),
            "identifiers": .list(identifiers.map { .object(["kind": .string($0.rawValue), "label": .string($0.label)]) }),
            "has_identifiers": .bool(!identifiers.isEmpty),
            "desk": .object(["name": .string(desk.name), "address": .string(desk.address)]),
        ]
    }

    static func codeValue(_ code: CaseAnalysis.Code, rank: Int) -> TemplateValue {
        .object([
            "rank": .string(String(rank)),
            "code": .string(code.code),
            "descriptor": .string(code.descriptor),
            "summary": .string(code.summary),
            "confidence": .string("\(Int((code.confidence * 100).rounded()))%"),
            "modifiers": .string(code.modifiers.joined(separator: ", ")),
            "has_modifiers": .bool(!code.modifiers.isEmpty),
            "evidence": .list(code.evidence.map { .string($0) }),
            "has_evidence": .bool(!code.evidence.isEmpty),
        ])
    }

    static func warningValue(_ warning: CaseAnalysis.Warning) -> TemplateValue {
        .object(["kind": .string(warning.kind), "message": .string(warning.message), "codes": .string(warning.codes.joined(separator: ", "))])
    }

    static func dateText(_ date: Date, timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return formatter.string(from: date)
    }

    /// A made-up case that uses every field, for `config check`.
    static func sample() -> (CaseRecord, CaseAnalysis) {
        let record = CaseRecord(
            id: "CC-261121-0007", submitter: "coder@clinic.example.org", replyTo: "coder@clinic.example.org",
            subject: "Left hip fracture, how to code?", messageID: "sample@clinic.example.org", references: [],
            narrative: "PROCEDURE: Open reduction and internal fixation, left femoral neck fracture.",
            reportJSON: nil, identifiers: ["dob", "mrn"], status: .drafted, rejectReason: nil,
            createdAt: Date(timeIntervalSince1970: 1_795_270_000), updatedAt: Date(timeIntervalSince1970: 1_795_270_000))
        let analysis = CaseAnalysis(
            procedures: [.init(code: "27236", descriptor: "Open treatment of femoral neck fracture",
                               summary: "The surgeon opens the hip and fixes or replaces the broken femoral neck.",
                               confidence: 0.93, modifiers: ["LT"], evidence: ["open reduction and internal fixation", "left femoral neck fracture"])],
            diagnoses: [.init(code: "S72.002A", descriptor: "Fracture of unspecified part of neck of left femur, initial encounter",
                              summary: "", confidence: 0.88, modifiers: [], evidence: ["left femoral neck fracture"])],
            alternatives: [.init(code: "27235", descriptor: "Percutaneous fixation of femoral neck fracture", reason: "the note describes an open approach")],
            warnings: [.init(kind: "bundling", message: "27236 and 20680 are bundled unless a separate site is documented", codes: ["27236", "20680"])],
            queries: [.init(topic: "displacement", question: "Was the fracture displaced?")])
        return (record, analysis)
    }
}
