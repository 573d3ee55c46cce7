import Foundation
import Synchronization

/// Decides, file by file, whether to render again or keep what the previous build published, and
/// records each file's key for the next build.
///
/// A unit (one page, or a group of pages rendered together) is kept when the previous output has
/// files made from the same key; keys include the unit's name, so equal keys mean equal inputs.
final class RenderPlan: Sendable {
    let session: any OutputSession
    private let previousByKey: [UInt64: [OutputPath]]
    private let previousKeys: [OutputPath: UInt64]
    /// Each file recorded with its key, in the order recorded: appended to under the lock and
    /// made into a map only when asked (`keys`). Inserting into a shared map under the lock was
    /// 4% of a one-edit build, much of it cores waiting on each other.
    private let recorded = Mutex<[(OutputPath, UInt64)]>([])
    /// Kept paths not yet handed to the session: one call at the end instead of one per page.
    private let kept = Mutex<[OutputPath]>([])
    private let keptTotal = Mutex<Int>(0)

    /// How many files were kept from the previous output.
    var keptCount: Int { keptTotal.withLock { $0 } }

    /// Hands the kept files to the session; before any write that could take a kept path.
    func flushKept() {
        let paths = kept.withLock { paths in
            defer { paths = [] }
            return paths
        }
        guard !paths.isEmpty else { return }
        session.keep(paths)
        keptTotal.withLock { $0 += paths.count }
    }

    init(session: any OutputSession, previous: BuildCache.OutputRecord?) {
        self.session = session
        let keys = session.updatesPrevious ? previous?.keys ?? [:] : [:]
        previousKeys = keys
        previousByKey = Dictionary(grouping: keys.keys, by: { keys[$0] ?? 0 })
    }

    /// Every file of this build with its key; the first record of a path wins, as the first
    /// write does.
    var keys: [OutputPath: UInt64] {
        Dictionary(recorded.withLock { $0 }, uniquingKeysWith: { first, _ in first })
    }

    /// The files kept for `key`, or `nil` when the unit must be rendered.
    func reuse(_ key: UInt64) -> [OutputPath]? {
        guard let paths = previousByKey[key] else { return nil }
        kept.withLock { $0 += paths }
        record(paths.map { ($0, key) })
        return paths
    }

    /// Keeps every one of `files` when the previous output has each with the same key; otherwise
    /// keeps none and answers `false`.
    func keepAll(_ files: [(path: OutputPath, key: UInt64)]) -> Bool {
        guard files.allSatisfy({ previousKeys[$0.path] == $0.key }) else { return false }
        kept.withLock { $0 += files.map(\.path) }
        record(files.map { ($0.path, $0.key) })
        return true
    }

    /// Renders a unit unless the previous output has it under `key`; its paths with their diagnostics.
    func unit(_ key: UInt64, _ render: () -> [(OutputFile, Diagnostic?)]) -> [(OutputPath, Diagnostic?)] {
        if let kept = reuse(key) { return kept.map { ($0, nil) } }
        let pages = render()
        write(pages.map(\.0), key: key)
        return pages.map { ($0.0.path, $0.1) }
    }

    /// `unit` for renderers that run their own tasks.
    func unit(_ key: UInt64, _ render: () async -> [(OutputFile, Diagnostic?)]) async -> [(OutputPath, Diagnostic?)] {
        if let kept = reuse(key) { return kept.map { ($0, nil) } }
        let pages = await render()
        write(pages.map(\.0), key: key)
        return pages.map { ($0.0.path, $0.1) }
    }

    /// `unit` for renderers that hand each file over as soon as it is made, so that a unit of many
    /// large pages (a taxonomy's term pages, tens of megabytes each on a 100,000-document hub) is
    /// never held whole.
    func streamingUnit(_ key: UInt64, _ render: (_ write: @escaping @Sendable (OutputFile) -> Void) async -> [(OutputPath, Diagnostic?)])
        async -> [(OutputPath, Diagnostic?)] {
        if let kept = reuse(key) { return kept.map { ($0, nil) } }
        return await render { [self] file in write([file], key: key) }
    }

    /// Hands rendered files to the session, remembering them under `key`.
    func write(_ files: [OutputFile], key: UInt64) {
        session.write(files)
        record(files.map { ($0.path, key) })
    }

    /// Hands files with a key each to the session in one call, so the session can spread them
    /// over the cores.
    func write(keyed files: [(file: OutputFile, key: UInt64)]) {
        session.write(files.map(\.file))
        record(files.map { ($0.file.path, $0.key) })
    }

    /// Writes files keyed by their own contents, keeping those the previous output already has.
    /// A path a page already took is left alone, as the session would. The last write of a
    /// build: answers how many files the build has in all.
    func writeByContents(_ files: [OutputFile]) -> Int {
        flushKept()
        let taken = keys
        var changed: [OutputFile] = []
        var unchanged: [OutputPath] = []
        var contentKeys: [OutputPath: UInt64] = [:]
        for file in files where contentKeys[file.path] == nil && taken[file.path] == nil {
            let key = file.contentKey
            contentKeys[file.path] = key
            if previousKeys[file.path] == key { unchanged.append(file.path) } else { changed.append(file) }
        }
        kept.withLock { $0 += unchanged }
        flushKept()
        session.write(changed)
        record(contentKeys.map { ($0.key, $0.value) })
        return taken.count + contentKeys.count
    }

    /// Remembers each path's key (see `keys`).
    private func record(_ entries: [(OutputPath, UInt64)]) {
        recorded.withLock { $0 += entries }
    }
}
