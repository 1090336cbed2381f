import Foundation

/// Locates the committed fixture corpus next to this file (no bundle resources needed).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func message(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name + ".eml"))
    }

    static func expectedNarrative(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name + ".expected.txt"), encoding: .utf8)
    }

    /// Comparison ignores trailing spaces and the number of blank lines between paragraphs.
    static func normalized(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw)
            while line.last == " " || line.last == "\t" { line.removeLast() }
            if line.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
