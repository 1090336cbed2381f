import Foundation

/// A deployment's own data on top of the bundled knowledge base: CPT entry files (a licensed or
/// local set, later files replacing earlier entries code by code), the CMS NCCI PTP file in place
/// of the bundled sample, and the CMS fee schedule relative value file for modifier 50 and global
/// days. The command line reads them from the environment; the desk from its configuration.
public struct KnowledgeBaseFiles: Sendable, Equatable {
    public var cptFiles: [String]
    public var ncciFile: String?
    public var feeScheduleFile: String?

    public init(cptFiles: [String] = [], ncciFile: String? = nil, feeScheduleFile: String? = nil) {
        self.cptFiles = cptFiles
        self.ncciFile = ncciFile
        self.feeScheduleFile = feeScheduleFile
    }

    public var isEmpty: Bool { cptFiles.isEmpty && ncciFile == nil && feeScheduleFile == nil }

    /// `CASECONSULTANT_CPT_FILES` (paths separated by ":"), `CASECONSULTANT_NCCI_FILE`,
    /// `CASECONSULTANT_FEE_SCHEDULE_FILE`; empty values count as unset.
    public static let cptFilesVariable = "CASECONSULTANT_CPT_FILES"
    public static let ncciFileVariable = "CASECONSULTANT_NCCI_FILE"
    public static let feeScheduleFileVariable = "CASECONSULTANT_FEE_SCHEDULE_FILE"

    public static func from(environment: [String: String]) -> KnowledgeBaseFiles {
        func path(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        return KnowledgeBaseFiles(
            cptFiles: (environment[cptFilesVariable] ?? "").split(separator: ":").map(String.init),
            ncciFile: path(ncciFileVariable), feeScheduleFile: path(feeScheduleFileVariable))
    }
}

extension KnowledgeBase {
    /// The bundled knowledge base when `files` is empty (loaded once per process), else the
    /// bundled data with the deployment's files on top.
    public static func load(_ files: KnowledgeBaseFiles) throws -> KnowledgeBase {
        if files.isEmpty { return try bundled() }
        return try load(overrideFiles: files.cptFiles.map { URL(fileURLWithPath: $0) },
                        ncciFile: files.ncciFile.map { URL(fileURLWithPath: $0) },
                        feeScheduleFile: files.feeScheduleFile.map { URL(fileURLWithPath: $0) })
    }

    public static func load(environment: [String: String]) throws -> KnowledgeBase {
        try load(.from(environment: environment))
    }
}
