import Foundation
import SarhadJobs
import Synchronization

/// Progress on stderr: a redrawn bar at a terminal, a plain line every 10 % otherwise (logs, CI).
final class ProgressReporter: Sendable {
    private let interactive = isatty(STDERR_FILENO) != 0
    /// Replicates finish on several threads; the last percentage shown is shared.
    private let lastShownState = Mutex(-1)
    private let label: String
    private let unit: String

    /// `unit` names what is counted; without it, replicates for the label "replicates" and days otherwise.
    init(label: String, unit: String? = nil) {
        self.label = label
        self.unit = unit ?? (label == "replicates" ? "replicate" : "day")
    }

    func update(_ done: Int, _ total: Int) {
        guard total > 0 else { return }
        let percent = done * 100 / total
        lastShownState.withLock { lastShown in
            if interactive {
                guard percent != lastShown else { return }
                lastShown = percent
                let width = 30
                let filled = width * done / total
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                write("\r\(label) [\(bar)] \(percent)% \(unit) \(done)/\(total)" + (done == total ? "\n" : ""))
            } else if percent / 10 != lastShown / 10 || done == total {
                lastShown = percent
                write("\(label): \(unit) \(done)/\(total) (\(percent)%)\n")
            }
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
