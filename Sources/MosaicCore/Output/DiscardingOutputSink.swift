/// Accepts a site and keeps nothing, for `mosaic check`.
public struct DiscardingOutputSink: OutputSink, OutputSession {
    public init() {}

    public func begin() throws -> any OutputSession { self }
    public func write(_ files: [OutputFile]) {}
    public func commit() throws {}
    public func discard() {}
}
