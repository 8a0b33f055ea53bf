import Foundation
import SurveyModel
import SurveyIntake
import SurveyStore
import SurveyOutputs
import SurveyService

/// A one-line progress bar on standard error — files done / total, rate, time left — drawn
/// only when standard error is a terminal, at most ten times a second.
struct ProgressBar {
    let enabled: Bool
    let danish: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool, danish: Bool) {
        self.enabled = enabled
        self.danish = danish
    }

    mutating func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let width = 30
        let filled = Int(Double(width) * Double(done) / Double(total))
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = danish
            ? "\r\(bar) \(done)/\(total) filer  \(Int(rate.rounded())) filer/s  \(Int(left.rounded())) s tilbage "
            : "\r\(bar) \(done)/\(total) files  \(Int(rate.rounded())) files/s  \(Int(left.rounded())) s left "
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    mutating func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}
