import ArgumentParser
import Foundation

/// The language of what a command prints: `--language en|da`, else the locale's.
///
/// The locale is read as POSIX does for messages: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
/// that is set and not empty decides; a value starting with `da` (`da_DK.UTF-8`, `da`) is Danish,
/// anything else (`C`, `POSIX`, `en_GB.UTF-8`, nothing set) is English.
enum MessageLanguage: String, ExpressibleByArgument, CaseIterable {
    case en
    case da

    /// The locale's language (`LANG=da_DK.UTF-8` → `.da`).
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> MessageLanguage {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return locale.lowercased().hasPrefix("da") ? .da : .en
    }

    /// `english`, or `danish` when the language is Danish: `language("3 files", "3 filer")`.
    func callAsFunction(_ english: @autoclosure () -> String, _ danish: @autoclosure () -> String) -> String {
        self == .da ? danish() : english()
    }

    /// The rule, as every `--language` help says it after what the option covers.
    static let defaultRule = "en or da; without it, the locale decides (LC_ALL, then LC_MESSAGES, then LANG: da_DK.UTF-8 or any value starting with da → da, anything else → en)"

    /// `--language`'s help: what it covers, then the rule.
    static func help(_ covers: String) -> ArgumentHelp {
        ArgumentHelp("\(covers): \(defaultRule).", valueName: "language")
    }
}
