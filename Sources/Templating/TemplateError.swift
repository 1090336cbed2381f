/// A template problem, located by template name, line and column so `config check` can point
/// an operator at the exact tag.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case unclosedTag
        case emptyTag
        case unclosedSection(String)
        case unexpectedClose(expected: String?, found: String)
        case unknownPartial(String)
        case missingValue(String)
        case partialRecursion(String)
        case unreadable(String)
    }

    let code: Code
    public let template: String
    public let line: Int
    public let column: Int

    public var description: String {
        let location = "\(template):\(line):\(column)"
        switch code {
        case .unclosedTag: return "\(location): tag opened with {{ is never closed with }}"
        case .emptyTag: return "\(location): empty tag {{}}"
        case .unclosedSection(let name): return "\(location): section '\(name)' is never closed with {{/\(name)}}"
        case .unexpectedClose(let expected?, let found):
            return "\(location): {{/\(found)}} closes a section, but the open one is '\(expected)'"
        case .unexpectedClose(nil, let found): return "\(location): {{/\(found)}} closes a section that was never opened"
        case .unknownPartial(let name): return "\(location): no partial named '\(name)'"
        case .missingValue(let name): return "\(location): no value named '\(name)' in the data"
        case .partialRecursion(let name): return "\(location): partial '\(name)' includes itself too deeply"
        case .unreadable(let reason): return "\(template): \(reason)"
        }
    }
}
