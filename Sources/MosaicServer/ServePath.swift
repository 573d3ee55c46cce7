import MosaicCore

/// Maps a request path to a file of the built site, refusing anything that could leave it.
public enum ServePath: Equatable, Sendable {
    /// Serve this file.
    case file(OutputPath)
    /// A folder asked for without its trailing slash: redirect so relative links resolve.
    case redirect(String)
    /// `..`, a NUL byte or a backslash: answered with 400, never looked up.
    case rejected
    case notFound

    /// Resolves `rawPath` (as received, percent-encoded) against the paths the site has.
    public static func resolve(_ rawPath: String, exists: (OutputPath) -> Bool) -> ServePath {
        let pathOnly = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let decoded = pathOnly.removingPercentEncodingSafely() else { return .rejected }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments.contains(where: { $0 == ".." || $0 == "." || $0.contains("\0") || $0.contains("\\") }) {
            return .rejected
        }
        if segments.isEmpty {
            guard let index = OutputPath(components: ["index.html"]) else { return .notFound }
            return exists(index) ? .file(index) : .notFound
        }
        if decoded.hasSuffix("/") {
            guard let index = OutputPath(components: segments + ["index.html"]), exists(index) else { return .notFound }
            return .file(index)
        }
        if let file = OutputPath(components: segments), exists(file) { return .file(file) }
        if let index = OutputPath(components: segments + ["index.html"]), exists(index) {
            return .redirect(pathOnly + "/")
        }
        return .notFound
    }
}

private extension String {
    /// Percent-decoding that fails on malformed escapes or invalid UTF-8 instead of guessing.
    func removingPercentEncodingSafely() -> String? {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
