/// Process exit statuses, following sysexits(3) so cron wrappers and MTAs can tell
/// "try again later" from "this will never work".
public enum ExitCode: Int32, Sendable {
    case success = 0
    case usage = 64
    case dataError = 65
    case unavailable = 69
    case software = 70
    case temporaryFailure = 75
    case configuration = 78
}
