import Foundation
import SurveyModel
import SurveyXML

/// Turns libxml2's messages into words a project lead understands: which element, what it
/// holds, and what was expected (from the format manifest's `expected` hints).
///
///     Element '{urn:…}Alvorlighed': '7' is not a valid value of the union type 'Alvorlighed'.
/// becomes
///
///     <Alvorlighed> has the value "7"; expected a whole number from 1 (minor) to 5 (critical), or left empty
///
/// Messages it does not recognise keep libxml2's words, with namespaces stripped.
enum ValidationMessage {
    /// The message in English, or in Danish when `danish` (the same facts: element, value,
    /// what is expected; libxml2's own words after "XML-fejl:" where it has no Danish form).
    static func describe(_ diagnostic: XMLDiagnostic, manifest: FormatManifest?, danish: Bool = false) -> String {
        let say = Say(danish: danish)
        switch diagnostic.stage {
        case .parsing: return describeParseError(diagnostic, say)
        case .validation, .schemaCompilation: return describeSchemaError(diagnostic, manifest: manifest, say)
        }
    }

    /// The English or the Danish of a message, as `danish` says.
    struct Say {
        let danish: Bool

        func callAsFunction(_ english: @autoclosure () -> String, _ danish: @autoclosure () -> String) -> String {
            self.danish ? danish() : english()
        }

        /// A value quoted: "7" in English, «7» in Danish.
        func quoted(_ value: String) -> String {
            self("\"\(excerpt(value))\"", "«\(excerpt(value))»")
        }

        /// "one of a, b" / "ét af a, b"; the name alone when there is one.
        func oneOf(_ names: [String]) -> String {
            names.count > 1 ? self("one of ", "ét af ") + names.joined(separator: ", ") : names.joined()
        }

        /// libxml2's words, unchanged in English, after "XML-fejl: " in Danish.
        func libxml2(_ words: String) -> String {
            self(words, "XML-fejl: \(words)")
        }
    }

    // MARK: Well-formedness

    private static func describeParseError(_ diagnostic: XMLDiagnostic, _ say: Say) -> String {
        let message = diagnostic.message
        switch diagnostic.code {
        case XMLErrorCode.doctypeRefused:
            return say("the file declares a DOCTYPE; submissions may not carry a DTD or entity declarations, "
                + "so the file is refused unread",
                "filen erklærer en DOCTYPE; en besvarelse må ikke indeholde en DTD eller entitetserklæringer, "
                + "så filen afvises ulæst")
        case XMLErrorCode.documentEmpty:
            return say("this is not an XML document: no start tag was found",
                       "dette er ikke et XML-dokument: der er intet starttag")
        case XMLErrorCode.tagNameMismatch:
            // Opening and ending tag mismatch: Titel line 7 and Title
            let parts = captures(message, after: "Opening and ending tag mismatch: ", separators: [" line ", " and "])
            if parts.count == 3 {
                return say("the end tag </\(parts[2])> does not match the start tag <\(parts[0])> opened on line \(parts[1])",
                           "sluttagget </\(parts[2])> passer ikke til starttagget <\(parts[0])>, der blev åbnet i linje \(parts[1])")
            }
        case XMLErrorCode.tagNotFinished:
            // Premature end of data in tag Projekt line 5
            let parts = captures(message, after: "Premature end of data in tag ", separators: [" line "])
            if parts.count == 2 {
                return say("the file ends before <\(parts[0])> (opened on line \(parts[1])) is closed",
                           "filen slutter, før <\(parts[0])> (åbnet i linje \(parts[1])) er lukket")
            }
        case XMLErrorCode.entityRefSemicolonMissing:
            return bareAmpersand(say)
        case XMLErrorCode.nameRequired where message.contains("EntityRef"):
            return bareAmpersand(say)
        case XMLErrorCode.undeclaredEntity:
            return say("\(message): only &amp; &lt; &gt; &quot; &apos; and character references such as &#230; are allowed",
                       "XML-fejl: \(message): kun &amp; &lt; &gt; &quot; &apos; og tegnreferencer som &#230; er tilladt")
        case XMLErrorCode.invalidEncoding, XMLErrorCode.invalidCharacter, XMLErrorCode.unsupportedEncoding:
            if message.hasPrefix("Input is not proper UTF-8") {
                let bytes = message.components(separatedBy: "Bytes:").dropFirst().first?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                return say("the file is not valid UTF-8 (bytes \(bytes)); save it as UTF-8, "
                    + "or declare its real encoding, e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
                    "filen er ikke gyldig UTF-8 (bytes \(bytes)); gem den som UTF-8, "
                    + "eller angiv dens rigtige tegnsæt, fx <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>")
            }
            if let codePoint = between(message, "Char 0x", " out of allowed range") {
                return say("the text contains the character U+\(codePoint), which XML does not allow (a control code or a broken character)",
                           "teksten indeholder tegnet U+\(codePoint), som XML ikke tillader (en styrekode eller et ødelagt tegn)")
            }
        default:
            break
        }
        if message.contains("huge text node") {
            return say("a text is longer than libxml2's limit of 10,000,000 characters",
                       "en tekst er længere end libxml2's grænse på 10.000.000 tegn")
        }
        if message.hasPrefix("Excessive depth in document") {
            return say("elements are nested more than 256 levels deep", "elementerne er indlejret mere end 256 niveauer dybt")
        }
        return say.libxml2(message)
    }

    private static func bareAmpersand(_ say: Say) -> String {
        say("a bare '&' in the text: write it as &amp; (for example \"Data &amp; analyse\")",
            "et enligt '&' i teksten: skriv det som &amp; (for eksempel \"Data &amp; analyse\")")
    }

    /// The pieces of `message` after `prefix`, split at each separator in turn.
    private static func captures(_ message: String, after prefix: String, separators: [String]) -> [String] {
        guard message.hasPrefix(prefix) else { return [] }
        var rest = Substring(message.dropFirst(prefix.count))
        var parts: [String] = []
        for separator in separators {
            guard let range = rest.range(of: separator) else { return [] }
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    // MARK: Schema validity

    private static func describeSchemaError(_ diagnostic: XMLDiagnostic, manifest: FormatManifest?, _ say: Say) -> String {
        if diagnostic.code == XMLErrorCode.tooManyErrors {
            return say("and \(diagnostic.message) errors not listed: only the first \(XMLSchema.errorLimit) errors of a file are kept; "
                + "fix these and validate again to see the rest",
                "og \(diagnostic.message.replacingOccurrences(of: " more", with: "")) fejl mere, som ikke er vist: kun de første "
                + "\(XMLSchema.errorLimit) fejl i en fil gemmes; ret dem og valider igen for at se resten")
        }
        // "Element '{ns}Name', attribute 'a': rest" or "Element '{ns}Name': rest"
        var remainder = Substring(withoutNamespaces(diagnostic.message))
        var element = diagnostic.elementName
        var attribute = diagnostic.attributeName
        if remainder.hasPrefix("Element '") {
            let afterPrefix = remainder.dropFirst("Element '".count)
            if let nameEnd = afterPrefix.firstIndex(of: "'") {
                element = element ?? String(afterPrefix[..<nameEnd])
                var tail = afterPrefix[afterPrefix.index(after: nameEnd)...]
                if tail.hasPrefix(", attribute '"), let attributeEnd = tail.range(of: "': ") {
                    attribute = attribute ?? String(tail.dropFirst(", attribute '".count)[..<attributeEnd.lowerBound])
                    tail = tail[attributeEnd.upperBound...]
                } else if tail.hasPrefix(": ") {
                    tail = tail.dropFirst(2)
                }
                remainder = tail
            }
        }
        let rest = String(remainder)
        let name = "<\(element ?? "?")>"
        let subject = attribute.map { say("the attribute \($0) of \(name)", "attributten \($0) i \(name)") } ?? name
        let hint = manifest?.expectation(element: element, attribute: attribute, danish: say.danish)

        if rest.hasPrefix("This element is not expected.") {
            let named = foreignElement(diagnostic, manifest: manifest, local: element ?? "?", say)
            if let expected = expectedList(in: rest, say) {
                return say("\(named) is not expected here; expected \(expected)", "\(named) hører ikke til her; forventet \(expected)")
            }
            let parent = diagnostic.elementPath?.split(separator: "/").dropLast().last
                .map { "<\($0.split(separator: "[").first ?? $0)>" }
            return say("\(named) is not expected here: \(parent ?? "its parent") has no such element at this place",
                       "\(named) hører ikke til her: \(parent ?? "elementet omkring det") har ikke et sådant element på dette sted")
        }
        if rest.hasPrefix("Missing child element(s).") {
            if let expected = expectedList(in: rest, say) {
                return say("\(name) is incomplete: the required \(expected) is missing",
                           "\(name) er ufuldstændigt: \(expected) mangler")
            }
            return say("\(name) is missing required elements", "\(name) mangler påkrævede elementer")
        }
        if let missing = between(rest, "The attribute '", "' is required but missing") {
            let what = manifest?.expectation(element: element, attribute: missing, danish: say.danish).map { " (\($0))" } ?? ""
            return say("\(name) is missing the required attribute \(missing)\(what)",
                       "\(name) mangler den påkrævede attribut \(missing)\(what)")
        }
        if let unknown = between(rest, "The attribute '", "' is not allowed") {
            let foreign = foreignAttribute(diagnostic, local: unknown)
            return say("\(name) has an attribute \(foreign.name)\(foreign.namespace.map { " in the namespace \"\($0)\"" } ?? "")"
                + " that the questionnaire does not define",
                "\(name) har en attribut \(foreign.name)\(foreign.namespace.map { " i navnerummet \"\($0)\"" } ?? ""),"
                + " som spørgeskemaet ikke definerer")
        }
        if let fixed = between(rest, "does not match the fixed value constraint '", "'") {
            let value = between(rest, "The value '", "'") ?? ""
            return say("\(subject) is \(say.quoted(value)); this questionnaire requires \(say.quoted(fixed))",
                       "\(subject) er \(say.quoted(value)); dette spørgeskema kræver \(say.quoted(fixed))")
        }
        if rest.hasPrefix("No matching global declaration available for the validation root") {
            let expectedRoot = manifest.map { say("; expected <\($0.root)>", "; forventet <\($0.root)>") } ?? ""
            return say("the root element \(name) is not declared by the schema\(expectedRoot)",
                       "rodelementet \(name) er ikke erklæret i skemaet\(expectedRoot)")
        }
        if rest.hasPrefix("Character content other than whitespace is not allowed") {
            return say("\(name) may contain only elements, not text", "\(name) må kun indeholde elementer, ikke tekst")
        }
        if rest.hasPrefix("Element content is not allowed") {
            return say("\(name) may contain only text, not elements", "\(name) må kun indeholde tekst, ikke elementer")
        }
        if let value = invalidValue(in: rest) {
            let expected = hint ?? facetExpectation(in: rest, say) ?? typeExpectation(in: rest, say)
            if let expected {
                return say("\(subject) has the value \(say.quoted(value)); expected \(expected)",
                           "\(subject) har værdien \(say.quoted(value)); forventet \(expected)")
            }
            return say("\(subject) has the value \(say.quoted(value)), which is not allowed here (\(excerpt(rest, limit: 200)))",
                       "\(subject) har værdien \(say.quoted(value)), som ikke er tilladt her (XML-fejl: \(excerpt(rest, limit: 200)))")
        }
        return "\(subject): " + say.libxml2(excerpt(rest, limit: 200))
    }

    /// The offending value in libxml2's value messages.
    private static func invalidValue(in rest: String) -> String? {
        if rest.hasPrefix("[facet") { return between(rest, "The value '", "' ") }
        if rest.hasPrefix("'"), rest.contains("' is not a valid value of") { return between(rest, "'", "' is not a valid value") }
        return nil
    }

    private static func facetExpectation(in rest: String, _ say: Say) -> String? {
        if let set = between(rest, "is not an element of the set {", "}") {
            let values = set.components(separatedBy: ", ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
            let list = say.oneOf(values.filter { !$0.isEmpty })
            return values.contains("") ? list + say(", or left empty", ", eller tom") : list
        }
        if let pattern = between(rest, "is not accepted by the pattern '", "'") { return say("text matching ", "tekst efter mønstret ") + pattern }
        if let maximum = between(rest, "the maximum value allowed ('", "')") { return say("at most ", "højst ") + maximum }
        if let minimum = between(rest, "the minimum value allowed ('", "')") { return say("at least ", "mindst ") + minimum }
        return nil
    }

    private static func typeExpectation(in rest: String, _ say: Say) -> String? {
        let types: [(String, String, String)] = [
            ("xs:dateTime", "a date and time such as 2021-11-15T14:30:00", "en dato og et klokkeslæt som 2021-11-15T14:30:00"),
            ("xs:date", "a date such as 2021-11-15", "en dato som 2021-11-15"),
            ("xs:gYear", "a year of four digits such as 2021", "et årstal med fire cifre som 2021"),
            ("xs:integer", "a whole number", "et helt tal"),
            ("xs:boolean", "true or false", "true eller false"),
            ("xs:decimal", "a number", "et tal"),
        ]
        return types.first { rest.contains("'\($0.0)'") }.map { say($0.1, $0.2) }
    }

    private static func expectedList(in rest: String, _ say: Say) -> String? {
        guard let list = between(rest, "Expected is ( ", " )") ?? between(rest, "Expected is one of ( ", " )") else { return nil }
        return say.oneOf(list.components(separatedBy: ", ").map { "<\($0)>" })
    }

    private static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let open = text.range(of: start) else { return nil }
        guard let close = text.range(of: end, range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// `{urn:signaturprojekter:statusrapport:1}Titel` → `Titel`. Only braces holding a URI go:
    /// a pattern's `{8}` and an enumeration's `{'ja', 'nej'}` stay.
    private static func withoutNamespaces(_ message: String) -> String {
        var result = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let inside = rest[rest.index(after: open)..<close]
            if inside.contains(":"), !inside.contains("'"), !inside.contains(" ") {
                rest = rest[rest.index(after: close)...]
            } else {
                result += rest[open...close]
                rest = rest[rest.index(after: close)...]
            }
        }
        return result + rest
    }

    // MARK: Shared by every message

    /// How much of a value a message quotes: a readable length, never a whole 1 MB text.
    static let quotedLength = 80

    /// `text` cut to `limit` characters, with "…" when cut; the whole text is kept elsewhere
    /// (the submission, the store). Reads at most `limit` + 1 characters of `text`.
    static func excerpt(_ text: String, limit: Int = quotedLength) -> String {
        var end = text.startIndex
        var taken = 0
        while end < text.endIndex, taken < limit {
            end = text.index(after: end)
            taken += 1
        }
        return end == text.endIndex ? text : String(text[..<end]) + "…"
    }

    /// The name of an attribute the schema refuses, with its prefix, and its namespace URI when
    /// it has one: `a:id` in `urn:a` (libxml2 writes `{urn:a}id`, which used to lose the braces).
    private static func foreignAttribute(_ diagnostic: XMLDiagnostic, local: String) -> (name: String, namespace: String?) {
        let namespace = diagnostic.attributeNamespace
            ?? between(diagnostic.message, "The attribute '{", "}")
        guard let namespace else { return (local, nil) }
        let name = diagnostic.attributePrefix.map { "\($0):\(diagnostic.attributeName ?? local)" } ?? (diagnostic.attributeName ?? local)
        return (name, namespace)
    }

    /// `<Name>`, or `<p:Name> (namespace "urn:p")` for an element outside the questionnaire's namespace.
    private static func foreignElement(_ diagnostic: XMLDiagnostic, manifest: FormatManifest?, local: String, _ say: Say) -> String {
        guard let namespace = diagnostic.elementNamespace, namespace != manifest?.namespace,
              manifest != nil || diagnostic.elementPrefix != nil else {
            return "<\(local)>"
        }
        let name = diagnostic.elementPrefix.map { "\($0):\(local)" } ?? local
        return say("<\(name)> (namespace \"\(namespace)\")", "<\(name)> (navnerum \"\(namespace)\")")
    }

    /// libxml2's own size limits ("huge text node" and the like), which `DocumentLimits` keeps
    /// every document below; should one still be met, the file is `too-large`, not malformed.
    static func isLibxml2SizeLimit(_ diagnostic: XMLDiagnostic) -> Bool {
        diagnostic.stage == .parsing && (diagnostic.message.contains("huge text node")
            || diagnostic.message.contains("AttValue length too long")
            || diagnostic.message.contains("Comment too big")
            || diagnostic.message.contains("PI too big"))
    }

    // MARK: Document limits

    /// A `DocumentLimits` refusal in English and Danish.
    static func describe(_ violation: DocumentLimits.Violation) -> (english: String, danish: String) {
        let en = number(violation.limit, separator: ",")
        let da = number(violation.limit, separator: ".")
        let element = "<\(violation.element ?? "?")>"
        let why = "; the file is refused without being parsed"
        let hvorfor = "; filen afvises uden at blive læst"
        switch violation.kind {
        case .elements:
            return ("the file has more than \(en) elements, the limit for one submission (a questionnaire has a few hundred)\(why)",
                    "filen har mere end \(da) elementer, grænsen for én besvarelse (et spørgeskema har nogle hundrede)\(hvorfor)")
        case .attributesOnElement:
            return ("\(element) has more than \(en) attributes and namespace declarations, the limit for one element\(why)",
                    "\(element) har mere end \(da) attributter og navnerumserklæringer, grænsen for ét element\(hvorfor)")
        case .attributes:
            return ("the file has more than \(en) attributes and namespace declarations in all, the limit for one submission\(why)",
                    "filen har i alt mere end \(da) attributter og navnerumserklæringer, grænsen for én besvarelse\(hvorfor)")
        case .namespacesInScope:
            return ("\(element) has more than \(en) namespace declarations in scope (on it and the elements around it), the limit for one element\(why)",
                    "\(element) har mere end \(da) navnerumserklæringer i kraft (på det og elementerne omkring det), grænsen for ét element\(hvorfor)")
        case .text:
            return ("the text of \(element) is longer than \(en) bytes, the limit for one text\(why)",
                    "teksten i \(element) er længere end \(da) bytes, grænsen for én tekst\(hvorfor)")
        case .attributeValue:
            return ("an attribute value of \(element) is longer than \(en) bytes, the limit for one text\(why)",
                    "en attributværdi i \(element) er længere end \(da) bytes, grænsen for én tekst\(hvorfor)")
        case .comment:
            return ("a comment is longer than \(en) bytes, the limit for one text\(why)",
                    "en kommentar er længere end \(da) bytes, grænsen for én tekst\(hvorfor)")
        case .instruction:
            return ("a processing instruction is longer than \(en) bytes, the limit for one text\(why)",
                    "en behandlingsinstruktion er længere end \(da) bytes, grænsen for én tekst\(hvorfor)")
        }
    }

    /// 1000000 → "1,000,000" (or "1.000.000" with "." for Danish).
    static func number(_ value: Int, separator: String) -> String {
        let digits = String(value)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: separator)
    }
}
