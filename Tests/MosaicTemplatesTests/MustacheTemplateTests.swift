import MosaicTemplates
import Testing

@Suite("Mustache templates")
struct MustacheTemplateTests {
    func render(_ source: String, _ context: MustacheObject, partials: [String: String] = [:]) throws -> String? {
        var templates = try partials.mapValues { try MustacheTemplate(string: $0) }
        templates["main"] = try MustacheTemplate(string: source)
        return MustacheLibrary(templates: templates).render(.object(context), withTemplate: "main")
    }

    @Test("variables are HTML-escaped unless triple or &; dotted names and the stack")
    func variables() throws {
        #expect(try render("<p>{{a}} {{{a}}} {{&a}}</p>", ["a": "<b>&'\""]) == "<p>&lt;b&gt;&amp;&#39;&quot; <b>&'\" <b>&'\"</p>")
        #expect(try render("{{x.y.z}}|{{#x}}{{y.z}}{{top}}{{/x}}", ["x": ["y": ["z": 1]], "top": true]) == "1|1true")
        #expect(try render("{{#list}}{{.}},{{/list}}", ["list": ["a", "b"]]) == "a,b,")
        #expect(try render("{{#o}}{{.name}}{{/o}}", ["o": ["other": 1], "name": "outer"]) == "", "a leading dot searches only the top")
        #expect(try render("{{missing}}{{a.missing}}", ["a": ["b": 1]]) == "")
    }

    @Test("an extended object adds one field without copying: it wins over the base's, other names fall through")
    func extendedObjects() throws {
        let item = MustacheValue.extending(["title": "T", "url": "old"], name: "url", value: "new")
        let library = MustacheLibrary(templates: ["main": try MustacheTemplate(string: "{{#item}}{{title}} {{url}} {{lang}}{{/item}}|{{item.url}}|{{^item}}none{{/item}}{{item}}")])
        let context = MustacheValue.object(["item": item, "lang": .string("fr")])
        #expect(library.render(context, withTemplate: "main") == "T new fr|new|")
        #expect(library.renderBytes(context, withTemplate: "main").map { String(decoding: $0, as: UTF8.self) } == "T new fr|new|")
    }

    @Test("objects find every field by name, small ones by scanning and large ones by slot; missing names are nil")
    func objectLookups() throws {
        for size in [0, 1, 8, 9, 40, 1_000] {
            let fields = Dictionary(uniqueKeysWithValues: (0..<size).map { ("field\($0)", MustacheValue.int($0)) })
            let object = MustacheObject(fields)
            #expect(object.count == size)
            for number in 0..<size {
                guard case .int(let found)? = object[MustacheKey("field\(number)")] else {
                    Issue.record("field\(number) of \(size) not found")
                    continue
                }
                #expect(found == number)
            }
            #expect(object["field\(size)"] == nil)
            #expect(object[""] == nil)
        }
        let literal: MustacheObject = ["a": 1, "a": 2, "é": "accent"]
        #expect(literal.count == 2)
        guard case .int(2)? = literal["a"], case .string("accent")? = literal["é"] else {
            Issue.record("a later field of the same name replaces the earlier one")
            return
        }
    }

    @Test("fields set one by one are found across the scan/slot boundary; setting replaces, nil removes")
    func objectUpdates() {
        var object = MustacheObject()
        var expected: [String: Int] = [:]
        for number in 0..<100 {
            object["f\(number)"] = .int(number)
            expected["f\(number)"] = number
            if number % 3 == 0 {
                object["f\(number / 2)"] = .int(-number)
                expected["f\(number / 2)"] = -number
            }
            if number % 7 == 0 {
                object["f\(number / 3)"] = nil
                expected["f\(number / 3)"] = nil
            }
            #expect(object.count == expected.count)
            for probe in 0...number + 1 {
                let found: Int? = if case .int(let value)? = object["f\(probe)"] { value } else { nil }
                #expect(found == expected["f\(probe)"], "f\(probe) after \(number) steps")
            }
        }
        object["absent"] = nil
        #expect(object.count == expected.count)
    }

    @Test("sections: lists repeat, false, nil and empty lists hide, other values push; inverted is the converse")
    func sections() throws {
        let context: MustacheObject = ["yes": true, "no": false, "empty": [], "text": "", "items": [["n": 1], ["n": 2]]]
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#empty}}E{{/empty}}{{#text}}T{{/text}}{{#nothing}}X{{/nothing}}", context) == "YT")
        #expect(try render("{{^yes}}Y{{/yes}}{{^no}}N{{/no}}{{^empty}}E{{/empty}}{{^text}}T{{/text}}{{^nothing}}X{{/nothing}}", context) == "NEX")
        #expect(try render("{{#items}}[{{n}}]{{/items}}", context) == "[1][2]")
    }

    @Test("standalone tags leave no blank lines; inline ones keep their spaces")
    func standaloneLines() throws {
        #expect(try render("<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n", ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        #expect(try render("a {{#t}}b{{/t}} c\n  {{! note }}\nd", ["t": true]) == "a b c\nd")
        #expect(try render("x\r\n{{#t}}\r\ny\r\n{{/t}}\r\n", ["t": true]) == "x\r\ny\r\n")
    }

    @Test("standalone partials are indented; parents take blocks from the child")
    func partialsAndInheritance() throws {
        let partials = ["item": "<b>{{.}}</b>\n<i>x</i>\n", "base": "<h1>{{$title}}Default{{/title}}</h1>\n<main>\n{{$main}}{{/main}}\n</main>\n"]
        #expect(try render("<div>\n  {{>item}}\n</div>\n", ["a": 1], partials: partials) == "<div>\n  <b></b>\n  <i>x</i>\n</div>\n")
        #expect(try render("{{<base}}\n{{$main}}\nbody {{v}}\n{{/main}}\n{{/base}}\n", ["v": 2], partials: partials) == "<h1>Default</h1>\n<main>\nbody 2\n\n</main>\n", "the block tag shares its line with the close tag, so that newline stays")
        #expect(try render("{{<base}}{{$title}}Mine{{/title}}{{/base}}", [:], partials: partials) == "<h1>Mine</h1>\n<main>\n\n</main>\n")
        #expect(try render("a{{>nothing}}b", [:]) == "ab", "a missing partial renders as nothing (the build reports it)")
    }

    @Test("a parent called inside a section, beside text, leaves its siblings and blocks in place")
    func parentInsideSection() throws {
        let partials = ["box": "[{{$inner}}none{{/inner}}]"]
        let source = "{{#items}}<{{<box}}{{$inner}}{{n}}{{/inner}}{{/box}}>{{/items}}|{{<box}}{{/box}}|{{^items}}empty{{/items}}"
        #expect(try render(source, ["items": [["n": 1], ["n": 2]]], partials: partials) == "<[1]><[2]>|[none]|")
    }

    @Test("recursive partials follow the data, and one that always includes itself stops instead of overflowing the stack")
    func recursivePartials() throws {
        let tree: MustacheObject = ["name": "a", "children": [["name": "b", "children": [["name": "c", "children": []]]]]]
        let partials = ["node": "{{name}}({{#children}}{{>node}}{{/children}})", "loop": "x{{>loop}}"]
        #expect(try render("{{>node}}", tree, partials: partials) == "a(b(c()))")
        #expect(try render("{{>loop}}", [:], partials: partials) == String(repeating: "x", count: 100))
    }

    @Test("syntax errors carry line and column", arguments: [
        ("{{#a}}\nx\n{{/b}}", 3, "closes a section"),
        ("line\n{{#open}}", 2, "never closed"),
        ("{{name", 1, "not closed"),
        ("x {{upper(name)}}", 1, "transforms"),
        ("{{! never ends", 1, "comment"),
    ])
    func syntaxErrors(source: String, line: Int, fragment: String) {
        do {
            _ = try MustacheTemplate(string: source)
            Issue.record("\(source) should not parse")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("delimiters can change")
    func delimiters() throws {
        #expect(try render("{{=<% %>=}}<% a %>{{a}}", ["a": "x"]) == "x{{a}}")
    }
}
