import Testing
@testable import survey_intake

@Suite("A dataset that cannot be used: the message in English and Danish")
struct DatasetFailureMessageTests {
    struct Unexpected: Error, CustomStringConvertible {
        var description: String { "disk I/O error" }
    }

    @Test("an unexpected error is named with what could not be done, in the language asked for", arguments: [
        (Console.DatasetAction.read("intake-data"), "cannot read intake-data: disk I/O error", "kan ikke læse intake-data: disk I/O error"),
        (.write("d"), "cannot write d: disk I/O error", "kan ikke skrive i d: disk I/O error"),
        (.open("d"), "cannot open d: disk I/O error", "kan ikke åbne d: disk I/O error"),
        (.issueLinks("d"), "cannot issue links in d: disk I/O error", "kan ikke udstede links i d: disk I/O error"),
        (.recordAsked("d"), "cannot record in d which flags the letters asked: disk I/O error",
         "kan ikke gemme i d, hvilke flag brevene spurgte om: disk I/O error"),
    ])
    func unexpected(action: Console.DatasetAction, english: String, danish: String) {
        #expect(Console.datasetFailureMessage(Unexpected(), cannot: action, danish: false) == english)
        #expect(Console.datasetFailureMessage(Unexpected(), cannot: action, danish: true) == danish)
    }
}
