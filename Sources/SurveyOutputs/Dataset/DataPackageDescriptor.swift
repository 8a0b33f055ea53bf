import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore

/// `datapackage.json`: a Frictionless Tabular Data Package describing the CSV exports —
/// field names, types, enums, required fields, primary and foreign keys — built from the same
/// `ExportTable` definitions that write the CSV files.
struct DataPackageDescriptor: Encodable {
    let profile = "tabular-data-package"
    let name = "survey-intake-dataset"
    let title = "AI signature projects: status reports, normalised"
    let description = "Submissions, challenges, mitigations, completeness flags and rejected files, written by survey-intake. "
        + "A text cell that would start with =, +, - or @ (after white space), a tab or a carriage return has a single quote "
        + "put in front, so that spreadsheets show it as text (intake.sqlite keeps the text exactly)."
    let resources: [Resource]

    init(tables: [ExportTable], dialect: CSVDialect) {
        resources = tables.map { Resource(table: $0, dialect: dialect) }
    }

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    struct Resource: Encodable {
        let name: String
        let title: String
        let path: String
        let profile = "tabular-data-resource"
        let format = "csv"
        let mediatype = "text/csv"
        let encoding: String
        let dialect: Dialect
        let schema: Schema

        init(table: ExportTable, dialect csv: CSVDialect) {
            name = table.name
            title = table.title
            path = "csv/\(table.name).csv"
            encoding = csv.byteOrderMark.isEmpty ? "utf-8" : "utf-8-sig"
            dialect = Dialect(delimiter: String(UnicodeScalar(csv.delimiter)))
            schema = Schema(
                fields: table.columns.map { Field(column: $0, decimalChar: csv.decimalSeparator) },
                primaryKey: table.primaryKey,
                foreignKeys: table.foreignKeys.map {
                    ForeignKey(fields: $0.fields, reference: .init(resource: $0.resource, fields: $0.reference))
                })
        }
    }

    struct Dialect: Encodable {
        let delimiter: String
        let doubleQuote = true
        let header = true
        let lineTerminator = "\r\n"
        let quoteChar = "\""
    }

    struct Schema: Encodable {
        let fields: [Field]
        let primaryKey: [String]
        let foreignKeys: [ForeignKey]
        let missingValues = [""]
    }

    struct Field: Encodable {
        let name: String
        let type: String
        let description: String
        let constraints: Constraints?
        let decimalChar: String?

        init(column: ExportColumn, decimalChar separator: String) {
            name = column.name
            type = column.kind.rawValue
            description = column.description
            decimalChar = column.kind == .number && separator != "." ? separator : nil
            let constraints = Constraints(
                required: column.required ? true : nil, enum: column.values,
                minimum: column.minimum.map(Bound.init), maximum: column.maximum.map(Bound.init))
            self.constraints = constraints.isEmpty ? nil : constraints
        }
    }

    struct Constraints: Encodable {
        let required: Bool?
        let `enum`: [String]?
        let minimum: Bound?
        let maximum: Bound?

        var isEmpty: Bool { required == nil && `enum` == nil && minimum == nil && maximum == nil }
    }

    /// A bound written as an integer when it is one (Frictionless compares it with the field's type).
    struct Bound: Encodable {
        let value: Double

        init(_ value: Double) {
            self.value = value
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            if value == value.rounded() { try container.encode(Int(value)) } else { try container.encode(value) }
        }
    }

    struct ForeignKey: Encodable {
        let fields: [String]
        let reference: Reference

        struct Reference: Encodable {
            let resource: String
            let fields: [String]
        }
    }
}
