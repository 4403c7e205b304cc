import Foundation
import Hummingbird
import Logging
import OmbudApp
import OmbudCore
import OmbudDemo
import OmbudTesting
import Testing

/// A Discourse forum crawled through its JSON API, end to end.
@Suite struct DiscourseCrawlTests {
    static let fixtures = TestProject.repository.appendingPathComponent("Tests/OmbudExtractTests/Fixtures/discourse")

    @Test func topicsAndTheirPagesAreCrawledAndTriaged() async throws {
        let router = Router()
        router.get("**") { request, _ -> Response in
            let path = request.uri.path
            let page = request.uri.queryParameters["page"].map(String.init)
            let file: String? = switch (path, page) {
            case ("/latest.json", nil): "latest.json"
            case ("/t/lift-in-building-3-broken-again-neighbour-trapped/5.json", nil): "t-5.json"
            case ("/t/lift-in-building-3-broken-again-neighbour-trapped/5.json", "2"): "t-5-page2.json"
            case ("/t/topic/7.json", nil): "t-7.json"
            default: nil
            }
            guard let file, let data = FileManager.default.contents(atPath: Self.fixtures.appendingPathComponent(file).path) else {
                return Response(status: .notFound)
            }
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        let server = try await HTTPServer.start(router, host: "127.0.0.1", port: 0, logger: Logger(label: "discourse"))
        let project = try TestProject()
        defer { project.remove() }
        try project.configure {
            $0.sources[0].baseURL = "http://127.0.0.1:\(server.port)/"
            $0.sources[0].site = "discourse"
            $0.sources[0].boards = [.init(id: "latest", name: "Latest", path: "latest.json")]
        }

        let runtime = try Runtime.open(root: project.root, database: project.database, clock: FixedClock(DemoForumTime.reference),
                                       logger: Logger(label: "test"))
        let report = try await runtime.pipeline.crawl(try #require(runtime.workspace.configuration.sources.first))
        await server.stop()
        // latest.json's next page (page=1) is not served: one error, everything else read.
        #expect(report.errors.count == 1 && report.errors[0].contains("latest.json?no_definitions=true&page=1"))
        #expect(report.newPosts == 4)
        try runtime.pipeline.process()
        let cases = try runtime.store.cases()
        #expect(cases.contains { $0.id == "demo-40" && $0.flags.contains(.mediaThreat) })
    }
}
