import Foundation
import Testing

/// Incremental builds must be invisible: after any edit, the output equals a clean build's.
@Suite("incremental builds")
struct IncrementalBuildTests {
    /// SplitMix64, so a failing sequence replays with `MOSAIC_PROPERTY_SEED=<seed>`.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// One random change to the site, described for the failure message.
    struct Editor {
        let site: SiteFixture
        var random: SeededGenerator
        var step = 0

        var documents: [String] {
            let folder = site.url("content")
            return (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".md") }.sorted()
        }

        mutating func pick<T>(_ items: [T]) -> T {
            items[Int.random(in: 0..<items.count, using: &random)]
        }

        /// `guelph-lip.fr.md` → `guelph-lip`.
        static func stem(_ path: String) -> String {
            let name = (path as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: "")
            return name.hasSuffix(".fr") ? String(name.dropLast(3)) : name
        }

        mutating func edit() throws -> String {
            step += 1
            let documents = documents
            let path = pick(documents)
            let file = "content/" + path
            var text = try site.read(file)
            switch Int.random(in: 0..<11, using: &random) {
            case 0, 1:
                let target = Editor.stem(pick(documents))
                text += "\n\n## Edit \(step)\n\nA new paragraph about partnerships and [[\(target)]].\n"
                try site.write(file, text)
                return "body of \(path) with a heading and a link to \(target)"
            case 2:
                text += "\n\nOne more sentence, edit \(step).\n"
                try site.write(file, text)
                return "body of \(path)"
            case 3:
                try site.write(file, Editor.replacing("title", in: text) { "\($0) (revised \(step))" })
                return "title of \(path)"
            case 4:
                try site.write(file, Editor.replacing("summary", in: text) { "\($0) Updated in edit \(step)." })
                return "summary of \(path)"
            case 5:
                let suffix = path.hasSuffix(".fr.md") ? ".fr.md" : ".md"
                let copy = String(file.dropLast(suffix.count)) + "-copy-\(step)" + suffix
                var copied = Editor.replacing("translation_key", in: text) { "\($0)-copy-\(step)" }
                copied = Editor.replacing("title", in: copied) { "\($0) copy \(step)" }
                try site.write(copy, copied)
                return "added \(copy)"
            case 6:
                let suffix = path.hasSuffix(".fr.md") ? ".fr.md" : ".md"
                let renamed = String(file.dropLast(suffix.count)) + "-renamed-\(step)" + suffix
                try FileManager.default.moveItem(at: site.url(file), to: site.url(renamed))
                return "renamed \(path)"
            case 7:
                try FileManager.default.removeItem(at: site.url(file))
                return "deleted \(path)"
            case 8:
                let footer = "templates/partials/footer.mustache"
                try site.write(footer, try site.read(footer) + "<!-- edit \(step) -->\n")
                return "template \(footer)"
            case 9:
                // A field the schema does not declare: a warning from the site-wide checks,
                // whose report the cache keeps while the site's front matter is unchanged.
                guard text.hasPrefix("---\n") else { return "left \(path) alone" }
                try site.write(file, "---\nreviewed_by: edit \(step)\n" + text.dropFirst(4))
                return "undeclared field in \(path)"
            default:
                try site.write(file, text)
                return "rewrote \(path) unchanged"
            }
        }

        /// Rewrites a top-level front-matter line `key: value`, if the document has one.
        static func replacing(_ key: String, in text: String, _ change: (String) -> String) -> String {
            var lines = text.components(separatedBy: "\n")
            guard let index = lines.firstIndex(where: { $0.hasPrefix(key + ": ") }) else { return text }
            let value = String(lines[index].dropFirst(key.count + 2))
            lines[index] = key + ": " + change(value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
                .replacingOccurrences(of: ":", with: " -")
            return lines.joined(separator: "\n")
        }
    }

    /// Diagnostic lines only, without progress and timing.
    private func diagnostics(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") || $0.contains(": warning: ") }
    }

    private func keptCount(_ stderr: String) -> Int {
        guard let range = stderr.range(of: #"(\d+) kept from the last build"#, options: .regularExpression) else { return 0 }
        return Int(stderr[range].split(separator: " ")[0]) ?? 0
    }

    @Test("random edits, templates included: each incremental build equals a clean build byte for byte")
    func randomEditsMatchCleanBuilds() throws {
        let seed = ProcessInfo.processInfo.environment["MOSAIC_PROPERTY_SEED"].flatMap { UInt64($0) } ?? 20_261_121
        let site = try SiteFixture(copyingBundledHub: ())
        defer { site.remove() }
        let clean = site.root.deletingLastPathComponent().appendingPathComponent("clean")
        let first = try site.run(["build", "--verbose"])
        try #require(first.status == 0, "\(first.stderr)")
        var editor = Editor(site: site, random: SeededGenerator(state: seed))
        var kept = 0
        var published = 0
        var undeclared = 0
        for _ in 1...24 {
            let before = SiteFixture.snapshot(of: site.output)
            let contentBefore = SiteFixture.snapshot(of: site.url("content"))
            let edit = try editor.edit()
            let context = "seed \(seed), step \(editor.step): \(edit)"
            let incremental = try site.run(["build", "--verbose"])
            let full = try site.run(["build", "--verbose", "--no-cache", "--output", clean.path])
            #expect(incremental.status == full.status, "\(context)\n\(incremental.stderr)\n\(full.stderr)")
            #expect(diagnostics(incremental.stderr) == diagnostics(full.stderr), "\(context)")
            if edit.hasPrefix("undeclared field") {
                undeclared += 1
                #expect(diagnostics(incremental.stderr).contains { $0.contains("reviewed_by") }, "\(context)\n\(incremental.stderr)")
            }
            guard full.status == 0 else {
                // A failed build leaves the previous output; undo the edit and go on from a good site.
                #expect(SiteFixture.snapshot(of: site.output) == before, "\(context): failed build changed the output")
                try? FileManager.default.removeItem(at: site.url("content"))
                for (relative, data) in contentBefore { try site.write("content/" + relative, data) }
                continue
            }
            published += 1
            kept += keptCount(incremental.stderr)
            let got = SiteFixture.snapshot(of: site.output)
            let expected = SiteFixture.snapshot(of: clean)
            let differing = Set(got.keys).union(expected.keys).filter { got[$0] != expected[$0] }.sorted()
            #expect(differing.isEmpty, "\(context): \(differing.count) files differ, e.g. \(differing.prefix(5))")
        }
        // The comparison proves nothing if every build started from scratch.
        #expect(published >= 12, "too few edits built: \(published)")
        #expect(undeclared > 0, "no edit added an undeclared field (seed \(seed))")
        #expect(kept > published * 100, "incremental builds kept only \(kept) files over \(published) builds")
    }
}

@Suite("build cache and output folder damage")
struct BuildCacheDamageTests {
    private func cleanBuild(_ site: SiteFixture) throws -> [String: Data] {
        let clean = site.root.deletingLastPathComponent().appendingPathComponent("clean")
        let result = try site.run(["build", "--quiet", "--no-cache", "--output", clean.path])
        #expect(result.status == 0, "\(result.stderr)")
        return SiteFixture.snapshot(of: clean)
    }

    @Test("a damaged, empty or foreign cache file is ignored: the build succeeds and equals a clean one",
          arguments: ["truncated", "garbage", "empty", "folder"])
    func damagedCache(_ damage: String) throws {
        let site = try SiteFixture(copying: "bilingual")
        defer { site.remove() }
        #expect(try site.run(["build", "--quiet"]).status == 0)
        let cacheFile = site.url(".mosaic-cache/build.cache")
        let bytes = try Data(contentsOf: cacheFile)
        #expect(bytes.count > 100)
        try FileManager.default.removeItem(at: cacheFile)
        switch damage {
        case "truncated": try bytes.prefix(bytes.count / 2).write(to: cacheFile)
        case "garbage": try Data((0..<bytes.count).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: cacheFile)
        case "empty": try Data().write(to: cacheFile)
        default: try FileManager.default.createDirectory(at: cacheFile, withIntermediateDirectories: true)
        }
        let page = try #require(SiteFixture.snapshot(of: site.url("content")).keys.sorted().first { $0.hasSuffix(".md") })
        try site.write("content/" + page, try site.read("content/" + page) + "\n\nAn added paragraph.\n")
        let result = try site.run(["build", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(SiteFixture.snapshot(of: site.output) == (try cleanBuild(site)))
    }

    /// The count in the load stage's "(N known by their file status, not read)".
    private func knownByStatus(_ stderr: String) -> Int? {
        guard let range = stderr.range(of: #"(\d+) known by their file status"#, options: .regularExpression) else { return nil }
        return Int(stderr[range].split(separator: " ")[0])
    }

    @Test("unchanged files are known by their status and not read; an edit that keeps the size and modification time is still seen")
    func fileStatusTrust() throws {
        let site = try SiteFixture(copying: "bilingual")
        defer { site.remove() }
        let pages = SiteFixture.snapshot(of: site.url("content")).keys.filter { $0.hasSuffix(".md") }.sorted()
        // Only files left alone for a while before a build began reading them are trusted by status.
        // (`FileSignature.settlingNanoseconds`: two seconds.)
        Thread.sleep(forTimeInterval: 2.2)
        let first = try site.run(["build", "--verbose"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(knownByStatus(first.stderr) == 0)
        let second = try site.run(["build", "--verbose"])
        #expect(knownByStatus(second.stderr) == pages.count, "\(second.stderr)")

        // Same length, same inode, same modification time to the nanosecond: only the change
        // time (which no one can set) differs.
        let page = try #require(pages.first)
        let path = site.url("content/" + page).path
        var before = stat()
        try #require(stat(path, &before) == 0)
        let text = try site.read("content/" + page)
        // The body's last "e" becomes an "a" (the front matter comes first and stays).
        let last = try #require(text.range(of: "e", options: .backwards))
        let edited = Data(text.replacingCharacters(in: last, with: "a").utf8)
        try #require(edited.count == Int(before.st_size))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: edited)
        try handle.close()
        let times = [before.st_atim, before.st_mtim]
        try #require(utimensat(AT_FDCWD, path, times, 0) == 0)
        var after = stat()
        try #require(stat(path, &after) == 0)
        try #require(after.st_ino == before.st_ino && after.st_size == before.st_size
            && after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        let third = try site.run(["build", "--verbose"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(knownByStatus(third.stderr) == pages.count - 1, "\(third.stderr)")
        // The edit changed one language's search entries; the other language's search segment
        // went back into the cache as it was read. The next build reads the whole cache and
        // keeps every file.
        let fourth = try site.run(["build", "--verbose"])
        #expect(fourth.stderr.contains("\(pages.count) unchanged of \(pages.count) cached"), "\(fourth.stderr)")
        let written = try #require(fourth.stderr.range(of: #"\d+ files, \d+ kept"#, options: .regularExpression))
        let counts = fourth.stderr[written].split(separator: " ").compactMap { Int($0) }
        #expect(counts.count == 2 && counts[0] == counts[1] && counts[0] > 20, "\(fourth.stderr)")
        #expect(SiteFixture.snapshot(of: site.output) == (try cleanBuild(site)))
    }

    @Test("a file deleted from the output by hand comes back on the next build")
    func deletedOutputFile() throws {
        let site = try SiteFixture(copying: "bilingual")
        defer { site.remove() }
        #expect(try site.run(["build", "--quiet"]).status == 0)
        let page = try #require(SiteFixture.snapshot(of: site.output).keys.sorted().first { $0.hasSuffix("/index.html") })
        try FileManager.default.removeItem(at: site.output.appendingPathComponent(page))
        #expect(try site.run(["build", "--quiet"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(page).path))
        #expect(SiteFixture.snapshot(of: site.output) == (try cleanBuild(site)))
    }
}
