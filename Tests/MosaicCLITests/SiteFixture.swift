import Foundation
import Testing

/// A copy of a fixture site in a fresh temporary folder, and a way to run `mosaic` on it.
struct SiteFixture {
    let root: URL

    static let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `mosaic` binary built next to the test bundle.
    static var executable: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mosaic")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return repositoryRoot.appendingPathComponent(".build/debug/mosaic")
    }

    /// Copies `Fixtures/<name>` into a new temporary folder.
    init(copying name: String) throws {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("mosaic-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        root = temporary.appendingPathComponent(name)
        try FileManager.default.copyItem(at: SiteFixture.fixturesFolder.appendingPathComponent(name), to: root)
    }

    /// Copies the bundled hub (`content/`, `i18n/`, `templates/`, `mosaic.yml`) into a new temporary folder.
    init(copyingBundledHub: Void) throws {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("mosaic-tests-\(UUID().uuidString)")
        root = temporary.appendingPathComponent("hub")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["content", "i18n", "templates", "mosaic.yml"] {
            try FileManager.default.copyItem(at: SiteFixture.repositoryRoot.appendingPathComponent(item),
                                             to: root.appendingPathComponent(item))
        }
    }

    var output: URL { root.appendingPathComponent("public") }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let url = url(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    struct RunResult {
        var status: Int32
        var stdout: String
        var stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// Runs `mosaic ARGS` with the fixture as the working directory.
    @discardableResult
    func run(_ arguments: [String]) throws -> RunResult {
        let process = Process()
        process.executableURL = SiteFixture.executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a chatty build cannot fill a pipe and block.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Every file under `folder` with its bytes, to compare whole trees.
    static func snapshot(of folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return result
        }
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            result[relative] = try? Data(contentsOf: url)
        }
        return result
    }

    func remove() {
        try? FileManager.default.removeItem(at: root.deletingLastPathComponent())
    }
}
