import Foundation

/// Writes the front matter of a new document from its type's schema, for `mosaic new`.
///
/// Required fields are filled with values that validate (the first allowed value, today's date,
/// the `--lip` given, the first existing document of the right type), so a new document builds
/// at once; allowed values and optional fields are listed in comments for the author.
public enum DocumentScaffold {
    public struct Request: Sendable {
        public var type: String
        public var title: String
        public var language: LocaleCode
        public var lip: String?
        public var today: PartialDate

        public init(type: String, title: String, language: LocaleCode, lip: String?, today: PartialDate) {
            self.type = type
            self.title = title
            self.language = language
            self.lip = lip
            self.today = today
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case unknownType(String, known: [String])
        case badTitle
        case exists(String)

        public var description: String {
            switch self {
            case .unknownType(let type, let known):
                "unknown type '\(type)'" + (EditDistance.closest(to: type, in: known).map { " (did you mean '\($0)'?)" } ?? "")
                    + "; types: \(known.joined(separator: ", "))"
            case .badTitle: "the title has no letters or digits to make a file name from"
            case .exists(let path): "\(path) already exists; Mosaic never overwrites a document"
            }
        }
    }

    /// The path (relative to the site root) and text of the new document.
    public static func make(_ request: Request, config: SiteConfig, existing: [(id: String, type: String?)]) throws -> (String, String) {
        guard let slug = Slug(making: request.title) else { throw Failure.badTitle }
        let section: String
        var fields: [String: FieldSchema] = [:]
        if config.types.isEmpty {
            section = request.type
        } else {
            guard let type = config.types[request.type] else {
                throw Failure.unknownType(request.type, known: config.types.keys.sorted())
            }
            // A type without a section gets a folder named after it; the build then asks for it to be declared.
            section = type.section ?? request.type
            fields = type.fields
        }
        let suffix = request.language == config.defaultLanguage ? "" : ".\(request.language)"
        let path = "content/\(section)/\(slug)\(suffix).md"
        var lines = ["---", "title: \(quoted(request.title))", "type: \(request.type)", "date: \"\(request.today)\""]
        if request.language != config.defaultLanguage { lines.append("slug: \(slug)") }
        var optional: [String] = []
        for field in fields.values.sorted(by: { $0.name < $1.name }) {
            let allowed = config.allowedValues(of: field)
            let hint = allowed.isEmpty ? "" : "  # one of: \(allowed.prefix(20).joined(separator: ", "))\(allowed.count > 20 ? ", …" : "")"
            if field.isRequired {
                lines.append("\(field.name): \(value(for: field, allowed: allowed, request: request, existing: existing, config: config))\(hint)")
            } else if field.name == "lips", let lip = request.lip {
                lines.append("lips: [\(lip)]")
            } else {
                optional.append("# \(field.name): (\(field.kind.rawValue))\(hint.isEmpty ? "" : " —" + hint.dropFirst(3))")
            }
        }
        if !optional.isEmpty { lines += ["# Optional fields:"] + optional }
        lines += ["---", "", "## Overview", "", "Write the document here.", ""]
        return (path, lines.joined(separator: "\n"))
    }

    private static func value(for field: FieldSchema, allowed: [String], request: Request,
                              existing: [(id: String, type: String?)], config: SiteConfig) -> String {
        let reference = field.name == "lips" ? request.lip : nil
        let candidate = reference ?? existing.first { field.allowedTargetTypes.isEmpty || field.allowedTargetTypes.contains($0.type ?? "") }?.id
        switch field.kind {
        case .string, .text: return field.name == "summary" ? "\"One to three plain-language sentences.\"" : "\"TODO\""
        case .date: return "\"\(request.today)\""
        case .number: return field.name.contains("year") ? "\(request.today.year)" : "0"
        case .boolean: return "false"
        case .url: return "\"https://example.org/\"  # replace with the real address"
        case .enum: return quoted(allowed.first ?? "TODO")
        case .enumList: return "[\(quoted(allowed.first ?? "TODO"))]"
        case .ref: return candidate ?? "TODO"
        case .refList: return candidate.map { "[\($0)]" } ?? "[]"
        case .stringList: return "[\"TODO\"]"
        case .object: return nestedRequired(field, request: request, existing: existing, config: config)
        case .objectList:
            let object = nestedRequired(field, request: request, existing: existing, config: config)
            return object == "{}" ? "[]" : "[\(object)]"
        }
    }

    /// An inline mapping holding an object's required keys, so nested requirements validate too.
    private static func nestedRequired(_ field: FieldSchema, request: Request, existing: [(id: String, type: String?)],
                                       config: SiteConfig) -> String {
        let required = field.fields.values.filter(\.isRequired).sorted { $0.name < $1.name }
        guard !required.isEmpty else { return "{}" }
        let pairs = required.map { nested -> String in
            let allowed = config.allowedValues(of: nested)
            return "\(nested.name): \(value(for: nested, allowed: allowed, request: request, existing: existing, config: config))"
        }
        return "{" + pairs.joined(separator: ", ") + "}"
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The counterpart of an existing document in another language, beside it, for
    /// `mosaic new --translation`: same fields, text marked for translation, same pairing.
    public static func translation(of text: String, sourcePath: String, into language: LocaleCode,
                                   config: SiteConfig) throws -> (String, String) {
        let stem = sourcePath.hasSuffix(".md") ? String(sourcePath.dropLast(3)) : sourcePath
        var base = stem
        for code in config.languages where base.hasSuffix(".\(code)") { base = String(base.dropLast(code.rawValue.count + 1)) }
        let target = language == config.defaultLanguage ? "\(base).md" : "\(base).\(language).md"
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var closing = 0
        if lines.first == "---", let end = lines.indices.dropFirst().first(where: { lines[$0] == "---" }) {
            closing = end
            for index in 1..<end {
                for key in ["title", "summary"] where lines[index].hasPrefix("\(key):") {
                    lines[index] = "\(key): \"TODO: translate\"  # original: \(lines[index].dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces))"
                }
                if lines[index].hasPrefix("slug:") || lines[index].hasPrefix("lang:") { lines[index] = "# " + lines[index] }
            }
            var added: [String] = []
            for index in 1..<end where lines[index].hasPrefix("translation_status:") {
                lines[index] = "translation_status: hub"
            }
            if language != config.defaultLanguage { added.append("slug: \(URL(fileURLWithPath: base).lastPathComponent)-\(language)") }
            lines.insert(contentsOf: added, at: end)
            closing += added.count
        }
        let body = ["", "> TODO: translate the text below, then remove this line.", ""] + lines[(closing + 1)...]
        return (target, (lines[...closing] + body).joined(separator: "\n"))
    }
}
