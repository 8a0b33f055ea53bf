import SurveyModel

extension QuestionnaireForm {
    /// The most UTF-8 bytes one answer may have: below libxml2's limit on one text node
    /// (10,000,000 bytes without XML_PARSE_HUGE), so a long answer is a FormError, never a
    /// document the parser refuses.
    public static let maxAnswerBytes = 1_000_000

    /// The statusreport-2 document of `answers`, for the project and round of the lead's link.
    ///
    /// Elements come in the XSD's order; text is escaped (`&`, `<`, `>`; `"` too in attributes)
    /// and CR, LF and tab are written as character references where a parser would otherwise
    /// change them, so every answer reads back as typed. Blank answers are left out, so a
    /// blank required answer is a completeness finding (incomplete), never a rejection. Trailing
    /// challenge blocks left wholly blank, and blank mitigation blocks, are not written.
    ///
    ///     let bytes = try form.document(answers, projectId: "SP-2020-007", round: 2022,
    ///                                   submissionId: UUID().uuidString, submittedAt: "2022-11-15T14:30:00Z")
    ///
    /// - Throws: `FormError` for a code that is not one of the choices, a character XML 1.0
    ///   forbids, an authority code that is not 3-4 digits, "no challenges" ticked beside
    ///   described challenges, a measure without its kind, an identity (link) that does not
    ///   fit the schema, or a document over `SubmissionValidator.defaultMaxBytes`.
    public func document(_ answers: FormAnswers, projectId: String, round: Int, submissionId: String,
                         submittedAt: String) throws(FormError) -> [UInt8] {
        try Self.checkIdentity(projectId: projectId, round: round, submissionId: submissionId, submittedAt: submittedAt)
        for (field, value) in answers.values.sorted(by: { $0.key < $1.key }) {
            try check(value, field: field)
        }
        var xml = XMLText()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.raw("<StatusReport xmlns=\"\(format.manifest.namespace)\" version=\"\(format.manifest.version)\"")
        xml.attribute("submissionId", submissionId)
        xml.raw(">\n  ")
        xml.element("Round", String(round))
        xml.raw("\n  ")
        xml.element("SubmittedAt", submittedAt)
        xml.raw("\n  <Project")
        xml.attribute("id", projectId)
        xml.raw(">")
        xml.optionalElement("Title", answers["project.title"])
        let authorityType = try code(answers, "project.authorityType")
        let authorityCode = answers["project.authorityCode"]
        if !authorityCode.isEmpty, !Self.isAuthorityCode(authorityCode) {
            throw error("project.authorityCode", english: "is not a code of 3 or 4 digits (such as 461)",
                        danish: "er ikke en kode på 3 eller 4 cifre (fx 461)")
        }
        if !answers["project.authority"].isEmpty || !authorityType.isEmpty || !authorityCode.isEmpty {
            xml.raw("<Authority")
            if !authorityType.isEmpty { xml.attribute("type", authorityType) }
            if !authorityCode.isEmpty { xml.attribute("code", authorityCode) }
            xml.raw(">")
            xml.text(answers["project.authority"])
            xml.raw("</Authority>")
        }
        xml.optionalElement("Domain", try code(answers, "project.domain"))
        xml.optionalElement("Phase", try code(answers, "project.phase"))
        xml.optionalElement("Status", try code(answers, "project.status"))
        xml.raw("</Project>\n")
        if !answers["lead.name"].isEmpty || !answers["lead.email"].isEmpty {
            xml.raw("  <ProjectLead>")
            xml.optionalElement("Name", answers["lead.name"])
            xml.optionalElement("Email", answers["lead.email"])
            xml.raw("</ProjectLead>\n")
        }
        try writeChallenges(answers, to: &xml)
        try writeMitigations(answers, to: &xml)
        xml.optionalElement("OperationsPlan", answers["operationsPlan"], indent: true)
        let flag = answers["usesStateITProjectModel"]
        if !flag.isEmpty {
            guard let value = StatusreportV2Mapping.boolean(flag) else {
                throw error("usesStateITProjectModel", english: "must be yes, no or not answered",
                            danish: "skal være ja, nej eller ubesvaret")
            }
            xml.optionalElement("UsesStateITProjectModel", value, indent: true)
        }
        xml.optionalElement("Comments", answers["comments"], indent: true)
        xml.raw("</StatusReport>\n")
        guard xml.bytes.count <= SubmissionValidator.defaultMaxBytes else {
            throw FormError(
                field: nil,
                messageEnglish: "The answers are too long: the report may be at most \(SubmissionValidator.defaultMaxBytes / 1_048_576) MB.",
                messageDanish: "Svarene er for lange: rapporten må højst fylde \(SubmissionValidator.defaultMaxBytes / 1_048_576) MB.")
        }
        return xml.bytes
    }

    private func writeChallenges(_ answers: FormAnswers, to xml: inout XMLText) throws(FormError) {
        let filled = (1...max(answers.challengeCount, 1)).filter { index in
            index <= answers.challengeCount
                && FormAnswers.challengeLeaves.contains { !answers["challenges[\(index)].\($0)"].isEmpty }
        }
        if answers.noChallenges {
            if let first = filled.first {
                throw FormError(
                    field: "noChallenges",
                    messageEnglish: "You ticked \"No challenges this year\" but also described challenge \(first): untick it or remove the challenge.",
                    messageDanish: "Du har sat kryds i \"Ingen udfordringer i år\", men også beskrevet udfordring \(first): fjern krydset eller udfordringen.")
            }
            xml.raw("  <Challenges><NoChallenges/></Challenges>\n")
            return
        }
        guard let last = filled.last else { return }
        xml.raw("  <Challenges>\n")
        for index in 1...last {
            let prefix = "challenges[\(index)]."
            xml.raw("    <Challenge")
            for (attribute, leaf) in [("category", "code"), ("severity", "severity"), ("resolved", "resolved")] {
                let value = try code(answers, prefix + leaf)
                if !value.isEmpty { xml.attribute(attribute, value) }
            }
            xml.raw(">")
            xml.optionalElement("OtherCategory", answers[prefix + "label"])
            xml.optionalElement("Description", answers[prefix + "description"])
            xml.optionalElement("Mitigation", answers[prefix + "mitigation"])
            xml.raw("</Challenge>\n")
        }
        xml.raw("  </Challenges>\n")
    }

    private func writeMitigations(_ answers: FormAnswers, to xml: inout XMLText) throws(FormError) {
        guard answers.mitigationCount >= 1 else { return }
        var written = false
        for index in 1...answers.mitigationCount {
            let kind = try code(answers, "mitigations[\(index)].code")
            let text = answers["mitigations[\(index)].text"]
            if kind.isEmpty, text.isEmpty { continue }
            if kind.isEmpty {
                throw error("mitigations[\(index)].code", english: "is not chosen; choose the kind of measure",
                            danish: "er ikke valgt; vælg typen af tiltag")
            }
            if !written { xml.raw("  <Mitigations>\n") }
            written = true
            xml.raw("    <Mitigation")
            xml.attribute("code", kind)
            xml.raw(">")
            xml.text(text)
            xml.raw("</Mitigation>\n")
        }
        if written { xml.raw("  </Mitigations>\n") }
    }

    /// The code answered at `field` (concrete path), "" when blank; a FormError when it is not
    /// one of the field's choices.
    private func code(_ answers: FormAnswers, _ field: String) throws(FormError) -> String {
        let value = answers[field]
        guard !value.isEmpty else { return "" }
        let choices = options[Self.pattern(of: field)] ?? []
        guard choices.contains(where: { $0.code == value }) else {
            throw error(field, english: "\"\(Self.shortened(value))\" is not one of the choices",
                        danish: "\"\(Self.shortened(value))\" er ikke et af valgene")
        }
        return value
    }

    private func check(_ value: String, field: String) throws(FormError) {
        if value.utf8.count > Self.maxAnswerBytes {
            throw error(field, english: "is too long (at most \(Self.maxAnswerBytes) bytes)",
                        danish: "er for langt (højst \(Self.maxAnswerBytes) byte)")
        }
        for scalar in value.unicodeScalars where !Self.isXMLCharacter(scalar) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            throw error(field, english: "contains a character that cannot be stored (\(code)); remove it",
                        danish: "indeholder et tegn, der ikke kan gemmes (\(code)); fjern det")
        }
    }

    private func error(_ field: String, english: String, danish: String) -> FormError {
        let question = questionsByField[Self.pattern(of: field)]
        let item = FormAnswers.item(field).map { $0.index }
        let english = "\(question?.labelEnglish ?? field)\(item.map { " (item \($0))" } ?? ""): \(english)."
        let danish = "\(question?.labelDanish ?? field)\(item.map { " (nr. \($0))" } ?? ""): \(danish)."
        return FormError(field: field, messageEnglish: english, messageDanish: danish)
    }

    /// `challenges[2].code` → `challenges[N].code`.
    static func pattern(of field: String) -> String {
        guard let item = FormAnswers.item(field) else { return field }
        return "\(item.collection)[N].\(item.leaf)"
    }

    static func shortened(_ value: String) -> String {
        value.count > 40 ? String(value.prefix(40)) + "…" : value
    }

    /// XML 1.0's Char: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000 and above.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// xs:token of 3-4 digits: XML white space around it is allowed (the schema collapses it).
    static func isAuthorityCode(_ value: String) -> Bool {
        let digits = value.utf8.drop { isXMLSpace($0) }.reversed().drop { isXMLSpace($0) }
        return (3...4).contains(digits.count) && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x9 || byte == 0xA || byte == 0xD
    }

    /// The link's identity must fit the schema, or the document would be rejected.
    static func checkIdentity(projectId: String, round: Int, submissionId: String, submittedAt: String) throws(FormError) {
        func matches(_ value: String, _ shape: String) -> Bool {
            // shape: 9 digit, h hex, anything else literal
            let bytes = Array(value.utf8)
            let pattern = Array(shape.utf8)
            guard bytes.count == pattern.count else { return false }
            return zip(bytes, pattern).allSatisfy { byte, want in
                switch want {
                case UInt8(ascii: "9"): return byte >= 0x30 && byte <= 0x39
                case UInt8(ascii: "h"): return (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
                default: return byte == want
                }
            }
        }
        let identity: [(String, Bool)] = [
            ("project.id", matches(projectId, "SP-9999-99") || matches(projectId, "SP-9999-999")),
            ("round", (1000...9999).contains(round)),
            ("submissionId", matches(submissionId, "hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh")),
            ("submittedAt", matches(submittedAt, "9999-99-99T99:99:99Z") || matches(submittedAt, "9999-99-99T99:99:99")),
        ]
        if let (field, _) = identity.first(where: { !$0.1 }) {
            throw FormError(field: field,
                            messageEnglish: "The link to the form is not valid (\(field)); ask the secretariat for a new one.",
                            messageDanish: "Linket til skemaet er ikke gyldigt (\(field)); bed sekretariatet om et nyt.")
        }
    }
}

/// The document being written, as UTF-8.
struct XMLText {
    var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Character data: `&`, `<`, `>` escaped; CR as `&#13;` (a parser turns a bare CR into LF).
    mutating func text(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case 0xD: raw("&#13;")
            default: bytes.append(byte)
            }
        }
    }

    /// ` name="value"`, with `"` escaped too, and tab, LF and CR as references (a parser
    /// turns bare ones into spaces in an attribute).
    mutating func attribute(_ name: String, _ value: String) {
        raw(" \(name)=\"")
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\""): raw("&quot;")
            case 0x9: raw("&#9;")
            case 0xA: raw("&#10;")
            case 0xD: raw("&#13;")
            default: bytes.append(byte)
            }
        }
        raw("\"")
    }

    mutating func element(_ name: String, _ value: String) {
        raw("<\(name)>")
        text(value)
        raw("</\(name)>")
    }

    /// The element when `value` is not blank; nothing otherwise.
    mutating func optionalElement(_ name: String, _ value: String, indent: Bool = false) {
        guard !value.isEmpty else { return }
        if indent { raw("  ") }
        element(name, value)
        if indent { raw("\n") }
    }
}
