import ArgumentParser
import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs
import SurveyService

/// The one place that writes to the terminal, so output never interleaves.
enum Console {
    /// A line on standard output.
    static func out(_ line: String) {
        print(line)
    }

    /// A line on standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Reports a failure that stops the command before any file is checked: exit status 2.
    static func setupFailure(_ message: String) -> ExitCode {
        error("survey-intake: error: \(message)")
        return ExitCode(2)
    }
}
