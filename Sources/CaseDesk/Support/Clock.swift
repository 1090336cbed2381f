import Foundation

/// The desk's notion of now and of "today" (case ids, daily limits); injected so tests can
/// pin the date and the per-day sequence.
public struct DeskClock: Sendable {
    public var now: @Sendable () -> Date
    public var timeZone: TimeZone

    public init(now: @escaping @Sendable () -> Date, timeZone: TimeZone) {
        self.now = now
        self.timeZone = timeZone
    }

    public static var system: DeskClock { DeskClock(now: { Date() }, timeZone: .current) }

    public static func fixed(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> DeskClock {
        DeskClock(now: { date }, timeZone: timeZone)
    }

    public func today() -> String { CaseID.day(of: now(), in: timeZone) }
}
