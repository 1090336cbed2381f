import Foundation

/// An exclusive flock(2) on a file next to the store, so two cron runs (or a cron run and the
/// daemon) never process the same mail at once. The kernel drops the lock when the process
/// dies, even by SIGKILL, so a crash never leaves a stale lock behind.
public final class PollLock {
    private let descriptor: Int32
    public let path: String

    /// Waits up to `waitSeconds` for the lock, then throws `DeskError.locked` (exit 75).
    public init(path: String, waitSeconds: Double) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw DeskError(kind: .locked, message: "cannot open lock file \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(waitSeconds)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(fd)
                throw DeskError.locked(path)
            }
            usleep(100_000)
        }
        descriptor = fd
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
