import Foundation
import MailStackSupport

extension LoopbackMailStack {
    /// The raw message whose Message-ID header is `messageID`, once delivery through OpenSMTPD
    /// and LMTP (asynchronous) has put it in the account's INBOX.
    func waitForMessage(account: String, messageID: String, seconds: Double = 20) -> Data? {
        guard let uid = try? waitFor(account, "HEADER Message-ID \"\(messageID)\"", timeout: seconds).last else { return nil }
        return try? fetch(account, uid: uid)
    }
}
