import Foundation
import Testing
@testable import Templating

@Suite struct TemplateRenderingTests {
    private func render(_ source: String, _ value: TemplateValue, escaping: Template.Escaping = .none,
                        partials: [String: Template] = [:], strict: Bool = false) throws -> String {
        try Template.parse(source, name: "t", escaping: escaping).render(value, partials: partials, strict: strict)
    }

    @Test func variablesAndDottedNames() throws {
        let value: TemplateValue = ["case": ["id": "CC-261121-0007"], "subject": "Trimal ORIF"]
        #expect(try render("[{{case.id}}] Review: {{ subject }}", value) == "[CC-261121-0007] Review: Trimal ORIF")
    }

    @Test func missingValuesRenderEmptyUnlessStrict() throws {
        #expect(try render("a{{nope}}b", [:]) == "ab")
        #expect(throws: TemplateError.self) { try render("a{{nope}}b", [:], strict: true) }
        // An explicit null satisfies strict mode: optional data is declared, not misspelt.
        #expect(try render("a{{maybe}}b", ["maybe": .null], strict: true) == "ab")
    }

    @Test func htmlEscapingOnlyInHTMLTemplates() throws {
        let value: TemplateValue = ["x": "<b>\"R&L\"</b>"]
        #expect(try render("{{x}}", value) == "<b>\"R&L\"</b>")
        #expect(try render("{{x}}", value, escaping: .html) == "&lt;b&gt;&quot;R&amp;L&quot;&lt;/b&gt;")
        #expect(try render("{{{x}}}|{{&x}}", value, escaping: .html) == "<b>\"R&L\"</b>|<b>\"R&L\"</b>")
    }

    @Test func sectionsOverListsAndInvertedSections() throws {
        let value: TemplateValue = ["codes": [["code": "27822", "mods": ["RT"]], ["code": "27829", "mods": []]]]
        let source = "{{#codes}}{{code}}{{#mods}}-{{.}}{{/mods}};{{/codes}}{{^codes}}none{{/codes}}"
        #expect(try render(source, value) == "27822-RT;27829;")
        #expect(try render(source, ["codes": []]) == "none")
    }

    @Test func booleanSectionsKeepTheOuterContext() throws {
        let value: TemplateValue = ["phi": true, "id": "CC-1"]
        #expect(try render("{{#phi}}flag {{id}}{{/phi}}{{^phi}}clean{{/phi}}", value) == "flag CC-1")
        #expect(try render("{{#phi}}flag{{/phi}}{{^phi}}clean{{/phi}}", ["phi": false]) == "clean")
    }

    @Test func standaloneTagsTakeTheirLineWithThem() throws {
        let source = """
        Codes:
        {{#codes}}
          - {{.}}
        {{/codes}}
        {{! a comment line disappears too }}
        End

        """
        #expect(try render(source, ["codes": ["27822", "27829"]]) == "Codes:\n  - 27822\n  - 27829\nEnd\n")
    }

    @Test func tagsSharingALineAreNotStandalone() throws {
        #expect(try render("x {{#a}}y{{/a}}\nz", ["a": true]) == "x y\nz")
    }

    @Test func partialsAreIndentedLikeTheirTag() throws {
        let partial = try Template.parse("line one\nline two\n", name: "_p")
        #expect(try render("Top\n    {{> p}}\nEnd", [:], partials: ["p": partial]) == "Top\n    line one\n    line two\nEnd")
    }

    @Test func commentsRenderNothing() throws {
        #expect(try render("a{{! why this is here }}b", [:]) == "ab")
    }
}

@Suite struct TemplateErrorTests {
    @Test(arguments: [
        ("Hello {{name", "t:1:7: tag opened with {{ is never closed with }}"),
        ("line\n  {{#codes}}\n", "t:2:3: section 'codes' is never closed with {{/codes}}"),
        ("{{#a}}\n{{/b}}", "t:2:1: {{/b}} closes a section, but the open one is 'a'"),
        ("x\n\n   {{/b}}", "t:3:4: {{/b}} closes a section that was never opened"),
        ("{{}}", "t:1:1: empty tag {{}}"),
        ("{{# }}", "t:1:1: empty tag {{}}"),
    ])
    func parseErrorsNameLineAndColumn(source: String, message: String) {
        #expect {
            _ = try Template.parse(source, name: "t")
        } throws: { error in
            (error as? TemplateError)?.description == message
        }
    }

    @Test func strictMissingValueIsLocated() {
        #expect {
            _ = try Template.parse("ok\n  {{case.idd}}", name: "draft.txt").render(["case": ["id": "1"]], strict: true)
        } throws: { error in
            (error as? TemplateError)?.description == "draft.txt:2:3: no value named 'case.idd' in the data"
        }
    }

    @Test func unknownAndRecursivePartials() throws {
        #expect(throws: TemplateError.self) { try Template.parse("{{> nope}}", name: "t").render([:]) }
        let loop = try Template.parse("{{> loop}}", name: "_loop")
        #expect(throws: TemplateError.self) { try loop.render([:], partials: ["loop": loop]) }
    }
}

@Suite struct TemplateSetTests {
    @Test func loadsTemplatesAndPartialsFromADirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "Case {{id}}\n{{> footer}}\n".write(to: directory.appendingPathComponent("ack.txt.mustache"), atomically: true, encoding: .utf8)
        try "<p>{{id}}</p>".write(to: directory.appendingPathComponent("ack.html.mustache"), atomically: true, encoding: .utf8)
        // As in the Mustache spec, a standalone partial tag gives up its line; the partial brings its own newline.
        try "-- desk\n".write(to: directory.appendingPathComponent("_footer.txt.mustache"), atomically: true, encoding: .utf8)
        try "ignored".write(to: directory.appendingPathComponent("README"), atomically: true, encoding: .utf8)

        let set = try TemplateSet.load(directory: directory)
        #expect(set.templates.keys.sorted() == ["ack.html", "ack.txt"])
        #expect(try set.render("ack.txt", ["id": "CC-1"]) == "Case CC-1\n-- desk\n")
        #expect(try set.render("ack.html", ["id": "<1>"]) == "<p>&lt;1&gt;</p>")
        #expect(throws: TemplateError.self) { try set.render("missing.txt", [:]) }
    }

    @Test func textAndHTMLPartialsOfOneNameBothSurvive() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[{{> codes}}]".write(to: directory.appendingPathComponent("reply.txt.mustache"), atomically: true, encoding: .utf8)
        try "<div>{{> codes}}</div>".write(to: directory.appendingPathComponent("reply.html.mustache"), atomically: true, encoding: .utf8)
        try "{{code}} & more".write(to: directory.appendingPathComponent("_codes.txt.mustache"), atomically: true, encoding: .utf8)
        try "<b>{{code}}</b>".write(to: directory.appendingPathComponent("_codes.html.mustache"), atomically: true, encoding: .utf8)
        let set = try TemplateSet.load(directory: directory)
        #expect(try set.render("reply.txt", ["code": "27822"]) == "[27822 & more]")
        #expect(try set.render("reply.html", ["code": "<27822>"]) == "<div><b>&lt;27822&gt;</b></div>")
    }

    @Test func aBrokenTemplateNamesItsFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "ok\n{{#x}}".write(to: directory.appendingPathComponent("bad.txt.mustache"), atomically: true, encoding: .utf8)
        #expect {
            _ = try TemplateSet.load(directory: directory)
        } throws: { error in
            (error as? TemplateError)?.description == "bad.txt.mustache:2:1: section 'x' is never closed with {{/x}}"
        }
    }
}
