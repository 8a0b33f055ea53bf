import Foundation

/// What a submitter is told at once about one submission: accepted, unchanged (the same content
/// was stored before) or rejected, with every finding. The HTTP API's answer body and what
/// `IntakeService.submit` returns.
public struct Receipt: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case accepted, unchanged, rejected
    }

    public var receiptId: String
    public var status: Status
    /// The submission stored (accepted) or found (unchanged); nil when rejected.
    public var submissionId: String?
    /// SHA-256 of the bytes as received; nil when they could not be read.
    public var sha256: String?
    public var projectId: String?
    public var round: Int?
    /// Why it was rejected.
    public var reason: RejectionReason?
    /// answered required questions / required questions, for an accepted submission.
    public var completeness: Double?
    /// The errors of a rejection, or the incomplete answers of an accepted submission.
    public var findings: [Finding]

    public init(receiptId: String, status: Status, submissionId: String?, sha256: String?, projectId: String?,
                round: Int?, reason: RejectionReason?, completeness: Double?, findings: [Finding]) {
        self.receiptId = receiptId
        self.status = status
        self.submissionId = submissionId
        self.sha256 = sha256
        self.projectId = projectId
        self.round = round
        self.reason = reason
        self.completeness = completeness
        self.findings = findings
    }

    enum CodingKeys: String, CodingKey {
        case receiptId = "receipt_id", status, submissionId = "submission_id", sha256, projectId = "project_id", round,
             reason, completeness, findings
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The receipt as JSON (keys sorted, slashes not escaped): encoded once per submission, the
    /// same bytes stored with it and sent to the lead.
    public func json() throws -> [UInt8] {
        [UInt8](try Self.encoder.encode(self))
    }
}

/// A receipt with its JSON, encoded once (`Receipt.json()`).
public struct EncodedReceipt: Sendable, Hashable {
    public var receipt: Receipt
    public var json: [UInt8]

    public init(_ receipt: Receipt) throws {
        self.receipt = receipt
        json = try receipt.json()
    }
}
