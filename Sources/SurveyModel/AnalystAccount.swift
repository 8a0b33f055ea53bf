/// What an analyst's account may do on the web pages: an analyst reviews, waives and corrects;
/// a viewer looks.
public enum AnalystRole: String, Sendable, Hashable, Codable, CaseIterable {
    case analyst
    case viewer

    /// Whether the account may change what is recorded (review, waive, correct, withdraw).
    public var mayChange: Bool { self == .analyst }
}

/// A named analyst account (its password is kept only as a hash, never returned by the store).
public struct AnalystAccount: Sendable, Hashable, Codable {
    public var name: String
    public var role: AnalystRole
    public var createdAt: String
    /// When the password was last set.
    public var passwordSetAt: String

    public init(name: String, role: AnalystRole, createdAt: String, passwordSetAt: String) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.passwordSetAt = passwordSetAt
    }

    /// Why `name` cannot be an account's name, or nil: 1–64 letters, digits, `.`, `-`, `_` or `@`
    /// (it signs reviews and the audit log, and is typed at the login).
    public static func problem(withName name: String, danish: Bool = false) -> String? {
        guard !name.isEmpty, name.count <= 64 else {
            return danish ? "et kontonavn har 1 til 64 tegn" : "an account name has 1 to 64 characters"
        }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_@".unicodeScalars.contains(scalar)
        }
        if allowed { return nil }
        return danish ? "et kontonavn har kun bogstaver, cifre, '.', '-', '_' og '@' (ingen mellemrum)"
            : "an account name has only letters, digits, '.', '-', '_' and '@' (no spaces)"
    }
}
