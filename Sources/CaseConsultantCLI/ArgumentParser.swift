/// What a subcommand accepts. Options take a value (`--config FILE`, `--config=FILE`);
/// flags take none (`--json`).
public struct CommandSignature: Sendable {
    public var options: Set<String>
    public var flags: Set<String>
    public var maxPositionals: Int

    public init(options: Set<String> = [], flags: Set<String> = [], maxPositionals: Int = 0) {
        self.options = options
        self.flags = flags
        self.maxPositionals = maxPositionals
    }
}

public struct ParsedArguments: Sendable, Equatable {
    public var positionals: [String] = []
    public var options: [String: String] = [:]
    public var flags: Set<String> = []

    public func option(_ name: String) -> String? { options[name] }
    public func has(_ flag: String) -> Bool { flags.contains(flag) }

    public func integerOption(_ name: String) throws -> Int? {
        guard let raw = options[name] else { return nil }
        guard let value = Int(raw), value >= 0 else {
            throw CLIError.usage("--\(name) takes a whole number of 0 or more, not '\(raw)'")
        }
        return value
    }
}

/// A small, pure parser: no global state, no I/O, so every rule is tested directly.
public enum ArgumentParser {
    public static func parse(_ arguments: [String], signature: CommandSignature) throws -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = arguments.startIndex
        var onlyPositionalsFollow = false
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if onlyPositionalsFollow || argument == "-" || !argument.hasPrefix("--") {
                if argument.hasPrefix("-"), argument != "-", !onlyPositionalsFollow {
                    throw CLIError.usage("unknown option '\(argument)' (options are spelled --name)")
                }
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionalsFollow = true
                continue
            }
            let body = argument.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            if signature.flags.contains(name) {
                if inlineValue != nil { throw CLIError.usage("--\(name) takes no value") }
                parsed.flags.insert(name)
            } else if signature.options.contains(name) {
                if parsed.options[name] != nil { throw CLIError.usage("--\(name) given more than once") }
                if let inlineValue {
                    parsed.options[name] = inlineValue
                } else if index < arguments.endIndex, !arguments[index].hasPrefix("--") {
                    parsed.options[name] = arguments[index]
                    index += 1
                } else {
                    throw CLIError.usage("--\(name) needs a value")
                }
            } else {
                throw CLIError.usage("unknown option '--\(name)'")
            }
        }
        if parsed.positionals.count > signature.maxPositionals {
            let extra = parsed.positionals[signature.maxPositionals]
            throw CLIError.usage("unexpected argument '\(extra)'")
        }
        return parsed
    }
}
