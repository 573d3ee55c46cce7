/// Accepts a site and keeps nothing, for `mosaic check`.
public struct DiscardingOutputSink: OutputSink, OutputSession {
    public init() {}

    public func begin(updating previous: OutputStamp?, previousFiles: [OutputPath]) throws -> any OutputSession { self }
    public var updatesPrevious: Bool { false }
    public func write(_ files: [OutputFile]) {}
    public func keep(_ paths: [OutputPath]) {}
    public func commit() throws -> OutputStamp? { nil }
    public func discard() {}
}
