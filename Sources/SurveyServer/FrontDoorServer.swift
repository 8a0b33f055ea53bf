import Foundation
import Hummingbird
import Logging
import NIOCore
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyService

/// The routes of `survey-intake serve`:
///
///     GET  /healthz                   200 while the dataset can be read
///     GET  /r/TOKEN                   a lead's link: starts a session, 303 to /lead (the token leaves the address)
///     GET  /lead                      the lead's page: project, round, form, upload, earlier receipts
///     POST /lead/form                 the form: save a draft, add or remove an item, or send
///     POST /lead/upload               an XML file (multipart/form-data)
///     GET  /lead/receipts/ID[.json]   one receipt, as a page or as JSON
///     POST /api/v1/submissions        scripts: Bearer TOKEN, the XML as the body, the receipt as the answer
///     GET  /analyst, /analyst/login   the analysts' view of a round (behind their token)
///     POST /logout
public enum FrontDoorServer {
    static let sessionCookie = "si_session"

    public static func router(_ door: FrontDoor, logger: Logger = Logger(label: "survey-intake.serve")) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: AccessLog(logger: logger))
        router.add(middleware: SecurityHeaders())

        router.get("/healthz") { _, _ -> Response in
            do {
                try door.store.ping()
                return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
            } catch {
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "the dataset cannot be read\n")))
            }
        }
        router.get("/static/site.css") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Pages.styleSheet)))
        }
        router.get("/") { request, _ -> Response in
            let language = language(of: request, default: .danish)
            let words = Pages.Words(language: language)
            return .html(.ok, Pages.message(
                title: words("Indberetning af statusrapporter", "Status report intake"),
                text: words("Åbn linket i den mail, du har fået, for at udfylde eller sende jeres statusrapport.",
                            "Open the link in the mail you received to fill in or send your status report."),
                language: language))
        }

        LeadRoutes(door: door).add(to: router)
        APIRoutes(door: door).add(to: router)
        AnalystRoutes(door: door).add(to: router)

        router.post("/logout") { request, _ -> Response in
            if let id = request.cookies[sessionCookie]?.value { await door.sessions.end(id) }
            return .seeOther("/", headers: [.setCookie: FrontDoorServer.clearedCookie(door)])
        }
        return router
    }

    /// The application `serve` runs: the router on `host:port`, stopped by SIGINT or SIGTERM
    /// after the requests in flight.
    public static func application(_ door: FrontDoor, host: String, port: Int, logger: Logger,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(door, logger: logger),
                    configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
                    logger: logger)
    }

    static func clearedCookie(_ door: FrontDoor) -> String {
        cookieHeader("", door: door, maxAge: 0)
    }

    /// The `Set-Cookie` value that hands a browser its session.
    static func cookieHeader(_ value: String, door: FrontDoor, maxAge: Int? = nil) -> String {
        setCookieValue(sessionCookie, value, secure: door.settings.secureCookies, maxAge: maxAge)
    }
}

/// `?lang=en` or `?lang=da` when given, else `fallback`.
func language(of request: Request, default fallback: PageLanguage) -> PageLanguage {
    request.uri.queryParameters.get("lang").flatMap(PageLanguage.init(rawValue:)) ?? fallback
}

/// The session a request's cookie names, with `?lang=` applied to it.
func session(of request: Request, door: FrontDoor) async -> Session? {
    guard let id = request.cookies[FrontDoorServer.sessionCookie]?.value, var session = await door.sessions.session(id) else { return nil }
    let wanted = language(of: request, default: session.language)
    if wanted != session.language {
        session.language = wanted
        await door.sessions.update(session)
    }
    return session
}

/// Reads a request's body up to `limit` bytes; nil when it is larger (answer 413).
func body(of request: Request, limit: Int) async throws -> ByteBuffer? {
    if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { return nil }
    do {
        return try await request.body.collect(upTo: limit)
    } catch is NIOTooManyBytesError {
        return nil
    }
}

/// The size limit in words, for the 413 page and answer.
func sizeWords(_ bytes: Int) -> String {
    bytes >= 1024 * 1024 ? "\(bytes / (1024 * 1024)) MiB" : bytes >= 1024 ? "\(bytes / 1024) KiB" : "\(bytes) bytes"
}
