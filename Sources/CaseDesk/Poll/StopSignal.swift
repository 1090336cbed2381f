import Foundation

/// "Stop after the message in hand": set by SIGTERM/SIGINT, read between messages, and able to
/// cut short the daemon's sleep between cycles.
public final class StopSignal: Sendable {
    private let state = NSLock()
    private nonisolated(unsafe) var requested = false
    private let wakeUp = DispatchSemaphore(value: 0)

    public init() {}

    public var isRequested: Bool {
        state.lock()
        defer { state.unlock() }
        return requested
    }

    public func request() {
        state.lock()
        let first = !requested
        requested = true
        state.unlock()
        if first { wakeUp.signal() }
    }

    /// Sleeps up to `seconds`; returns early (true) when a stop is requested.
    @discardableResult
    public func wait(seconds: Double) -> Bool {
        if isRequested { return true }
        _ = wakeUp.wait(timeout: .now() + seconds)
        if isRequested { wakeUp.signal() } // keep it signalled for any later waiter
        return isRequested
    }
}
