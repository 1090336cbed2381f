import Foundation

/// One line per event on stderr: time, level, event name, case id, UID and counts. The API takes
/// no free text on purpose (rule 10): a narrative or a body has no parameter to slip through.
/// `reason` is for error messages the desk itself produced, which name hosts and limits, never content.
public struct EventLog: Sendable {
    public enum Level: String, Sendable { case debug, info, warning, error }

    private let sink: @Sendable (String) -> Void
    private let now: @Sendable () -> Date

    public init(sink: @escaping @Sendable (String) -> Void, now: @escaping @Sendable () -> Date = { Date() }) {
        self.sink = sink
        self.now = now
    }

    public static var standardError: EventLog {
        EventLog(sink: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    public static var silent: EventLog { EventLog(sink: { _ in }) }

    public func log(_ level: Level, _ event: String, caseID: String? = nil, uid: UInt32? = nil,
                    counts: KeyValuePairs<String, Int> = [:], reason: String? = nil) {
        var line = "\(Self.timestamp(now())) \(level.rawValue) event=\(event)"
        if let caseID { line += " case=\(caseID)" }
        if let uid { line += " uid=\(uid)" }
        for (key, value) in counts { line += " \(key)=\(value)" }
        if let reason { line += " reason=\"\(Self.oneLine(reason))\"" }
        sink(line + "\n")
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// A reason never spans lines nor breaks the key=value shape.
    static func oneLine(_ text: String) -> String {
        String(text.prefix(300)).map { $0 == "\n" || $0 == "\r" ? " " : ($0 == "\"" ? "'" : $0) }.map(String.init).joined()
    }
}
