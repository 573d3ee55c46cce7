import ArgumentParser
import Foundation
import MosaicCore

/// `mosaic new`: starts a document from its type's schema, or the translation of an existing one.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a document from its type's schema, or start the translation of one.",
        usage: """
        mosaic new TYPE "Title" [--lang fr] [--lip ID]
        mosaic new --translation content/practices/welcome-pass.md [--lang fr]
        """
    )

    @Argument(help: "The content type (see `types:` in mosaic.yml).")
    var type: String?

    @Argument(help: "The document's title.")
    var title: String?

    @Option(help: "The document's language (default: the site's default language).")
    var lang: String?

    @Option(help: "The id of the LIP this document belongs to.")
    var lip: String?

    @Option(help: "An existing document to translate; the new file is created beside it.")
    var translation: String?

    @Option(help: "The site folder holding mosaic.yml and content/.")
    var source = "."

    func validate() throws {
        if translation == nil && (type == nil || title == nil) {
            throw ValidationError("give a TYPE and a \"Title\", or --translation PATH")
        }
        if translation != nil && (type != nil || title != nil) {
            throw ValidationError("--translation takes no TYPE or title")
        }
    }

    func run() throws {
        let root = URL(fileURLWithPath: source)
        let (snapshot, problems) = SiteSnapshot.read(siteRoot: root)
        guard let snapshot else {
            for problem in problems { FileHandle.standardError.write(Data((problem.description + "\n").utf8)) }
            throw ExitCode(1)
        }
        let config = snapshot.config
        let language = try lang.map { code -> LocaleCode in
            guard let locale = LocaleCode(code), config.languages.contains(locale) else {
                throw ValidationError("'\(code)' is not one of the site's languages (\(config.languages.map(\.rawValue).joined(separator: ", ")))")
            }
            return locale
        }
        let relative: String
        let text: String
        do {
            if let translation {
                let sourceText = try String(contentsOf: root.appendingPathComponent(translation), encoding: .utf8)
                let isDefault = !config.languages.dropFirst().contains { translation.hasSuffix(".\($0).md") }
                let target = language ?? (isDefault ? (config.languages.dropFirst().first ?? config.defaultLanguage) : config.defaultLanguage)
                (relative, text) = try DocumentScaffold.translation(of: sourceText, sourcePath: translation, into: target, config: config)
            } else {
                let request = DocumentScaffold.Request(type: type ?? "", title: title ?? "", language: language ?? config.defaultLanguage,
                                                       lip: lip, today: PartialDate.today())
                (relative, text) = try DocumentScaffold.make(request, config: config, existing: snapshot.documents)
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let url = root.appendingPathComponent(relative)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            FileHandle.standardError.write(Data("error: \(relative) already exists; Mosaic never overwrites a document\n".utf8))
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        print(relative)
    }
}
