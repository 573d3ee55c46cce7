import Foundation
import Hummingbird
import MosaicCore
import ServiceLifecycle

/// `mosaic serve`: builds into memory, serves on loopback, rebuilds on every save and reloads
/// open pages through Server-Sent Events; a failed build shows its diagnostics instead of the site.
/// It never writes to the output folder.
public struct DevServer: Sendable {
    public let options: BuildOptions
    public let host: String
    public let port: Int

    public init(options: BuildOptions, host: String, port: Int) {
        self.options = options
        self.host = host
        self.port = port
    }

    static let eventsPath = "/__mosaic/events"
    static let reloadScript = """
    <script>(function(){var s=new EventSource("\(eventsPath)");s.addEventListener("reload",function(){location.reload();});})();</script>
    """

    /// Builds once, then serves until interrupted (Ctrl-C stops it cleanly).
    public func run(onReady: @escaping @Sendable (String) -> Void, onBuild: @escaping @Sendable (BuildReport) -> Void) async throws {
        let state = SiteState()
        let watcher = SourceWatcher(root: options.sourceFolder, folders: ["content", "templates", "i18n", "static"],
                                    files: [SiteConfig.fileName])
        let first = await BuildPipeline.build(options, to: state.sink)
        await state.finished(first)
        onBuild(first)

        let router = Router()
        router.get(RouterPath(DevServer.eventsPath)) { _, _ -> Response in
            let updates = await state.subscribe()
            let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: ": connected\n\n"))
                // Open event streams must not hold up Ctrl-C: end them when shutdown begins.
                try await withGracefulShutdownHandler {
                    for await generation in updates {
                        try await writer.write(ByteBuffer(string: "event: reload\ndata: \(generation)\n\n"))
                    }
                } onGracefulShutdown: {
                    Task { await state.finishAll() }
                }
                try await writer.finish(nil)
            })
        }
        router.get("**") { request, _ -> Response in
            await respond(to: request.uri.path, state: state)
        }
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "mosaic"),
                              onServerRunning: { _ in onReady("http://\(host):\(port)/") })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var last = watcher.fingerprint()
                while !Task.isCancelled {
                    try await Task.sleep(for: .milliseconds(200))
                    let current = watcher.fingerprint()
                    guard current != last else { continue }
                    last = current
                    let report = await BuildPipeline.build(options, to: state.sink)
                    await state.finished(report)
                    onBuild(report)
                }
            }
            group.addTask {
                try await app.runService()
                await state.finishAll()
            }
            // The server returns on Ctrl-C; stop watching then.
            _ = try await group.next()
            group.cancelAll()
        }
    }

    private func respond(to path: String, state: SiteState) async -> Response {
        let sink = state.sink
        let resolved = ServePath.resolve(path) { sink.contents(of: $0) != nil }
        switch resolved {
        case .rejected:
            return Response(status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: "Bad request\n")))
        case .redirect(let location):
            return Response(status: .movedPermanently, headers: [.location: location])
        case .notFound:
            if let failure = await state.failure { return errorResponse(failure) }
            let page = OutputPath(components: ["404.html"]).flatMap { sink.contents(of: $0) } ?? Data("Not found\n".utf8)
            return html(page, status: .notFound)
        case .file(let file):
            let isHTML = file.fileName.hasSuffix(".html")
            if isHTML, let failure = await state.failure { return errorResponse(failure) }
            guard let data = sink.contents(of: file) else { return Response(status: .notFound) }
            if isHTML { return html(data, status: .ok) }
            return Response(status: .ok, headers: [.contentType: ContentTypes.forPath(file.rawValue), .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    private func errorResponse(_ report: BuildReport) -> Response {
        html(Data(ErrorPage.html(for: report, siteRoot: options.sourceFolder).utf8), status: .internalServerError)
    }

    /// HTML with the live-reload script injected before `</body>` (serve mode only).
    private func html(_ data: Data, status: HTTPResponse.Status) -> Response {
        var text = String(decoding: data, as: UTF8.self)
        if let end = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: DevServer.reloadScript, at: end.lowerBound)
        } else {
            text += DevServer.reloadScript
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Content types for the files a site contains.
enum ContentTypes {
    static func forPath(_ path: String) -> String {
        switch path.split(separator: ".").last?.lowercased() ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "csv": "text/csv; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }
}
