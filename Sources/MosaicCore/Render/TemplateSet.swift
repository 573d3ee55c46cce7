import Foundation
import MosaicTemplates

/// The Mustache templates of one build: the default theme's, overridden by the site's by name.
public struct TemplateSet: Sendable {
    /// Templates every site needs; a missing one is reported before rendering starts.
    public static let requiredNames = ["base", "page", "section", "home", "404", "language-choice", "search"]

    let library: MustacheLibrary
    public let names: Set<String>
    /// Every `{{t.key}}` use, for the missing-interface-string check.
    let interfaceKeyUses: [(key: String, location: SourceLocation)]

    /// Loads `.mustache` files from each folder in order, later folders overriding earlier ones.
    ///
    /// - Parameter folders: pairs of a folder and the path prefix used in its diagnostics.
    public static func load(from folders: [(url: URL, displayPrefix: String)]) -> (TemplateSet, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        var keyUses: [String: [(key: String, location: SourceLocation)]] = [:]
        var partialUses: [String: [(key: String, location: SourceLocation)]] = [:]
        for folder in folders {
            for relative in FileListing.files(in: folder.url) where relative.hasSuffix(".mustache") {
                let display = folder.displayPrefix + relative
                let name = String(relative.dropLast(".mustache".count))
                guard let data = FileManager.default.contents(atPath: folder.url.appendingPathComponent(relative).path) else {
                    diagnostics.append(.error(at: SourceLocation(path: display), code: "template.unreadable", "cannot read template"))
                    continue
                }
                let source: String
                switch TextDecoding.decode(data, path: display, code: "template.encoding") {
                case .success(let text): source = text
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                    continue
                }
                keyUses[name] = interfaceKeys(in: source, path: display)
                partialUses[name] = partialNames(in: source, path: display)
                do {
                    templates[name] = try MustacheTemplate(string: source)
                } catch {
                    diagnostics.append(.error(
                        at: SourceLocation(path: display, line: error.line, column: error.column),
                        code: "template.syntax", "template syntax error: \(error.message)",
                        hint: "check that every {{#section}} has a matching {{/section}}"))
                }
            }
        }
        for name in requiredNames where templates[name] == nil {
            let display = (folders.last?.displayPrefix ?? "templates/") + name + ".mustache"
            diagnostics.append(.error(at: SourceLocation(path: display), code: "template.missing",
                                      "required template '\(name)' is missing",
                                      hint: "copy it from the default theme or run `mosaic init` to see one"))
        }
        let uses = keyUses.keys.sorted().filter { templates[$0] != nil }.flatMap { keyUses[$0] ?? [] }
        // Rendering treats a missing partial or parent as empty; report it instead.
        for name in partialUses.keys.sorted() where templates[name] != nil {
            for use in partialUses[name] ?? [] where templates[use.key] == nil {
                diagnostics.append(.error(at: use.location, code: "template.unknown-partial",
                                          "template '\(name)' uses '\(use.key)', which does not exist",
                                          hint: EditDistance.closest(to: use.key, in: templates.keys.sorted()).map { "did you mean '\($0)'?" }))
            }
        }
        return (TemplateSet(library: MustacheLibrary(templates: templates), names: Set(templates.keys),
                            interfaceKeyUses: uses), diagnostics)
    }

    /// Renders `name` with `context` as UTF-8 bytes, ready to write; `nil` only when the
    /// template does not exist.
    public func render(_ name: String, context: MustacheObject) -> [UInt8]? {
        library.renderBytes(.object(context), withTemplate: name)
    }

    /// Finds `{{>partial}}` and `{{<parent}}` names with their line and column.
    static func partialNames(in source: String, path: String) -> [(key: String, location: SourceLocation)] {
        var uses: [(key: String, location: SourceLocation)] = []
        for (number, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.firstRange(of: "{{") {
                var cursor = open.upperBound
                guard cursor < rest.endIndex, rest[cursor] == ">" || rest[cursor] == "<" else { rest = rest[open.upperBound...]; continue }
                cursor = rest.index(after: cursor)
                let name = rest[cursor...].prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                if !name.isEmpty { uses.append((name, SourceLocation(path: path, line: number + 1, column: column))) }
                rest = rest[cursor...]
            }
        }
        return uses
    }

    /// Finds `t.key` inside `{{…}}` tags with its line and column.
    static func interfaceKeys(in source: String, path: String) -> [(key: String, location: SourceLocation)] {
        var uses: [(key: String, location: SourceLocation)] = []
        for (number, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.firstRange(of: "{{") {
                var cursor = open.upperBound
                while cursor < rest.endIndex, "#^/&{ ".contains(rest[cursor]) { cursor = rest.index(after: cursor) }
                guard rest[cursor...].hasPrefix("t.") else { rest = rest[open.upperBound...]; continue }
                let start = rest.index(cursor, offsetBy: 2)
                let key = rest[start...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                let column = line.distance(from: line.startIndex, to: cursor) + 1
                if !key.isEmpty { uses.append((String(key), SourceLocation(path: path, line: number + 1, column: column))) }
                rest = rest[start...]
            }
        }
        return uses
    }
}

/// Lists regular files under a folder as sorted `/`-separated relative paths, hidden files skipped.
enum FileListing {
    static func files(in folder: URL) -> [String] {
        var result: [String] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? folder.path : folder.path + "/" + relative
            for entry in FolderEntries.list(path) ?? [] where !entry.name.hasPrefix(".") {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                var type = entry.type
                if type == .typeSymbolicLink {
                    // Links inside theme and site folders are followed, as before.
                    var isFolder: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: path + "/" + entry.name, isDirectory: &isFolder) else { continue }
                    type = isFolder.boolValue ? .typeDirectory : .typeRegular
                }
                switch type {
                case .typeDirectory?: pending.append(child)
                case .typeRegular?: result.append(child)
                default: continue
                }
            }
        }
        return result.sorted()
    }
}
