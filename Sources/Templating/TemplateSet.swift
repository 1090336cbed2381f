import Foundation

/// The templates of one directory: `NAME.txt.mustache` renders text, `NAME.html.mustache`
/// renders HTML with escaped values, and files whose name starts with `_` are partials that
/// a template includes as `{{> NAME}}` (without the `_` and extensions). `_NAME.txt` and
/// `_NAME.html` may both exist: a text template gets the text one, an HTML template the HTML one.
public struct TemplateSet: Sendable {
    public let templates: [String: Template]
    /// Keyed by file stem without the leading `_`, e.g. `codes.txt`, `codes.html`, `footer`.
    public let partials: [String: Template]

    public init(templates: [String: Template], partials: [String: Template]) {
        self.templates = templates
        self.partials = partials
    }

    public static func load(directory: URL) throws(TemplateError) -> TemplateSet {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        } catch {
            throw TemplateError(code: .unreadable("cannot list the template directory: \(error.localizedDescription)"),
                                template: directory.path, line: 0, column: 0)
        }
        var templates: [String: Template] = [:]
        var partials: [String: Template] = [:]
        for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            let fileName = file.lastPathComponent
            guard fileName.hasSuffix(".mustache") else { continue }
            let name = String(fileName.dropLast(".mustache".count))
            let escaping: Template.Escaping = name.hasSuffix(".html") ? .html : .none
            let source: String
            do {
                source = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw TemplateError(code: .unreadable("cannot read as UTF-8 text"), template: fileName, line: 0, column: 0)
            }
            let template = try Template.parse(source, name: fileName, escaping: escaping)
            if name.hasPrefix("_") {
                partials[String(name.dropFirst())] = template
            } else {
                templates[name] = template
            }
        }
        return TemplateSet(templates: templates, partials: partials)
    }

    /// The partials as `template` names them: `{{> codes}}` finds `codes.txt` from a text
    /// template and `codes.html` from an HTML one, else a kind-less `codes`.
    func partials(for template: Template) -> [String: Template] {
        let ownKind = template.escaping == .html ? ".html" : ".txt"
        let otherKind = template.escaping == .html ? ".txt" : ".html"
        var visible: [String: Template] = [:]
        for (stem, partial) in partials where !stem.hasSuffix(otherKind) {
            if stem.hasSuffix(ownKind) {
                visible[String(stem.dropLast(ownKind.count))] = partial
            } else if visible[stem] == nil {
                visible[stem] = partial
            }
        }
        return visible
    }

    public func has(_ name: String) -> Bool { templates[name] != nil }

    /// Renders template `name` (e.g. "draft.txt"), with every partial available.
    public func render(_ name: String, _ value: TemplateValue, strict: Bool = false) throws(TemplateError) -> String {
        guard let template = templates[name] else {
            throw TemplateError(code: .unreadable("no template named '\(name)' (expected a file \(name).mustache)"),
                                template: name, line: 0, column: 0)
        }
        return try template.render(value, partials: partials(for: template), strict: strict)
    }
}
