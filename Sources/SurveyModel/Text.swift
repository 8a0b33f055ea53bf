extension String {
    package func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}

/// Trimmed text, nil when blank.
package func trimmed(_ text: String?) -> String? {
    text.flatMap(Answer.collapsed)
}

/// A plausible e-mail address: one @, a local part, a domain with a dot and a top-level part of
/// at least two letters, no spaces. Deliverability is not the tool's business.
package enum EmailAddress {
    /// One address a letter can be sent to, checked strictly: after trimming, one RFC 5322
    /// addr-spec `local@domain` — a dot-atom on both sides (RFC 6531 letters and digits allowed
    /// beyond ASCII), so no comma, angle bracket, quote, parenthesis, white space or control
    /// character that could smuggle in a second recipient (`carl>,Spy<spy3@evil.example`) —
    /// within RFC 5321's lengths (64 before the `@`, 254 in all, 63 per domain label), with a
    /// top-level domain of two or more letters.
    package static func isPlausible(_ text: String) -> Bool {
        let address = text.trimmingWhitespace()
        guard address.utf8.count <= 254 else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, isDotAtom(parts[0], extra: "!#$%&'*+-/=?^_`{|}~"), parts[0].utf8.count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { return false }
        return labels.allSatisfy { label in
            label.utf8.count <= 63 && isDotAtom(label, extra: "-") && label.first != "-" && label.last != "-"
        }
    }

    /// Letters and digits (any script) and the ASCII `extra`, in dot-separated non-empty runs.
    private static func isDotAtom(_ text: Substring, extra: String) -> Bool {
        guard !text.isEmpty, text.first != ".", text.last != ".", !text.contains("..") else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            if scalar.isASCII {
                return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                    || scalar == "." || extra.unicodeScalars.contains(scalar)
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .nonspacingMark, .spacingMark:
                return true
            default:
                return false
            }
        }
    }
}
