/// The data a template reads: typed, so a lookup is a hash comparison and never a dynamic cast.
///
/// Pages build their context as `MustacheValue`s directly (the literal conformances keep that
/// readable); going through `[String: Any]` and casting each value back cost a tenth of a build.
/// Only `extended` is `indirect`: boxing every case cost a heap allocation per value, and lists and
/// objects are references already.
public enum MustacheValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([MustacheValue])
    case object(MustacheObject)
    /// An object with one more field, made without copying the object's dictionary: list entries
    /// are shared between pages and only their URL differs.
    indirect case extended(MustacheValue, name: MustacheKey, value: MustacheValue)

    /// A named child of an object; `nil` for other values and missing names.
    @inlinable
    public func child(_ key: MustacheKey) -> MustacheValue? {
        switch self {
        case .object(let object): object[key]
        case .extended(let base, let extra, let value): key == extra ? value : base.child(key)
        default: nil
        }
    }

    /// The text of a string value, for callers that read back a field they built.
    public var text: String? {
        if case .string(let text) = self { text } else { nil }
    }
}

extension MustacheValue: ExpressibleByStringInterpolation, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral text: String) {
        self = .string(text)
    }

    public init(booleanLiteral flag: Bool) {
        self = .bool(flag)
    }

    public init(integerLiteral number: Int) {
        self = .int(number)
    }

    public init(arrayLiteral elements: MustacheValue...) {
        self = .list(elements)
    }

    public init(dictionaryLiteral elements: (MustacheKey, MustacheValue)...) {
        self = .object(MustacheObject(elements))
    }
}
