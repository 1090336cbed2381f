import Dispatch
import Foundation

/// `caseconsultant run`: poll cycles until SIGTERM or SIGINT. As in swift-service-lifecycle's
/// UnixSignalsSequence, signals arrive through DispatchSource on a queue of their own (never an
/// async-signal-unsafe handler); the handler only sets the stop signal, and the cycle checks it
/// between messages, so the message in hand is finished and committed before exiting 0.
public final class DeskDaemon: Sendable {
    private let service: DeskService
    private let interval: Double
    private static let signalQueue = DispatchQueue(label: "caseconsultant.signals")

    public init(service: DeskService, intervalSeconds: Double) {
        self.service = service
        self.interval = intervalSeconds
    }

    /// Runs until stopped; returns normally (exit 0) on a signal. Errors of single cycles are
    /// logged and the daemon carries on: a server down now may be back at the next tick.
    public func run() {
        let sources = [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
            // The default action would kill the process before the queue runs the handler.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: Self.signalQueue)
            let stop = service.stop
            let log = service.dependencies.log
            source.setEventHandler {
                log.log(.info, "daemon.signal", counts: ["signal": Int(number)])
                stop.request()
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }

        let log = service.dependencies.log
        log.log(.info, "daemon.start", counts: ["interval": Int(interval)])
        while !service.stop.isRequested {
            do {
                _ = try service.pollOnce()
            } catch let error as DeskError where error.kind == .locked {
                log.log(.info, "daemon.lock-busy")
            } catch {
                log.log(.error, "daemon.cycle-failed", reason: String(describing: error))
            }
            service.stop.wait(seconds: interval)
        }
        log.log(.info, "daemon.stopped")
    }
}
