import Foundation
import SarhadReport

/// The shell every page shares, and HTML escaping. Pages are plain server-rendered HTML with forms;
/// the only script is the progress listener on a running run's page.
enum PageHTML {
    static func escaped(_ text: String) -> String { SVGWriter.escaped(text) }

    /// `extraStyle` lets the results page bring the report's own stylesheet with its sections.
    static func page(title: String, body: String, extraStyle: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escaped(title)) · Sarhad</title>
        <style>
        \(extraStyle)
        \(style)
        </style>
        </head>
        <body>
        <nav class="dash-nav"><strong>Sarhad</strong> <a href="/">Runs</a> <a href="/scenarios">Scenarios</a> <a href="/what-if">What if</a> <a href="/jobs">Jobs</a> \
        <a href="/api/v1/openapi.json">API</a></nav>
        <main class="dash-main">
        \(body)
        </main>
        </body>
        </html>

        """
    }

    static let style = """
        .dash-nav { font: 15px system-ui, sans-serif; padding: .6em 1em; background: #1d3557; color: #fff; }
        .dash-nav a { color: #fff; margin-left: 1em; }
        .dash-main { font: 15px system-ui, sans-serif; max-width: 72em; margin: 0 auto; padding: 0 1em 3em; }
        .dash-main table.dash { border-collapse: collapse; width: 100%; margin: .5em 0 1.5em; }
        .dash-main table.dash th, .dash-main table.dash td { border-bottom: 1px solid #ddd; padding: .3em .5em; text-align: left; vertical-align: top; }
        .dash-main .hint { color: #555; font-size: 90%; }
        .dash-main .error { color: #b00020; font-weight: 600; }
        .dash-main .notice { background: #e8f5e9; padding: .5em 1em; }
        .dash-main input[type=text], .dash-main textarea { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; }
        .dash-main .invalid input, .dash-main .invalid textarea, .dash-main .invalid select { outline: 2px solid #b00020; }
        .dash-main form.inline { display: inline; }
        .dash-main progress { width: 30em; max-width: 100%; height: 1.2em; }
        .dash-main .status-succeeded { color: #1b5e20; } .dash-main .status-failed, .dash-main .status-interrupted { color: #b00020; }
        """

    static func statusText(_ status: RunStatus) -> String {
        "<span class=\"status-\(status.rawValue)\">\(status.rawValue)</span>"
    }

    static func date(_ date: Date?) -> String {
        guard let date else { return "" }
        return escaped(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)))
    }
}
