import Foundation

/// One file of the built site, addressed by its path inside the output folder.
public struct OutputFile: Sendable, Hashable {
    public var path: OutputPath
    public var contents: Data

    public init(path: OutputPath, contents: Data) {
        self.path = path
        self.contents = contents
    }

    /// The key of a file made from its own contents (static files, search chunks): the previous
    /// output's file is kept when its recorded key is this one.
    var contentKey: UInt64 { Digest.of(contents).value }
}
