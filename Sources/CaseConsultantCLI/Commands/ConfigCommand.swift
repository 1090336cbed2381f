import CaseDesk
import Coding
import Foundation

enum ConfigCommand: Command {
    static let name = "config"
    static let summary = "check configuration, templates and credential sources"
    static let signature = CommandSignature(options: ["config"], flags: [], maxPositionals: 1)
    static let help = """
    Usage: caseconsultant config check [--config FILE]

    Validates the configuration (every key, with the key path of any problem), renders every
    template against a sample case, checks that each credential source can be read (without
    printing it), that the store's directory exists, and loads the knowledge base with the
    deployment's coding files (`coding` section, else CASECONSULTANT_CPT_FILES,
    CASECONSULTANT_NCCI_FILE, CASECONSULTANT_FEE_SCHEDULE_FILE). Exit status 78 on any problem.

    """

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard arguments.positionals.first == "check" else { throw CLIError.usage("the only action is 'check'") }
        let path = ConfigurationLoader.locate(option: arguments.option("config"), environment: context.environment)
        let configuration = try ConfigurationLoader.load(path: path)
        context.writeOutput("configuration: \(path): ok\n")
        let rendered = try DeskTemplates(directory: configuration.templatesDirectory).checkAll()
        context.writeOutput("templates: \(configuration.templatesDirectory): rendered \(rendered.joined(separator: ", "))\n")
        for (section, source) in [("mailbox", configuration.mailbox.secret), ("smtp", configuration.smtp.secret)] {
            guard let source else { continue }
            do {
                _ = try source.resolve(environment: context.environment)
                context.writeOutput("\(section) credential: \(source.describe): readable\n")
                if source.looseFilePermissions {
                    context.writeError("warning: \(section) credential file is readable by other users; chmod 600 it\n")
                }
            } catch let error as SecretError {
                throw CLIError.configuration("\(path): \(section): credential from \(source.describe): \(error.message)")
            }
        }
        let storeDirectory = URL(fileURLWithPath: configuration.storePath).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: storeDirectory) else {
            throw CLIError.configuration("\(path): store.path: directory \(storeDirectory) does not exist")
        }
        context.writeOutput("store: \(configuration.storePath): directory ok\n")
        let files = configuration.knowledgeBaseFiles(environment: context.environment)
        let knowledgeBase = try KnowledgeBase.load(files)
        var coding = ["\(knowledgeBase.procedures.count) CPT entries" + (files.cptFiles.isEmpty ? " (bundled)" : " (bundled + \(files.cptFiles.joined(separator: ", ")))")]
        coding.append("NCCI " + (files.ncciFile.map { "\($0), \(knowledgeBase.ncci.edits.count) edits" } ?? "bundled SAMPLE, not CMS data"))
        coding.append("fee schedule " + (knowledgeBase.feeSchedule.map { "\(files.feeScheduleFile ?? $0.file), \($0.byCode.count) codes" } ?? "none (modifier 50 from the knowledge base)"))
        context.writeOutput("coding: \(coding.joined(separator: "; "))\n")
        return .success
    }
}
