import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// The listing as one JSON object: `{"finding_count": N, "lead_count": N, "leads": [...]}`, each
/// lead with its projects, their submissions and the findings; keys sorted, so the output is
/// byte-for-byte the same for the same dataset.
public struct OpenFindingsJSONWriter: OpenFindingsWriter {
    public static let identifier = "json"

    /// The JSON writer.
    public init() {}

    public func write(_ leads: [LeadFindings]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let listing = Listing(leads: leads, leadCount: leads.count, findingCount: leads.reduce(0) { $0 + $1.findingCount })
        // Encoding plain strings, integers and optionals cannot fail.
        guard let data = try? encoder.encode(listing) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private struct Listing: Encodable {
        var leads: [LeadFindings]
        var leadCount: Int
        var findingCount: Int

        enum CodingKeys: String, CodingKey {
            case leads, leadCount = "lead_count", findingCount = "finding_count"
        }
    }
}
