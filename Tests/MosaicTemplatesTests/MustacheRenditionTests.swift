@testable import MosaicTemplates
import Testing

/// A shared entry's partial is rendered once and spliced; every page must read exactly what a
/// plain render gives, and the rendition is kept only when nothing but the entry shapes it.
@Suite("Mustache renditions")
struct MustacheRenditionTests {
    /// Renders `pages` (each the page's root fields and the entry's URL) with one shared entry,
    /// then again without renditions, and expects the same text page by page.
    func renderBoth(main: String, item: String, fields: MustacheObject, shared: Set<MustacheKey> = ["t"],
                    pages: [(root: MustacheObject, url: String)]) throws -> MustacheRenditions {
        let library = MustacheLibrary(templates: ["main": try MustacheTemplate(string: main),
                                                  "item": try MustacheTemplate(string: item)])
        let renditions = MustacheRenditions(sharedNames: shared)
        for (root, url) in pages + pages {
            func context(_ entry: MustacheValue) -> MustacheValue {
                var root = root
                root["items"] = [entry]
                if case .list(let groups)? = root["groups"] {
                    root["groups"] = .list(groups.map { group in
                        guard case .object(var object) = group else { return group }
                        object["items"] = [entry]
                        return .object(object)
                    })
                }
                return .object(root)
            }
            let shared = library.render(context(.extending(fields, name: "url", value: .string(url), renditions: renditions)),
                                        withTemplate: "main")
            let plain = library.render(context(.extending(fields, name: "url", value: .string(url))), withTemplate: "main")
            #expect(shared == plain, "page with URL \(url)")
        }
        return renditions
    }

    @Test("an entry renders once and its URL goes in escaped or raw, wherever it is listed")
    func splicesTheURL() throws {
        let renditions = try renderBoth(
            main: "<ul>{{#items}}<li>{{>item}}</li>{{/items}}</ul>",
            item: "<a href=\"{{url}}\">{{title}}</a> {{{url}}} {{&url}} {{t.more}}{{#summary}} {{summary}}{{/summary}}",
            fields: ["title": "A & B", "summary": .null],
            pages: [(["t": ["more": "More"]], "a?x=1&y=\"2\""), (["t": ["more": "More"]], "../../b/index.html")])
        #expect(renditions.reusableCount == 1)
    }

    @Test("a partial that reads the page, or a name found nowhere, is rendered on every page")
    func pageNamesAreNotShared() throws {
        let byPage = try renderBoth(main: "{{#items}}{{>item}}{{/items}}", item: "{{title}}/{{pageTitle}}", fields: ["title": "T"],
                                    pages: [(["pageTitle": "One"], "u"), (["pageTitle": "Two"], "u")])
        #expect(byPage.reusableCount == 0)
        let missing = try renderBoth(main: "{{#items}}{{>item}}{{/items}}", item: "{{title}}{{#extra}}+{{extra}}{{/extra}}",
                                     fields: ["title": "T"], pages: [([:], "u"), (["extra": "E"], "u")])
        #expect(missing.reusableCount == 0)
    }

    @Test("a shared name is used only when found at the root, with no section between shadowing it")
    func sharedNamesResolveAtTheRoot() throws {
        let renditions = try renderBoth(
            main: "{{#groups}}{{#items}}{{>item}}{{/items}}{{/groups}}", item: "{{title}} {{t.more}}", fields: ["title": "T"],
            pages: [(["t": ["more": "root"], "groups": [["name": "plain"]]], "u"),
                    (["t": ["more": "root"], "groups": [["t": ["more": "group"]]]], "u")])
        #expect(renditions.reusableCount == 1, "kept, and not used on the page whose group has its own t")
    }

    @Test("the URL as a section, or a field holding the marker, falls back to rendering")
    func unsafeRenditionsAreDropped() throws {
        let asSection = try renderBoth(main: "{{#items}}{{>item}}{{/items}}", item: "{{#url}}[{{url}}]{{/url}}{{^url}}none{{/url}}",
                                       fields: [:], pages: [([:], "a"), ([:], "b")])
        #expect(asSection.reusableCount == 0)
        let marker = try renderBoth(main: "{{#items}}{{>item}}{{/items}}", item: "{{{title}}} {{url}}",
                                    fields: ["title": .string(Rendition.marker)], pages: [([:], "a"), ([:], "b")])
        #expect(marker.reusableCount == 0)
    }

    @Test("an indented (standalone) partial is rendered as usual")
    func standalonePartials() throws {
        let renditions = try renderBoth(main: "<ul>\n{{#items}}\n  {{>item}}\n{{/items}}\n</ul>", item: "<li>{{title}}</li>\n<i>{{url}}</i>\n",
                                        fields: ["title": "T"], pages: [([:], "a"), ([:], "b")])
        #expect(renditions.reusableCount == 0)
    }
}
