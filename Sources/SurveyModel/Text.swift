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
    package static func isPlausible(_ text: String) -> Bool {
        let address = text.trimmingWhitespace()
        guard !address.contains(where: { $0.isWhitespace }) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let top = labels.last else { return false }
        return top.count >= 2 && top.allSatisfy(\.isLetter)
    }
}
