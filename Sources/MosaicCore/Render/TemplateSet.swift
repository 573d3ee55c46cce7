import Foundation
import Mustache

/// The Mustache templates of one build: the default theme's, overridden by the site's by name.
public struct TemplateSet: Sendable {
    /// Templates every site needs; a missing one is reported before rendering starts.
    public static let requiredNames = ["base", "page", "section", "home", "404", "language-choice"]

    let library: MustacheLibrary
    public let names: Set<String>

    /// Loads `.mustache` files from each folder in order, later folders overriding earlier ones.
    ///
    /// - Parameter folders: pairs of a folder and the path prefix used in its diagnostics.
    public static func load(from folders: [(url: URL, displayPrefix: String)]) -> (TemplateSet, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        for folder in folders {
            for relative in FileListing.files(in: folder.url) where relative.hasSuffix(".mustache") {
                let display = folder.displayPrefix + relative
                let name = String(relative.dropLast(".mustache".count))
                guard let data = FileManager.default.contents(atPath: folder.url.appendingPathComponent(relative).path) else {
                    diagnostics.append(.error(at: SourceLocation(path: display), code: "template.unreadable", "cannot read template"))
                    continue
                }
                let source: String
                switch TextDecoding.decode(data) {
                case .success(let text): source = text
                case .failure(let failure):
                    diagnostics.append(.error(at: SourceLocation(path: display, line: failure.line, column: failure.column),
                                              code: "template.encoding", failure.message, hint: failure.hint))
                    continue
                }
                do {
                    templates[name] = try MustacheTemplate(string: source)
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.append(.error(
                        at: SourceLocation(path: display, line: error.context.lineNumber, column: error.context.columnNumber),
                        code: "template.syntax", "template syntax error: \(describe(error.error))",
                        hint: "check that every {{#section}} has a matching {{/section}}"))
                } catch {
                    diagnostics.append(.error(at: SourceLocation(path: display), code: "template.syntax",
                                              "template syntax error: \(error)"))
                }
            }
        }
        for name in requiredNames where templates[name] == nil {
            let display = (folders.last?.displayPrefix ?? "templates/") + name + ".mustache"
            diagnostics.append(.error(at: SourceLocation(path: display), code: "template.missing",
                                      "required template '\(name)' is missing",
                                      hint: "copy it from the default theme or run `mosaic init` to see one"))
        }
        return (TemplateSet(library: MustacheLibrary(templates: templates), names: Set(templates.keys)), diagnostics)
    }

    /// Renders `name` with `context`; `nil` only when the template does not exist.
    public func render(_ name: String, context: [String: Any]) -> String? {
        library.render(context, withTemplate: name)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "a closing tag does not match the open section"
        case MustacheTemplate.Error.unfinishedName: "a tag is not closed with }}"
        case MustacheTemplate.Error.expectedSectionEnd: "a section is never closed"
        default: "\(error)"
        }
    }
}

/// Lists regular files under a folder as sorted `/`-separated relative paths, hidden files skipped.
enum FileListing {
    static func files(in folder: URL) -> [String] {
        let fileManager = FileManager.default
        var result: [String] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            guard let names = try? fileManager.contentsOfDirectory(atPath: url.path) else { continue }
            for name in names where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                var isFolder: ObjCBool = false
                guard fileManager.fileExists(atPath: folder.appendingPathComponent(child).path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue { pending.append(child) } else { result.append(child) }
            }
        }
        return result.sorted()
    }
}
