/// A parsed template. Immutable, so one parse serves every render on any thread.
public struct Template: Sendable {
    public enum Escaping: Sendable {
        /// Values are printed as they are (text mail).
        case none
        /// Values are HTML-escaped unless written with `{{{ }}}` or `{{& }}`.
        case html
    }

    public let name: String
    public let escaping: Escaping
    let nodes: [TemplateNode]

    public static func parse(_ source: String, name: String, escaping: Escaping = .none) throws(TemplateError) -> Template {
        var parser = TemplateParser(source: source, name: name)
        return Template(name: name, escaping: escaping, nodes: try parser.parse())
    }

    /// Renders against `value`. With `strict`, every name a tag uses must exist in the data
    /// (use `.null` for an absent optional): that is how `config check` catches a misspelt tag.
    public func render(
        _ value: TemplateValue,
        partials: [String: Template] = [:],
        strict: Bool = false
    ) throws(TemplateError) -> String {
        let context = RenderContext(stack: [value], partials: partials, strict: strict, escaping: escaping, partialDepth: 0)
        var output = ""
        try context.render(nodes, in: name, into: &output)
        return output
    }
}

/// Everything a render needs, passed down by value: a section pushes onto a copy of the stack,
/// so nothing is shared or mutated between branches.
struct RenderContext {
    var stack: [TemplateValue]
    let partials: [String: Template]
    let strict: Bool
    let escaping: Template.Escaping
    var partialDepth: Int

    private static let maximumPartialDepth = 32

    func render(_ nodes: [TemplateNode], in template: String, into output: inout String) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .variable(let name, let escaped, let line, let column):
                guard let value = try lookup(name, template: template, line: line, column: column) else { continue }
                let text = value.text
                output += escaped && escaping == .html ? Self.escapeHTML(text) : text
            case .section(let name, let inverted, let children, let line, let column):
                let value = try lookup(name, template: template, line: line, column: column) ?? .null
                if inverted {
                    if !value.isTruthy { try render(children, in: template, into: &output) }
                    continue
                }
                guard value.isTruthy else { continue }
                if case .list(let items) = value {
                    for item in items { try pushing(item).render(children, in: template, into: &output) }
                } else {
                    try pushing(value).render(children, in: template, into: &output)
                }
            case .partial(let name, let indentation, let line, let column):
                guard let partial = partials[name] else {
                    throw TemplateError(code: .unknownPartial(name), template: template, line: line, column: column)
                }
                guard partialDepth < Self.maximumPartialDepth else {
                    throw TemplateError(code: .partialRecursion(name), template: template, line: line, column: column)
                }
                var nested = self
                nested.partialDepth += 1
                var rendered = ""
                try nested.render(partial.nodes, in: partial.name, into: &rendered)
                output += Self.indent(rendered, by: indentation)
            }
        }
    }

    private func pushing(_ value: TemplateValue) -> RenderContext {
        var copy = self
        copy.stack.append(value)
        return copy
    }

    /// Resolves `name`, `a.b.c` or `.`: the first component from the innermost context that has
    /// it, the rest inside that value.
    private func lookup(_ name: String, template: String, line: Int, column: Int) throws(TemplateError) -> TemplateValue? {
        if name == "." { return stack.last }
        let components = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var found: TemplateValue?
        for candidate in stack.reversed() {
            if let value = candidate.member(components[0]) {
                found = value
                break
            }
        }
        for component in components.dropFirst() {
            found = found?.member(component)
        }
        if found == nil, strict {
            throw TemplateError(code: .missingValue(name), template: template, line: line, column: column)
        }
        return found
    }

    static func escapeHTML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func indent(_ text: String, by indentation: String) -> String {
        guard !indentation.isEmpty, !text.isEmpty else { return text }
        var result = ""
        var atLineStart = true
        for character in text {
            if atLineStart { result += indentation }
            result.append(character)
            atLineStart = character == "\n" || character == "\r\n"
        }
        return result
    }
}
