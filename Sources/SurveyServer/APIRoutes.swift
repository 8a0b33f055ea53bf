import Foundation
import Hummingbird
import NIOCore
import SurveyModel
import SurveyStore

/// `POST /api/v1/submissions`: the link's token as `Authorization: Bearer`, the questionnaire
/// XML as the body, the receipt as the answer (201 accepted, 200 unchanged, 422 rejected,
/// 409 conflict, 403 another project's or round's document); 401 and 413 answer with an error
/// object instead, since nothing was read.
struct APIRoutes {
    let door: FrontDoor

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/v1/submissions") { request, _ -> Response in
            try await submit(request)
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private func submit(_ request: Request) async throws -> Response {
        guard let token = bearerToken(request) else {
            return error(.unauthorized, "no link token: send it as Authorization: Bearer TOKEN",
                         "intet link-token: send det som Authorization: Bearer TOKEN", authenticate: true)
        }
        let link: SubmissionLink
        switch try door.preCheckedLink(token: token) {
        case .success(let found):
            link = found
        case .failure(let refusal):
            return refused(refusal)
        }
        if let wait = await door.limiter.admit(link.id) {
            return error(.tooManyRequests, "too many submissions with this link; try again in \(wait) s",
                         "for mange indsendelser med dette link; prøv igen om \(wait) s",
                         headers: [.retryAfter: String(wait)])
        }
        let limit = door.settings.maxBytes
        guard let body = try await body(of: request, limit: limit) else {
            let size = request.headers[.contentLength].flatMap(Int.init)
            let sizeText = size.map { " (\(sizeWords($0)) sent)" } ?? ""
            let sizeDanish = size.map { " (\(sizeWords($0)) sendt)" } ?? ""
            return error(.contentTooLarge, "the questionnaire is larger than the limit of \(sizeWords(limit))\(sizeText)",
                         "spørgeskemaet er større end grænsen på \(sizeWords(limit))\(sizeDanish)",
                         limit: limit, size: size)
        }
        let submitted: FrontDoor.Submitted
        do {
            submitted = try await door.submit(Array(buffer: body), via: .api, link: link)
        } catch let refusal as LinkRefusal {
            // Revoked or expired after the check above: nothing was stored.
            return refused(refusal)
        }
        return .json(HTTPResponse.Status(code: submitted.status), submitted.json,
                     headers: [.location: "/lead/receipts/\(submitted.receipt.receiptId)"])
    }

    /// The 401 for a token that opens nothing.
    private func refused(_ refusal: LinkRefusal) -> Response {
        let (english, danish) = switch refusal {
        case .unknown: ("this link token is unknown", "dette link-token er ukendt")
        case .revoked: ("this link has been revoked; ask the analysts for a new one", "dette link er tilbagekaldt; bed analytikerne om et nyt")
        case .expired: ("this link has expired; ask the analysts for a new one", "dette link er udløbet; bed analytikerne om et nyt")
        }
        return error(.unauthorized, english, danish, authenticate: true)
    }

    private func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    private func error(_ status: HTTPResponse.Status, _ english: String, _ danish: String, authenticate: Bool = false,
                       headers: HTTPFields = [:], limit: Int? = nil, size: Int? = nil) -> Response {
        var fields = headers
        if authenticate { fields[.wwwAuthenticate] = "Bearer" }
        let object = APIError(error: english, errorDa: danish, limitBytes: limit, sizeBytes: size)
        // Strings and numbers only: encoding cannot fail.
        let body = (try? Self.encoder.encode(object)).map { [UInt8]($0) } ?? Array("{}".utf8)
        return .json(status, body, headers: fields)
    }
}

/// What the API answers when it read nothing (401, 413, 429): the error in English and Danish.
struct APIError: Encodable {
    var error: String
    var errorDa: String
    var limitBytes: Int?
    var sizeBytes: Int?
}
