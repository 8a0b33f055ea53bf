/// Why the form's answers could not be written as a questionnaire document. The form shows
/// the message beside the question and asks again; nothing was stored.
///
///     FormError(field: "project.domain", messageEnglish: "Domain: \"helth\" is not one of the choices.", …)
public struct FormError: Error, Sendable, Hashable {
    /// The field path of the question (`challenges[2].severity`); nil when the whole answer
    /// set is at fault (too large).
    public var field: String?
    public var messageEnglish: String
    public var messageDanish: String

    public init(field: String?, messageEnglish: String, messageDanish: String) {
        self.field = field
        self.messageEnglish = messageEnglish
        self.messageDanish = messageDanish
    }
}
