/// How the knowledge graph's derived views are computed, from `mosaic.yml`'s `graph:` entry.
public struct GraphSettings: Sendable, Hashable {
    /// Weight of each shared value of a field when scoring related documents.
    public var relatedWeights: [String: Int]
    /// Added when two documents have the same type.
    public var relatedSameType: Int
    /// Added when two documents' years are at most this far apart.
    public var relatedYearWindow: Int
    public var relatedLimit: Int
    /// The type listed in the directory (LIPs), and the fields that get one page per value.
    public var directoryType: String?
    public var directoryFacets: [String]
    /// Coverage matrix: rows are documents of `coverageRowType`; a mark in a taxonomy column when a
    /// document of one of `coverageViaTypes` references the row through `coverageViaField`.
    public var coverageRowType: String?
    public var coverageTaxonomy: String?
    public var coverageViaTypes: [String]
    public var coverageViaField: String

    public static let standard = GraphSettings(
        relatedWeights: ["lips": 3, "characteristics": 2, "themes": 2, "provinces": 1, "province": 1],
        relatedSameType: 1, relatedYearWindow: 2, relatedLimit: 5,
        directoryType: nil, directoryFacets: [],
        coverageRowType: nil, coverageTaxonomy: nil, coverageViaTypes: [], coverageViaField: "lips")
}
