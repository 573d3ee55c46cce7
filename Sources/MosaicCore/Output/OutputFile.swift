import Foundation

/// One file of the built site, addressed by its path inside the output folder.
public struct OutputFile: Sendable, Hashable {
    public var path: OutputPath
    public var contents: Data

    public init(path: OutputPath, contents: Data) {
        self.path = path
        self.contents = contents
    }
}
