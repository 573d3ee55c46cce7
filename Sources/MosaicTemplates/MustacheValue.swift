/// The data a template reads: typed, so a lookup is a hash comparison and never a dynamic cast.
///
/// Pages build their context as `MustacheValue`s directly (the literal conformances keep that
/// readable); going through `[String: Any]` and casting each value back cost a tenth of a build.
/// No case is `indirect`: boxing every case cost a heap allocation per value, and lists and
/// objects are references already.
public enum MustacheValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([MustacheValue])
    case object(MustacheObject)
    /// An object with one more field, made without copying the object's fields: list entries
    /// are shared between pages and only their URL differs.
    case extended(MustacheExtendedObject)

    /// `object` with the field `name` added (or replaced, for lookups). With `renditions` (one per
    /// `object`, shared by all its extensions), partials rendered for it are rendered once.
    public static func extending(_ object: MustacheObject, name: MustacheKey, value: MustacheValue,
                                 renditions: MustacheRenditions? = nil) -> MustacheValue {
        .extending(MustacheSharedObject(fields: object, renditions: renditions), name: name, value: value)
    }

    /// A shared object with the field `name` added (or replaced, for lookups).
    public static func extending(_ shared: MustacheSharedObject, name: MustacheKey, value: MustacheValue) -> MustacheValue {
        .extended(MustacheExtendedObject(shared: shared, name: name, value: value))
    }

    /// Whether `child(key)` would find a value, without copying (and retaining) it.
    @inlinable
    public func hasChild(_ key: MustacheKey) -> Bool {
        switch self {
        case .object(let object): object.has(key)
        case .extended(let extended): key == extended.name || extended.shared.fields.has(key)
        default: false
        }
    }

    /// A named child of an object; `nil` for other values and missing names.
    @inlinable
    public func child(_ key: MustacheKey) -> MustacheValue? {
        switch self {
        case .object(let object): object[key]
        case .extended(let extended): key == extended.name ? extended.value : extended.shared.fields[key]
        default: nil
        }
    }
}

/// The payload of `MustacheValue.extended`: a class, so that looking a name up reads the base
/// object in place (an `indirect` case copied the base out of its box on every lookup).
public final class MustacheExtendedObject: Sendable {
    public let shared: MustacheSharedObject
    public let name: MustacheKey
    public let value: MustacheValue

    init(shared: MustacheSharedObject, name: MustacheKey, value: MustacheValue) {
        self.shared = shared
        self.name = name
        self.value = value
    }
}

/// An object that many pages extend (a list entry, which each list gives its own URL), with the
/// partials rendered for it. A class: each extension retains it once, where copying its fields
/// and renditions retained each of them.
public final class MustacheSharedObject: Sendable {
    public let fields: MustacheObject
    let renditions: MustacheRenditions?

    public init(fields: MustacheObject, renditions: MustacheRenditions?) {
        self.fields = fields
        self.renditions = renditions
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
