import Foundation
import JuesuanText

/// A progress line on a terminal (documents/s and what is left); nothing when stderr is
/// not a terminal, as under cron.
final class ProgressBar {
    private let total: Int
    private let started = Date()
    private let enabled = isatty(2) == 1
    private var lastDraw = Date.distantPast
    private var done = 0

    init(total: Int) { self.total = total }

    func advance() {
        done += 1
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = Date()
        let rate = Double(done) / max(Date().timeIntervalSince(started), 0.001)
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let left = rate > 0 ? Double(total - done) / rate : 0
        StandardError.write(String(format: "\r%@ %d/%d documents, %.0f/s, %.0f s left ", bar, done, total, rate, left))
    }

    func finish() {
        if enabled { StandardError.write("\r\u{1B}[K") }
    }
}
