import Foundation
import Templating

/// The deployment's templates (Templates/ by default). Loaded and checked once per process; a
/// missing or broken template is a configuration error found by `config check`, not mid-poll.
public struct DeskTemplates: Sendable {
    /// Every template the desk renders; `.html` variants are optional.
    public static let required = ["draft.txt", "reply.txt", "acknowledgement.txt", "notice-unknown-sender.txt",
                                  "notice-too-large.txt", "notice-unreadable.txt", "notice-not-understood.txt"]
    public static let optional = ["reply.html", "acknowledgement.html"]

    let set: TemplateSet
    public let directory: String

    public init(directory: String) throws {
        self.directory = directory
        do {
            set = try TemplateSet.load(directory: URL(fileURLWithPath: directory, isDirectory: true))
        } catch {
            throw DeskError.templates("\(error)")
        }
        for name in Self.required where !set.has(name) {
            throw DeskError.templates("\(directory): missing template \(name).mustache")
        }
    }

    func has(_ name: String) -> Bool { set.has(name) }

    func render(_ name: String, _ value: TemplateValue) throws -> String {
        do {
            return try set.render(name, value)
        } catch {
            throw DeskError.templates("\(error)")
        }
    }

    func renderIfPresent(_ name: String, _ value: TemplateValue) throws -> String? {
        set.has(name) ? try render(name, value) : nil
    }

    /// Renders every template against the sample case; returns the names rendered.
    public func checkAll() throws -> [String] {
        let (record, analysis) = TemplateModel.sample()
        var fields = TemplateModel.caseValue(record, analysis: analysis, followUp: true, version: 2,
                                             desk: .init(name: "CaseConsultant", address: "cases@example.com"), timeZone: TimeZone(identifier: "UTC")!)
        fields["reply_text"] = .string(try render("reply.txt", .object(fields)))
        fields["token_tag"] = .string("[CC-261121-0007:abcdefghijklmnopqrstuvwxyz]")
        fields["begin_marker"] = .string(ReviewAnswerParser.beginMarker)
        fields["end_marker"] = .string(ReviewAnswerParser.endMarker)
        fields["reason"] = .string("the first line is neither APPROVE nor REJECT")
        fields["limit"] = .string("10 MB")
        var rendered: [String] = []
        for name in (Self.required + Self.optional) where set.has(name) {
            _ = try render(name, .object(fields))
            rendered.append(name)
        }
        return rendered
    }
}
