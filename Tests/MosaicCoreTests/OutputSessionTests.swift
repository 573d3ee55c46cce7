import Foundation
@testable import MosaicCore
import Testing

@Suite("output sessions: files stream in, the site appears all at once or not at all")
struct OutputSessionTests {
    private func file(_ path: String, _ text: String) throws -> OutputFile {
        OutputFile(path: try #require(OutputPath(components: path.split(separator: "/").map(String.init))), contents: Data(text.utf8))
    }

    @Test("memory: nothing is visible before commit, a discarded session leaves the last site")
    func memory() throws {
        let sink = MemoryOutputSink()
        let first = try sink.begin()
        first.write([try file("a/index.html", "one")])
        #expect(sink.paths.isEmpty)
        try first.commit()
        let second = try sink.begin()
        second.write([try file("b/index.html", "two")])
        second.discard()
        #expect(sink.paths.map(\.rawValue) == ["a/index.html"])
    }

    @Test("disk: files written from many tasks, the first write of a path wins, commit swaps the folder in")
    func disk() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mosaic-session-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("public")
        let sink = DiskOutputSink(target: target)
        let session = try sink.begin()
        let files = try (0..<200).map { try file("section/page-\($0)/index.html", "page \($0)") }
        await withTaskGroup(of: Void.self) { group in
            for chunk in stride(from: 0, to: files.count, by: 50) {
                let part = Array(files[chunk..<(chunk + 50)])
                group.addTask { session.write(part) }
            }
        }
        session.write([try file("section/page-0/index.html", "a later duplicate")])
        #expect(!FileManager.default.fileExists(atPath: target.path), "nothing at the target before commit")
        try session.commit()
        #expect(try String(contentsOf: target.appendingPathComponent("section/page-0/index.html"), encoding: .utf8) == "page 0")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.appendingPathComponent("section").path).count == 200)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["public"], "no staging folder left")

        let failed = try sink.begin()
        failed.write([try file("other/index.html", "x")])
        failed.discard()
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("other").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["public"])
    }
}
