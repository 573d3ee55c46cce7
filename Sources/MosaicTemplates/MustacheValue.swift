/// The data a template reads: typed, so a lookup is a hash comparison and never a dynamic cast.
///
/// Rendering through `[String: Any]` spent most of its time casting; pages now hand their context
/// over once as `MustacheValue` (`init(any:)` converts the dictionaries the renderer builds).
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

    /// Converts plain Swift values (strings, numbers, booleans, arrays, string-keyed dictionaries,
    /// optionals and `MustacheValue`s); anything else renders as its description.
    public init(any value: Any) {
        switch value {
        case let value as MustacheValue: self = value
        case let text as String: self = .string(text)
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .int(number)
        case let number as Double: self = .double(number)
        case let dictionary as [String: Any]: self = .object(MustacheObject(dictionary.mapValues(MustacheValue.init(any:))))
        case let dictionary as [String: String]: self = .object(MustacheObject(dictionary.mapValues(MustacheValue.string)))
        case let list as [[String: Any]]: self = .list(list.map { .object(MustacheObject($0.mapValues(MustacheValue.init(any:)))) })
        case let list as [String]: self = .list(list.map(MustacheValue.string))
        case let list as [MustacheValue]: self = .list(list)
        case let list as [Any]: self = .list(list.map(MustacheValue.init(any:)))
        case let optional as any OptionalProtocol: self = optional.wrappedAny.map(MustacheValue.init(any:)) ?? .null
        default: self = .string(String(describing: value))
        }
    }

    /// A named child of an object; `nil` for other values and missing names.
    @inlinable
    public func child(_ key: MustacheKey) -> MustacheValue? {
        switch self {
        case .object(let object): object[key]
        case .extended(let base, let extra, let value): key == extra ? value : base.child(key)
        default: nil
        }
    }
}

/// Lets `init(any:)` see through optionals stored as `Any`.
public protocol OptionalProtocol {
    var wrappedAny: Any? { get }
}

extension Optional: OptionalProtocol {
    public var wrappedAny: Any? {
        switch self {
        case .some(let value): value
        case .none: nil
        }
    }
}
