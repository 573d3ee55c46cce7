import Foundation

/// Creates a new, empty hub for `mosaic init`: configuration, the default templates and interface
/// strings (copied so they can be edited), and one example document in each language.
public enum SiteInitializer {
    public enum Failure: Error, CustomStringConvertible {
        case notEmpty(String)
        case noTheme
        case io(String)

        public var description: String {
            switch self {
            case .notEmpty(let path): "\(path) is not empty; `mosaic init` only creates new hubs in an empty or new folder"
            case .noTheme: "the default theme was not found next to the mosaic executable; set MOSAIC_THEME_DIR"
            case .io(let message): message
            }
        }
    }

    public static func create(at folder: URL, theme: URL?) throws {
        let fileManager = FileManager.default
        if let entries = try? fileManager.contentsOfDirectory(atPath: folder.path), !entries.isEmpty {
            throw Failure.notEmpty(folder.path)
        }
        guard let theme = theme ?? ThemeLocator.findDefaultTheme() else { throw Failure.noTheme }
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            for part in ["templates", "i18n"] {
                try fileManager.copyItem(at: theme.appendingPathComponent(part), to: folder.appendingPathComponent(part))
            }
            try write(config, to: folder.appendingPathComponent(SiteConfig.fileName))
            try write(welcome, to: folder.appendingPathComponent("content/notes/welcome.md"))
            try write(bienvenue, to: folder.appendingPathComponent("content/notes/welcome.fr.md"))
            try write("public/\n.public.*\n.mosaic-cache/\n", to: folder.appendingPathComponent(".gitignore"))
        } catch {
            throw Failure.io("cannot create the hub in \(folder.path): \(error.localizedDescription)")
        }
    }

    private static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static let config = """
    # Your hub's configuration. See the Mosaic README for every setting.
    title: {en: My knowledge hub, fr: Mon carrefour de connaissances}
    description: {en: Documents and practices from our community., fr: Documents et pratiques de notre communauté.}
    languages: [en, fr]
    sections:
      - id: notes
        title: {en: Notes, fr: Notes}
        description: {en: Short documents., fr: Documents brefs.}
    types:
      common:
        fields:
          summary: {type: text, required: true}
      note:
        label: {en: Note, fr: Note}
        section: notes
        fields:
          status: {type: enum, values: [draft, consultation, final, superseded, archived]}

    """

    static let welcome = """
    ---
    title: Welcome to your hub
    type: note
    summary: How to add documents to this hub.
    date: "2026-01-01"
    status: final
    ---
    ## Getting started

    Add Markdown files under `content/<section>/`, or run `mosaic new note "My title"`.
    Run `mosaic serve` to see the site while you write, and `mosaic build` to publish it to `public/`.
    The French version of this page is [[welcome]] in `welcome.fr.md`.

    """

    static let bienvenue = """
    ---
    title: Bienvenue dans votre carrefour
    slug: bienvenue
    type: note
    summary: Comment ajouter des documents à ce carrefour.
    date: "2026-01-01"
    status: final
    ---
    ## Pour commencer

    Ajoutez des fichiers Markdown sous `content/<section>/`, ou lancez `mosaic new note "Mon titre" --lang fr`.

    """
}
