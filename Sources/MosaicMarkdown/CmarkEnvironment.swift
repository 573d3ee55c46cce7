internal import CCmarkGFM
import Foundation

/// Registers the GFM extensions once, because cmark-gfm's guard is a plain non-atomic flag.
///
/// A `static let` initialiser runs exactly once and is thread-safe, so every parse goes through
/// `CmarkEnvironment.shared` before touching the extension registry.
enum CmarkEnvironment {
    static let shared: Registered = {
        cmark_gfm_core_extensions_ensure_registered()
        let registered = Registered()
        registered.makeAutolinkCharactersPermanent()
        return registered
    }()

    /// Proof that registration happened; carries the extension names a parser attaches.
    ///
    /// cmark-gfm keeps the characters that start an extension's inline syntax (`~`, `w`, `:`) in
    /// one table for the whole process. Each parser adds its extensions' characters when it parses
    /// inlines (and the table extension for every row) and removes them when done, so two parsers
    /// at work at once lose `www.` autolinks or strikethrough at random (github/cmark-gfm#176,
    /// unmerged). Autolink's characters are therefore added once, for good; strikethrough's `~`
    /// cannot be (its list also maps `~~` delimiters back to the extension), so only sources that
    /// contain `~` attach strikethrough, and those parse one at a time.
    struct Registered: Sendable {
        let extensionNames = ["table", "autolink", "tagfilter", "tasklist"]
        let tildeExtensionName = "strikethrough"

        /// Adds autolink's characters to the shared table and empties its own list, so that a
        /// parser's add and remove leave them alone; every Mosaic parser attaches autolink.
        fileprivate func makeAutolinkCharactersPermanent() {
            guard let autolink = cmark_find_syntax_extension("autolink") else { return }
            if let parser = cmark_parser_new(CMARK_OPT_DEFAULT) {
                cmark_parser_attach_syntax_extension(parser, autolink)
                cmark_manage_extensions_special_characters(parser, 1)
                cmark_parser_free(parser)
            }
            cmark_syntax_extension_set_special_inline_chars(autolink, nil)
        }
    }

    /// Held by a parser with strikethrough attached, from its first line to its last inline.
    static let tildePhase = NSLock()

    /// Makes sure registration happened; call before any parallel rendering starts.
    static func prepare() {
        _ = shared
    }
}
