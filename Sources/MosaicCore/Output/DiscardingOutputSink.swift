/// Accepts a finished site and keeps nothing, for `mosaic check`.
public struct DiscardingOutputSink: OutputSink {
    public init() {}

    public func publish(_ files: [OutputFile]) throws {}
}
