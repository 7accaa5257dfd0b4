import Foundation
import SarhadJobs

/// One run: its request, live progress while queued or running (server-sent events), a cancel
/// button, and once it succeeded its downloads and the report's charts.
enum RunPage {
    /// `tables`: titled CSV files to show as tables (a calibration's posterior and hidden epidemic).
    static func render(_ run: RunResource, report: ReportEmbedding?, provinces: [String] = [],
                       tables: [(title: String, csv: String)] = []) -> String {
        let facts = """
            <table class="dash"><tbody>
            <tr><th>scenario</th><td>\(PageHTML.escaped(run.scenarioName))\(run.scenarioId.map { " (<a href=\"/scenarios/\($0)\">scenario \($0)</a>)" } ?? "")</td></tr>
            <tr><th>kind</th><td>\(RunsPage.kindLabel(run))\(run.replicates > 1 ? ", \(run.replicates) replicates" : "")</td></tr>
            <tr><th>seed</th><td>\(run.seed)</td></tr>
            <tr><th>end date</th><td>\(PageHTML.escaped(run.endDate))</td></tr>
            <tr><th>population scale</th><td>\(run.populationScale) (\(run.agents) agents, memory estimate \
            \(MemoryEstimate.gigabytes(run.estimatedBytes)))</td></tr>
            <tr><th>status</th><td id="status">\(PageHTML.statusText(run.status))\(run.message.map { " — \(PageHTML.escaped($0))" } ?? "")</td></tr>
            <tr><th>queued / started / finished</th><td>\(PageHTML.date(run.createdAt)) / \(PageHTML.date(run.startedAt)) / \
            \(PageHTML.date(run.finishedAt))</td></tr>
            </tbody></table>
            """
        let title = "\(RunsPage.kindLabel(run).capitalized) \(run.id)"
        var body = ["<h1>\(title)</h1>", facts]
        if !run.status.isFinal {
            body.append("""
                <p id="progress" data-events="/api/v1/runs/\(run.id)/events"><progress max="\(max(1, run.dayCount))" \
                value="\(run.daysDone)"></progress> <span id="progress-text" data-unit="\(run.progressUnit)s">\(run.daysDone) of \(run.dayCount) \
                \(run.progressUnit)s</span></p>
                <form method="post" action="/runs/\(run.id)/cancel"><button type="submit">Cancel this run</button></form>
                <script src="/assets/progress.js"></script>
                """)
        }
        if run.status == .succeeded {
            let links = RunFiles.downloadable(run.kind, replicates: run.replicates)
                .map { "<a href=\"/api/v1/runs/\(run.id)/files/\($0)\">\($0)</a>" }
            let compare = run.kind == .run ? " · <a href=\"/compare?runs=\(run.id)\">compare with other runs</a>" : ""
            body.append("<p>Downloads: \(links.joined(separator: " · "))\(compare)</p>")
            if run.kind == .run, !provinces.isEmpty {
                let pages = provinces.map { "<a href=\"/runs/\(run.id)/provinces/\(ProvincePage.pathComponent($0))\">\(PageHTML.escaped($0))</a>" }
                body.append("<p>Provinces (curves, beds against capacity, recorded against true): \(pages.joined(separator: " · "))</p>")
            }
        }
        for table in tables { body.append("<h2>\(PageHTML.escaped(table.title))</h2>" + csvTable(table.csv)) }
        if run.status == .succeeded, run.kind == .calibration {
            body.append("""
                <form method="post" action="/runs/\(run.id)/what-if"><button type="submit">What if… from this posterior</button> \
                <span class="hint">stores the scenario with each fitted parameter at its posterior median and opens it on the what-if page</span></form>
                """)
        }
        if run.status == .succeeded, run.kind == .forecast || run.kind == .backtest {
            body.append("<p><a href=\"/api/v1/runs/\(run.id)/files/forecast.html\">The forecast's fan charts over the record</a></p>")
        }
        if let report { body.append("<div class=\"report\">\(report.body)</div>") }
        return PageHTML.page(title: title, body: body.joined(separator: "\n"), extraStyle: report?.style ?? "")
    }

    /// A small CSV file as an HTML table (header row first); fields are plain, as Sarhad writes them.
    static func csvTable(_ csv: String) -> String {
        let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return "" }
        let head = header.map { "<th>\(PageHTML.escaped($0))</th>" }.joined()
        let rows = lines.dropFirst().prefix(200).map { "<tr>" + $0.map { "<td>\(PageHTML.escaped($0))</td>" }.joined() + "</tr>" }
        return "<table class=\"dash\"><thead><tr>\(head)</tr></thead><tbody>\(rows.joined())</tbody></table>"
    }

    /// Follows the run's events; when it ends, reloads so the server draws the results. Served as
    /// /assets/progress.js: the pages' Content-Security-Policy runs no inline script.
    static let progressScript = """
        (function () {
          var box = document.getElementById('progress');
          var bar = box.querySelector('progress');
          var text = document.getElementById('progress-text');
          var status = document.getElementById('status');
          var source = new EventSource(box.dataset.events);
          source.addEventListener('progress', function (event) {
            var update = JSON.parse(event.data);
            bar.max = Math.max(1, update.day_count);
            bar.value = update.days_done;
            text.textContent = update.days_done + ' of ' + update.day_count + ' ' + text.dataset.unit
              + (update.message ? ' — ' + update.message : '');
            status.textContent = update.status;
            if (['succeeded', 'failed', 'cancelled', 'interrupted'].indexOf(update.status) >= 0) {
              source.close();
              window.location.reload();
            }
          });
        })();
        """
}
