internal import CCmarkGFM
import Foundation

/// Registers the GFM extensions once, because cmark-gfm's guard is a plain non-atomic flag.
///
/// A `static let` initialiser runs exactly once and is thread-safe, so every parse goes through
/// `CmarkEnvironment.shared` before touching the extension registry.
enum CmarkEnvironment {
    static let shared: Registered = {
        cmark_gfm_core_extensions_ensure_registered()
        return Registered()
    }()

    /// Proof that registration happened; carries the extension names a parser attaches.
    struct Registered: Sendable {
        let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    }

    /// Held while a parser finishes, which is when cmark-gfm parses inlines.
    ///
    /// Parsing inlines adds the extensions' special characters (`~`, `w`, `:`) to a table shared
    /// by the whole process and removes them when done, so two parsers finishing at once lose
    /// `www.` autolinks or strikethrough at random (github/cmark-gfm#176, unmerged). Block
    /// parsing, the tree walk and HTML rendering stay parallel.
    static let inlinePhase = NSLock()

    /// Makes sure registration happened; call before any parallel rendering starts.
    static func prepare() {
        _ = shared
    }
}
