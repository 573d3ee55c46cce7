internal import CCmarkGFM

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

    /// Makes sure registration happened; call before any parallel rendering starts.
    static func prepare() {
        _ = shared
    }
}
