import Foundation

/// Progress on stderr: a redrawn bar at a terminal, a plain line every 10 % otherwise (logs, CI).
final class ProgressReporter {
    private let interactive = isatty(STDERR_FILENO) != 0
    private var lastShown = -1
    private let label: String

    init(label: String) {
        self.label = label
    }

    func update(_ done: Int, _ total: Int) {
        guard total > 0 else { return }
        let percent = done * 100 / total
        if interactive {
            guard percent != lastShown else { return }
            lastShown = percent
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            write("\r\(label) [\(bar)] \(percent)% day \(done)/\(total)" + (done == total ? "\n" : ""))
        } else if percent / 10 != lastShown / 10 || done == total {
            lastShown = percent
            write("\(label): day \(done)/\(total) (\(percent)%)\n")
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
