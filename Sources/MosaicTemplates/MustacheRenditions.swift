import Synchronization

/// Partials already rendered for one shared object, kept with holes where its per-page field goes.
///
/// A hub lists each document in a dozen places (section, term and directory pages, backlinks and
/// related lists), and the entry's partial renders the same bytes each time but for the URL. The
/// renderer renders such a partial once with a marker as that field, cuts the output at the
/// markers, and from then on splices the field's value between the pieces. It keeps a rendition
/// only when the output provably depends on nothing else: the field is only ever printed, and
/// every other name the partial reads from outside the object is one of `sharedNames`, found at
/// the root of the context (not in a section between the root and the object).
public final class MustacheRenditions: Sendable {
    /// Root names whose values the caller guarantees are the same on every page that lists the
    /// object (in Mosaic: one language's interface strings and site fields).
    let sharedNames: Set<MustacheKey>
    /// The first partial rendered, read without a lock: the object's pages nearly always render
    /// one partial for it, and a lock per list entry cost more than the splice. It holds a retained
    /// `Entry` as bits (0 for none): `AtomicLazyReference` was not inlined and retained on every read.
    private let first = Atomic<UInt>(0)
    /// Any further partials.
    private let others = Mutex<[Entry]>([])

    public init(sharedNames: Set<MustacheKey>) {
        self.sharedNames = sharedNames
    }

    deinit {
        if let entry = MustacheRenditions.entry(first.load(ordering: .acquiring)) { Unmanaged.passUnretained(entry).release() }
    }

    /// The entry whose retained bits `first` holds.
    private static func entry(_ bits: UInt) -> Entry? {
        UnsafeRawPointer(bitPattern: bits).map { Unmanaged<Entry>.fromOpaque($0).takeUnretainedValue() }
    }

    /// A partial's rendition, or `nil` when it turned out to depend on more than the object.
    private final class Entry: Sendable {
        let partial: Int32
        let rendition: Rendition?

        init(partial: Int32, rendition: Rendition?) {
            self.partial = partial
            self.rendition = rendition
        }
    }

    /// Calls `body` with what is known of `partial`: nothing yet (`nil`), or its rendition if it
    /// can be reused. The first entry is lent without being retained: both cores read it for
    /// every list entry, and its reference count was contended.
    func withKnown<Result>(_ partial: Int32, _ body: (Rendition??) -> Result) -> Result {
        guard let pointer = UnsafeRawPointer(bitPattern: first.load(ordering: .acquiring)) else { return body(nil) }
        return Unmanaged<Entry>.fromOpaque(pointer)._withUnsafeGuaranteedRef { entry in
            if entry.partial == partial { return body(.some(entry.rendition)) }
            let other = others.withLock { others -> Rendition?? in
                guard let entry = others.first(where: { $0.partial == partial }) else { return nil }
                return .some(entry.rendition)
            }
            return body(other)
        }
    }

    /// How many partials have a rendition that pages reuse: tests check that one was made.
    var reusableCount: Int {
        (MustacheRenditions.entry(first.load(ordering: .acquiring))?.rendition == nil ? 0 : 1) + others.withLock { others in others.count { $0.rendition != nil } }
    }

    /// Keeps what rendering `partial` once found; the first of two concurrent renders wins.
    func keep(_ rendition: Rendition?, for partial: Int32) {
        let entry = Entry(partial: partial, rendition: rendition)
        let bits = UInt(bitPattern: Unmanaged.passRetained(entry).toOpaque())
        let (stored, existing) = first.compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing)
        if stored { return }
        Unmanaged.passUnretained(entry).release()
        guard MustacheRenditions.entry(existing)?.partial != partial else { return }
        others.withLock { others in
            guard !others.contains(where: { $0.partial == partial }) else { return }
            others.append(entry)
        }
    }
}

/// A partial's output with its holes: the field's value goes at each hole's offset, escaped or not
/// as the tag that printed it. A class: every list entry reads it, and a struct's copy retained
/// each of its arrays.
final class Rendition: Sendable {
    let bytes: [UInt8]
    let holes: [(offset: Int, escaped: Bool)]
    /// Names read from the root of the context, which must be found there (and nowhere between) on
    /// the page that reuses the rendition too.
    let rootNames: [MustacheKey]

    /// The marker rendered in place of the field: `&` makes the escaped and raw forms differ, and
    /// U+0001 never comes out of a template's own text.
    static let marker = "\u{1}&\u{1}"
    private static let rawMarker = Array(marker.utf8)
    private static let escapedMarker = Array("\u{1}&amp;\u{1}".utf8)

    /// Cuts `output` at the markers; `nil` unless there are exactly `expected` of them and no other
    /// U+0001 (a field's own text that happened to contain one).
    init?(cutting output: [UInt8], expected: Int, rootNames: [MustacheKey]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(output.count)
        var holes: [(offset: Int, escaped: Bool)] = []
        var index = 0
        while index < output.count {
            guard output[index] == 1 else {
                bytes.append(output[index])
                index += 1
                continue
            }
            if Rendition.matches(Rendition.escapedMarker, in: output, at: index) {
                holes.append((bytes.count, true))
                index += Rendition.escapedMarker.count
            } else if Rendition.matches(Rendition.rawMarker, in: output, at: index) {
                holes.append((bytes.count, false))
                index += Rendition.rawMarker.count
            } else {
                return nil
            }
        }
        guard holes.count == expected else { return nil }
        self.bytes = bytes
        self.holes = holes
        self.rootNames = rootNames
    }

    private static func matches(_ marker: [UInt8], in output: [UInt8], at index: Int) -> Bool {
        index + marker.count <= output.count && output[index..<index + marker.count].elementsEqual(marker)
    }

    /// The output with `value` in the holes.
    func splice(_ value: String, into output: inout [UInt8]) {
        var start = 0
        for hole in holes {
            output.append(contentsOf: bytes[start..<hole.offset])
            if hole.escaped { HTMLEscaping.append(value, to: &output) } else { output.append(contentsOf: value.utf8) }
            start = hole.offset
        }
        output.append(contentsOf: bytes[start...])
    }
}
