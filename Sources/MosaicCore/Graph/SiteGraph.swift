import Foundation

/// Stage 4: the site's links computed once into maps — backlinks, related documents, version
/// chains and taxonomy membership — so templates read arrays instead of scanning pages.
struct SiteGraph: Sendable {
    let index: PageIndex
    let finder: ReferenceFinder
    /// Front-matter references of each page, by position.
    let references: [[ReferenceFinder.Reference]]
    /// Pages that link to each page (body links or front-matter references), newest first.
    let backlinks: [[Int]]
    let related: [[Int]]
    /// Page → the page it replaces, and the reverse, from either `supersedes` or `superseded_by`.
    let supersedes: [Int: Int]
    let supersededBy: [Int: Int]
    /// Taxonomy id → term id → tagged pages (all languages), newest first.
    let termMembers: [String: [String: [Int]]]

    /// The memo's related documents when they are still valid, else computed.
    private static func relatedDocuments(reused: [[Int]]?, index: PageIndex, finder: ReferenceFinder,
                                         references: [[ReferenceFinder.Reference]], settings: GraphSettings) async -> [[Int]] {
        if let reused { return reused }
        return await RelatedDocuments.compute(index: index, finder: finder, references: references, settings: settings)
    }

    /// Builds the graph, or takes it from `memo` (the build cache) when the site's front matter
    /// and links digest the same; the returned memo is this build's, for the next one.
    ///
    /// - Parameter structure: `RenderKeys.structureDigest` of this index.
    static func build(index: PageIndex, rendered: [RenderedDocument], config: SiteConfig, today: PartialDate,
                      structure: UInt64, memo: GraphMemo? = nil) async -> (SiteGraph, [Diagnostic], GraphMemo) {
        let finder = ReferenceFinder(config: config, index: index)
        let links = GraphMemo.linksDigest(structure: structure, rendered: rendered)
        if let memo, memo.structure == structure, memo.links == links, memo.references.count == index.pages.count,
           memo.backlinks.count == index.pages.count, memo.related.count == index.pages.count {
            let references = memo.references.map { list in
                list.compactMap { entry in index.pages.indices.contains(entry.target)
                    ? ReferenceFinder.Reference(field: entry.field, target: index.pages[entry.target]) : nil }
            }
            let graph = SiteGraph(index: index, finder: finder, references: references, backlinks: memo.backlinks,
                                  related: memo.related, supersedes: memo.supersedes, supersededBy: memo.supersededBy,
                                  termMembers: memo.termMembers)
            return (graph, memo.anchorDiagnostics + index.pages.flatMap { consultationDiagnostics($0, today: today) }, memo)
        }
        let pages = index.pages
        let references = await pages.concurrentMap { finder.references(from: $0) }
        // Related documents and anchor checks read only what is already known: they run beside
        // the backlinks and taxonomy members, which are one pass over the site each.
        let reusedRelated = memo.flatMap { $0.structure == structure && $0.related.count == pages.count ? $0.related : nil }
        async let relatedTask = relatedDocuments(reused: reusedRelated, index: index, finder: finder,
                                                 references: references, settings: config.graph)
        async let anchorTask = anchorDiagnostics(rendered: rendered, index: index)
        var diagnostics: [Diagnostic] = []

        var linkers = [Set<Int>](repeating: [], count: pages.count)
        for document in rendered {
            for link in document.outgoing where link.target != document.page.position {
                linkers[link.target].insert(document.page.position)
            }
        }
        var supersedes: [Int: Int] = [:]
        var supersededBy: [Int: Int] = [:]
        var termMembers: [String: [String: [Int]]] = [:]
        for page in pages {
            for reference in references[page.position] where reference.target.position != page.position {
                linkers[reference.target.position].insert(page.position)
                switch reference.field {
                case "supersedes":
                    supersedes[page.position] = reference.target.position
                    supersededBy[reference.target.position] = supersededBy[reference.target.position] ?? page.position
                case "superseded_by":
                    supersededBy[page.position] = reference.target.position
                    supersedes[reference.target.position] = supersedes[reference.target.position] ?? page.position
                default:
                    break
                }
            }
            for (field, schema) in finder.schema(for: page)?.fields ?? [:] {
                guard case .taxonomy(let taxonomy) = schema.values, let node = page.document.frontMatter[field] else { continue }
                for term in (node.items ?? [node]).compactMap(\.scalar) {
                    termMembers[taxonomy.rawValue, default: [:]][term, default: []].append(page.position)
                }
            }
            diagnostics += consultationDiagnostics(page, today: today)
        }
        let backlinks = linkers.map { index.sortedForLists(Array($0)) }
        for (taxonomy, terms) in termMembers {
            for (term, members) in terms {
                termMembers[taxonomy]?[term] = index.sortedForLists(Array(Set(members)))
            }
        }
        let related = await relatedTask
        let anchorWarnings = await anchorTask
        diagnostics = anchorWarnings + diagnostics
        let graph = SiteGraph(index: index, finder: finder, references: references, backlinks: backlinks,
                              related: related, supersedes: supersedes, supersededBy: supersededBy,
                              termMembers: termMembers)
        let next = GraphMemo(structure: structure, links: links,
                             references: references.map { $0.map { (field: $0.field, target: $0.target.position) } },
                             backlinks: backlinks, related: related, supersedes: supersedes, supersededBy: supersededBy,
                             termMembers: termMembers, anchorDiagnostics: anchorWarnings)
        return (graph, diagnostics, next)
    }

    /// `[[id#heading]]` and `x.md#heading` must name a heading that exists in the target.
    private static func anchorDiagnostics(rendered: [RenderedDocument], index: PageIndex) -> [Diagnostic] {
        var anchors = [Set<String>](repeating: [], count: index.pages.count)
        for document in rendered { anchors[document.page.position] = Set(document.headings.map(\.anchor)) }
        var diagnostics: [Diagnostic] = []
        for document in rendered {
            for link in document.outgoing {
                guard let anchor = link.anchor, !anchor.isEmpty, !anchors[link.target].contains(anchor),
                      !anchor.hasPrefix("fn-"), !anchor.hasPrefix("fnref-") else { continue }
                let target = index.pages[link.target]
                let hint = EditDistance.closest(to: anchor, in: anchors[link.target].sorted()).map { "did you mean #\($0)?" }
                    ?? "headings there: \(anchors[link.target].sorted().prefix(6).joined(separator: ", "))"
                diagnostics.append(.warning(at: link.location, code: "link.missing-anchor",
                                            "no heading '#\(anchor)' in \(target.document.source.displayPath)", hint: hint))
            }
        }
        return diagnostics
    }

    /// A consultation needs a closing date, and one whose date has passed should change status.
    private static func consultationDiagnostics(_ page: IndexedPage, today: PartialDate) -> [Diagnostic] {
        let matter = page.document.frontMatter
        guard matter["status"]?.scalar == "consultation" else { return [] }
        let location = PageIndex.location(ofField: "status", in: page.document)
        guard let close = matter["consultation_close"]?.scalar.flatMap(PartialDate.init(parsing:)) else {
            return [.warning(at: location, code: "lifecycle.consultation-close",
                             "document is in consultation but has no `consultation_close` date",
                             hint: "add consultation_close: YYYY-MM-DD so readers know the deadline")]
        }
        guard close < today else { return [] }
        return [.warning(at: location, code: "lifecycle.consultation-expired",
                         "consultation closed on \(close) but \(page.document.source.displayPath) still has status 'consultation'",
                         hint: "set status: final (or draft) now that feedback has closed")]
    }
}
