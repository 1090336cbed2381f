import Foundation

/// The pieces a template is made of, after parsing. Sections hold their children so rendering
/// is a walk over a tree, never a re-scan of text.
indirect enum TemplateNode: Sendable, Equatable {
    case text(String)
    case variable(name: String, escaped: Bool, line: Int, column: Int)
    case section(name: String, inverted: Bool, children: [TemplateNode], line: Int, column: Int)
    case partial(name: String, indentation: String, line: Int, column: Int)
}

/// Parses Mustache-style source: `{{name}}`, `{{{raw}}}`, `{{&raw}}`, `{{#section}}`,
/// `{{^inverted}}`, `{{/section}}`, `{{!comment}}`, `{{>partial}}`. A tag that stands alone
/// on its line (sections, comments, partials) takes the whole line with it, so text templates
/// keep their layout.
struct TemplateParser {
    private let source: [Character]
    private let name: String
    private var position = 0
    private var line = 1
    private var column = 1

    init(source: String, name: String) {
        self.source = Array(source)
        self.name = name
    }

    private struct OpenSection {
        var name: String
        var inverted: Bool
        var line: Int
        var column: Int
        var children: [TemplateNode] = []
    }

    mutating func parse() throws(TemplateError) -> [TemplateNode] {
        var stack: [OpenSection] = [OpenSection(name: "", inverted: false, line: 1, column: 1)]
        var text = ""

        func flushText() {
            if !text.isEmpty {
                stack[stack.count - 1].children.append(.text(text))
                text = ""
            }
        }

        while position < source.count {
            guard startsWith("{{") else {
                advance(into: &text)
                continue
            }
            let tagLine = line
            let tagColumn = column
            let indentationBefore = indentationIfLineStartsHere()
            let tag = try readTag(line: tagLine, column: tagColumn)

            let canStandAlone: Bool
            switch tag.kind {
            case .sectionOpen, .invertedOpen, .close, .comment, .partial: canStandAlone = true
            case .variable, .raw: canStandAlone = false
            }
            var indentation = ""
            if canStandAlone, let indentationBefore, restOfLineIsBlank() {
                indentation = indentationBefore
                text.removeLast(indentationBefore.count)
                skipRestOfLine()
            }
            flushText()

            switch tag.kind {
            case .variable:
                stack[stack.count - 1].children.append(.variable(name: tag.name, escaped: true, line: tagLine, column: tagColumn))
            case .raw:
                stack[stack.count - 1].children.append(.variable(name: tag.name, escaped: false, line: tagLine, column: tagColumn))
            case .comment:
                break
            case .partial:
                stack[stack.count - 1].children.append(.partial(name: tag.name, indentation: indentation, line: tagLine, column: tagColumn))
            case .sectionOpen, .invertedOpen:
                stack.append(OpenSection(name: tag.name, inverted: tag.kind == .invertedOpen, line: tagLine, column: tagColumn))
            case .close:
                guard stack.count > 1, let open = stack.last, open.name == tag.name else {
                    let expected = stack.count > 1 ? stack.last?.name : nil
                    throw TemplateError(code: .unexpectedClose(expected: expected, found: tag.name), template: name, line: tagLine, column: tagColumn)
                }
                stack.removeLast()
                stack[stack.count - 1].children.append(
                    .section(name: open.name, inverted: open.inverted, children: open.children, line: open.line, column: open.column))
            }
        }
        flushText()
        if stack.count > 1, let open = stack.last {
            throw TemplateError(code: .unclosedSection(open.name), template: name, line: open.line, column: open.column)
        }
        return stack[0].children
    }

    // MARK: - Tags

    private enum TagKind: Equatable { case variable, raw, sectionOpen, invertedOpen, close, comment, partial }
    private struct Tag { var kind: TagKind; var name: String }

    private mutating func readTag(line: Int, column: Int) throws(TemplateError) -> Tag {
        let triple = startsWith("{{{")
        skip(triple ? 3 : 2)
        let closing = triple ? "}}}" : "}}"
        var body = ""
        while position < source.count, !startsWith(closing) {
            advance(into: &body)
        }
        guard position < source.count else {
            throw TemplateError(code: .unclosedTag, template: name, line: line, column: column)
        }
        skip(closing.count)
        if triple { return try named(.raw, body, line: line, column: column) }
        guard let sigil = body.first else {
            throw TemplateError(code: .emptyTag, template: name, line: line, column: column)
        }
        switch sigil {
        case "!": return Tag(kind: .comment, name: "")
        case "#": return try named(.sectionOpen, String(body.dropFirst()), line: line, column: column)
        case "^": return try named(.invertedOpen, String(body.dropFirst()), line: line, column: column)
        case "/": return try named(.close, String(body.dropFirst()), line: line, column: column)
        case ">": return try named(.partial, String(body.dropFirst()), line: line, column: column)
        case "&": return try named(.raw, String(body.dropFirst()), line: line, column: column)
        default: return try named(.variable, body, line: line, column: column)
        }
    }

    private func named(_ kind: TagKind, _ raw: String, line: Int, column: Int) throws(TemplateError) -> Tag {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw TemplateError(code: .emptyTag, template: name, line: line, column: column)
        }
        return Tag(kind: kind, name: trimmed)
    }

    // MARK: - Scanning

    private func startsWith(_ prefix: String) -> Bool {
        var index = position
        for character in prefix {
            guard index < source.count, source[index] == character else { return false }
            index += 1
        }
        return true
    }

    private mutating func advance(into buffer: inout String) {
        let character = source[position]
        buffer.append(character)
        position += 1
        if character == "\n" || character == "\r\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    private mutating func skip(_ count: Int) {
        var discard = ""
        for _ in 0..<count where position < source.count { advance(into: &discard) }
    }

    private func restOfLineIsBlank() -> Bool {
        var index = position
        while index < source.count {
            switch source[index] {
            case " ", "\t": index += 1
            case "\n", "\r\n": return true
            default: return false
            }
        }
        return true
    }

    private mutating func skipRestOfLine() {
        var discard = ""
        while position < source.count {
            let character = source[position]
            advance(into: &discard)
            if character == "\n" || character == "\r\n" { return }
        }
    }

    /// The blanks between the start of the line and the tag at `position`, or nil when anything
    /// else precedes the tag on its line.
    private func indentationIfLineStartsHere() -> String? {
        var index = position
        while index > 0 {
            let previous = source[index - 1]
            if previous == "\n" || previous == "\r\n" { break }
            guard previous == " " || previous == "\t" else { return nil }
            index -= 1
        }
        return String(source[index..<position])
    }
}
