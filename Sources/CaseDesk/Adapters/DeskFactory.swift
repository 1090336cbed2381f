import Foundation
import MailTransport

/// Builds the production desk from a configuration: IMAP or Maildir, SMTP or a directory,
/// the coding engine (bundled data plus the deployment's files), the system clock, logs on stderr.
public enum DeskFactory {
    public static func make(configuration: DeskConfiguration, environment: [String: String], log: EventLog = .standardError,
                            stop: StopSignal = StopSignal()) throws -> DeskService {
        let templates = try DeskTemplates(directory: configuration.templatesDirectory)
        let store = try CaseStore(path: configuration.storePath)
        let mailbox = try MailTransportFactory.mailbox(try configuration.mailboxSettings(environment: environment))
        let sender = try MailTransportFactory.sender(try configuration.senderSettings(environment: environment))
        var clock = DeskClock.system
        clock.timeZone = configuration.replies.timeZone
        return DeskService(DeskDependencies(
            configuration: configuration, store: store, templates: templates, suggester: try CodingSuggester.load(configuration.knowledgeBaseFiles(environment: environment)),
            parser: MIMEMailCodec(), composer: MIMEMailCodec(), mailbox: mailbox, sender: sender, clock: clock, log: log), stop: stop)
    }
}
