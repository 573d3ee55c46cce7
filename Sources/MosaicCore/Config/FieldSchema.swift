/// What one front-matter field of a content type may hold, declared in `mosaic.yml`.
public struct FieldSchema: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case string, text, date, number, boolean, url
        case `enum`, enumList = "enum_list"
        case ref, refList = "ref_list"
        case stringList = "string_list"
        case object, objectList = "object_list"

        /// Kinds whose value is a list (a single value is accepted as a one-item list).
        var isList: Bool { [.enumList, .refList, .stringList, .objectList].contains(self) }
    }

    /// Where an enum's allowed values come from.
    public enum Values: Sendable, Hashable {
        case none
        case list([String])
        case taxonomy(Slug)
    }

    public var name: String
    public var kind: Kind
    public var isRequired: Bool
    public var values: Values
    /// Document types a reference may point to; empty means any type.
    public var allowedTargetTypes: [String]
    /// Schema of each object's keys, for `object` and `object_list`.
    public var fields: [String: FieldSchema]
    public var label: LocalizedText?
}

/// A content type (`lip`, `practice`…): its label, home section and fields.
public struct ContentType: Sendable, Hashable {
    public var id: String
    public var label: LocalizedText?
    public var section: String?
    /// The type's own fields merged over the `common` entry's.
    public var fields: [String: FieldSchema]
}
