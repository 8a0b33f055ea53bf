import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Headers every answer carries: no page may be framed, sniffed, or tell another site where
/// the reader came from (a lead's page once had a token in its address), and pages load only
/// the server's own style sheet.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// One log line per request: method, path, status, milliseconds. A lead's token never reaches
/// the log: `/r/TOKEN` is written `/r/…`, and no query string or header is written at all.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let path = Self.loggable(request.uri.path)
        do {
            let response = try await next(request, context)
            log(request, path, response.status.code, start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, path, status, start)
            throw error
        }
    }

    private func log(_ request: Request, _ path: String, _ status: Int, _ start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        // Tenths by hand: String(format: "%.1f") cost about as much as the rest of the log line.
        let tenths = Int((milliseconds * 10).rounded())
        logger.info("\(request.method.rawValue) \(path) \(status) \(tenths / 10).\(tenths % 10) ms")
    }

    /// The path with a link's token replaced.
    static func loggable(_ path: String) -> String {
        path.hasPrefix("/r/") ? "/r/…" : path
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}

extension Response {
    static func html(_ status: HTTPResponse.Status, _ page: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func json(_ status: HTTPResponse.Status, _ body: [UInt8], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// 303 See Other: after a post, the browser asks for `location` with a GET.
    static func seeOther(_ location: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = location
        return Response(status: .seeOther, headers: fields)
    }
}

/// `application/x-www-form-urlencoded` as name–value pairs, in order; pairs that do not decode
/// are left out. Linear in the body's length.
func formFields(_ body: ByteBuffer) -> [(name: String, value: String)] {
    let text = String(buffer: body)
    return text.split(separator: "&", omittingEmptySubsequences: true).compactMap { pair in
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        func decode(_ part: Substring) -> String? {
            String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        guard let name = decode(parts[0]) else { return nil }
        let value = parts.count > 1 ? decode(parts[1]) : ""
        return value.map { (name, $0) }
    }
}

/// A `Set-Cookie` value: HttpOnly and SameSite=Lax always (Lax, not Strict: the lead arrives
/// from a link in their mail, and the redirect that follows must carry the cookie), Secure
/// behind TLS.
func setCookieValue(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> String {
    var cookie = "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax"
    if let maxAge { cookie += "; Max-Age=\(maxAge)" }
    if secure { cookie += "; Secure" }
    return cookie
}
