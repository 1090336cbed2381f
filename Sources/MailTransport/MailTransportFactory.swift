/// Chooses the transport from the URL scheme in the config.
public enum MailTransportFactory {
    /// `imap://`, `imaps://`, `maildir:PATH`.
    public static func mailbox(_ settings: MailboxSettings) throws -> any Mailbox {
        let lower = settings.url.lowercased()
        if lower.hasPrefix("maildir:") { return try MaildirMailbox(url: settings.url) }
        if lower.hasPrefix("imap://") || lower.hasPrefix("imaps://") { return try IMAPMailbox(settings: settings) }
        throw MailTransportError(.invalidConfiguration,
            "mailbox.url \"\(ServerURL.redactingUserInfo(settings.url))\" must start with imap://, imaps:// or maildir:")
    }

    /// `smtp://`, `smtps://`, `dir:PATH`.
    public static func sender(_ settings: SenderSettings) throws -> any MailSender {
        let lower = settings.url.lowercased()
        if lower.hasPrefix("dir:") { return try DirectoryOutbox(url: settings.url, maxMessageBytes: settings.maxMessageBytes) }
        if lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://") { return try SMTPSender(settings: settings) }
        throw MailTransportError(.invalidConfiguration,
            "smtp.url \"\(ServerURL.redactingUserInfo(settings.url))\" must start with smtp://, smtps:// or dir:")
    }
}
