/// NCCI procedure-to-procedure edits among the suggested codes. A pair with indicator 1 gets
/// an X{S} modifier only when the narrative puts the two codes on different sides, or documents
/// a separate site for them on one side ("through a separate incision"); otherwise a warning
/// says what documentation would allow a modifier.
enum NCCICheck {
    /// `distinctSite(column1, column2)`: the note's words documenting a separate site, or nil.
    static func apply(to report: inout SuggestionReport, edits: NCCIEdits, sides: [String: Set<Side>], serviceDate: String,
                      distinctSite: (String, String) -> String? = { _, _ in nil }) {
        let codes = report.procedures.map(\.code)
        for (i, a) in codes.enumerated() {
            for b in codes[(i + 1)...] {
                for edit in edits.edits(between: a, and: b, on: serviceDate) {
                    let label = edits.label.uppercased().contains("SAMPLE") ? " [sample NCCI data]" : ""
                    switch edit.modifier {
                    case .notAllowed:
                        report.warnings.append(ReportWarning(
                            kind: "bundling",
                            message: "NCCI: \(edit.column2) is not separately reportable with \(edit.column1) (modifier indicator 0: no modifier allowed)\(label). \(edit.rationale)",
                            codes: [edit.column1, edit.column2]))
                    case .allowed:
                        let first = sides[edit.column1] ?? [], second = sides[edit.column2] ?? []
                        // What documents a separate structure: the two sides, else the note's own words.
                        let separate = first.count == 1 && second.count == 1 && first != second
                            ? "the narrative puts them on different sides"
                            : distinctSite(edit.column1, edit.column2).map { "the note documents a separate site (\"\($0)\")" }
                        if let separate, let index = report.procedures.firstIndex(where: { $0.code == edit.column2 }) {
                            report.procedures[index].modifiers.append("XS")
                            report.warnings.append(ReportWarning(
                                kind: "bundling",
                                message: "NCCI: \(edit.column2) bundles into \(edit.column1) (modifier indicator 1); \(separate), so XS (separate structure) is added to \(edit.column2)\(label).",
                                codes: [edit.column1, edit.column2]))
                        } else {
                            report.warnings.append(ReportWarning(
                                kind: "bundling",
                                message: "NCCI: \(edit.column2) bundles into \(edit.column1) (modifier indicator 1). Report 59/XS/XU on \(edit.column2) only if the note documents a separate site, incision or session\(label).",
                                codes: [edit.column1, edit.column2]))
                            report.queries.append(DocumentationQuery(topic: "distinct-procedure", question: "Were \(edit.column1) and \(edit.column2) done at separate sites or sessions? Without that, \(edit.column2) is bundled."))
                        }
                    case .notApplicable:
                        break
                    }
                }
            }
        }
    }
}
