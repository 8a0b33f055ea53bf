import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyService
@testable import SurveyServer

/// A dataset with round 2022 (statusreport-2) open for two projects, a link each, and the
/// front door over it, run in process.
struct ServerFixture {
    static let pipeline: IntakePipeline = {
        do {
            return try IntakePipeline.load(registry: try QuestionnaireRegistry.shipped())
        } catch {
            fatalError("the shipped registry does not load: \(error)")
        }
    }()

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: repository.appendingPathComponent("samples").appendingPathComponent(name)))
    }

    let directory: URL
    let door: FrontDoor
    /// The token of each project's link.
    let tokens: [String: String]
    let logs: LogLines

    init(now: @escaping @Sendable () -> String = { "2022-11-01T10:00:00Z" }, maxBytes: Int = SubmissionValidator.defaultMaxBytes,
         perMinute: Int = 100, analystToken: String? = "analyst-secret-0123456789") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString)")
        let store = try IntakeStore(directory: directory)
        let roster = [
            RosterEntry(projectId: "SP-2020-001", title: "Projekt et", authority: "Odense Kommune", authorityType: "municipality",
                        leadName: "Anne Leder", leadEmail: "anne@example.dk"),
            RosterEntry(projectId: "SP-2020-002", title: "Projekt to", authority: "Region Syddanmark", authorityType: "region",
                        leadName: "Bo Leder", leadEmail: "bo@example.dk"),
        ]
        let round = Round(year: 2022, format: "statusreport-2", deadline: "2022-11-30", openedAt: "2022-10-01T00:00:00Z")
        try store.open(round, roster: roster, replace: false)
        let outcome = try SubmissionLinks.issue(store: store, round: round, expiresAt: "2022-12-14T23:59:59Z",
                                                baseURL: "http://test", reissue: false, now: "2022-10-01T00:00:00Z")
        tokens = Dictionary(uniqueKeysWithValues: outcome.issued.map { ($0.projectId, String($0.url.dropFirst("http://test/r/".count))) })
        door = try FrontDoor(settings: .init(dataset: directory, analystToken: analystToken, submissionsPerMinute: perMinute,
                                             maxBytes: maxBytes, now: now),
                             pipeline: Self.pipeline)
        logs = LogLines()
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let lines = logs
        let logger = Logger(label: "test") { _ in CapturingHandler(lines: lines) }
        let app = Application(router: FrontDoorServer.router(door, logger: logger))
        try await app.test(.router, body)
    }

    func store() throws -> IntakeStore { try IntakeStore(directory: directory) }

    /// Issues `project` a new link, revoking its earlier one, as `links --reissue` would from another process.
    func reissueLink(of project: String) throws {
        let store = try store()
        guard let round = try store.rounds().first else { throw FixtureError("the fixture has no round") }
        _ = try SubmissionLinks.issue(store: store, round: round, expiresAt: "2022-12-14T23:59:59Z", baseURL: "http://test",
                                      reissue: true, now: "2022-10-02T00:00:00Z", only: [project])
    }
}

/// The log lines written during a test, to check what never reaches a log.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var all: [String] { lock.withLock { stored } }
}

struct CapturingHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
             function: String, line: UInt) {
        lines.append("\(level) \(message) \(metadata ?? [:]) \(self.metadata)")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var cookie: String? {
        headers[.setCookie].flatMap { $0.split(separator: ";").first.map(String.init) }
    }
    func receipt() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}

extension TestClientProtocol {
    /// Opens a lead's link and returns the session cookie (`name=value`).
    func openLink(_ token: String) async throws -> String {
        let response = try await execute(uri: "/r/\(token)", method: .get)
        guard response.status == .seeOther, let cookie = response.cookie else {
            throw FixtureError("opening the link answered \(response.status)")
        }
        return cookie
    }

    /// The CSRF token on the lead's page.
    func csrf(cookie: String) async throws -> String {
        let page = try await execute(uri: "/lead", method: .get, headers: [.cookie: cookie]).text
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { throw FixtureError("no CSRF field on the page") }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    func post(_ uri: String, form fields: [(String, String)], cookie: String) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
        return try await execute(uri: uri, method: .post,
                                 headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: body))
    }

    func upload(_ bytes: [UInt8], csrf: String?, cookie: String) async throws -> TestResponse {
        let boundary = "----survey-intake-test-boundary"
        var body = ByteBuffer()
        if let csrf {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.xml\"\r\nContent-Type: application/xml\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await execute(uri: "/lead/upload", method: .post,
                                 headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    func api(_ bytes: [UInt8], token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/xml"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: "/api/v1/submissions", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
