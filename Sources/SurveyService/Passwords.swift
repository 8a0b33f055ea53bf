import HummingbirdBcrypt

/// The analysts' passwords: checked for length, kept only as bcrypt hashes.
public enum Passwords {
    /// The fewest characters a password may have.
    public static let minimumLength = 12
    /// bcrypt reads at most 72 bytes; a longer password would be cut without a word.
    public static let maximumBytes = 72
    /// log2 of bcrypt's rounds: about a quarter of a second on these machines.
    public static let cost: UInt8 = 12

    /// Why `password` cannot be used, or nil.
    public static func problem(with password: String, danish: Bool = false) -> String? {
        if password.count < minimumLength {
            return danish ? "en adgangskode har mindst \(minimumLength) tegn" : "a password has at least \(minimumLength) characters"
        }
        if password.utf8.count > maximumBytes {
            return danish ? "en adgangskode har højst \(maximumBytes) byte (bcrypt læser ikke flere)"
                : "a password has at most \(maximumBytes) bytes (bcrypt reads no more)"
        }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return danish ? "en adgangskode har ingen kontroltegn" : "a password has no control characters"
        }
        return nil
    }

    /// The bcrypt hash of `password` (a new random salt each time). Slow by design.
    public static func hash(_ password: String, cost: UInt8 = Passwords.cost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` is the one `hash` was made from. Slow by design.
    public static func verify(_ password: String, hash: String) -> Bool {
        // bcrypt would read a NUL as the end, and no more than 72 bytes: such a password matches nothing.
        guard password.utf8.count <= maximumBytes, !password.utf8.contains(0) else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// A hash no password matches, to verify against when the name is unknown: a login then
    /// takes as long whether or not the account exists.
    public static let decoy = Bcrypt.hash("decoy password never used \(UInt64.random(in: 0...UInt64.max))", cost: cost)
}
