import SarhadModel
import SarhadScenario

/// `/what-if`: levers of the built-in scenario as controls; every change asks the twin
/// (`POST /api/v1/what-if`) and redraws the curves and key figures. The page's own script is served as
/// /assets/what-if.js (the Content-Security-Policy runs no inline script). `?r0=…&screening=on…`
/// (and `end=2020-03-31`) sets levers on load; `?repeat=N` then moves R0 N times and shows the median time to redraw, which
/// is how the browser test measures it.
enum WhatIfPage {
    /// `storedId`: the stored scenario the page starts from (nil: the built-in scenario); its requests name it.
    static func render(scenario: Scenario, storedId: Int64? = nil) -> String {
        let c = scenario.configuration
        let provinceNames = c.provinces.map { PageHTML.escaped($0.name) }
        let provinces = provinceNames.map { "<option value=\"\($0)\">\($0)</option>" }.joined()
        /// A select of "every province" or one, for the dated measures that a province can take alone.
        func provinceChoice(_ name: String) -> String {
            "<select name=\"\(name)\"><option value=\"\">every province</option>\(provinces)</select>"
        }
        // The layers this scenario has: no settlement or prison layer where nobody lives in one.
        let present = ContactLayer.allCases.filter { layer in
            switch layer {
            case .idpSettlement: c.settings.idpSettlementResidents > 0
            case .prison: c.settings.prisoners > 0
            default: true
            }
        }
        let layers = present.map { layer in
            "<label class=\"inline\"><input type=\"checkbox\" name=\"layer_\(layer.name)\"" +
                ([.work, .community].contains(layer) ? " checked" : "") + "> \(layer.name.split(separator: "_").joined(separator: " "))</label>"
        }.joined(separator: " ")
        let laboratories = c.laboratories.map { "<option value=\"\(PageHTML.escaped($0.name))\">\(PageHTML.escaped($0.name))</option>" }
        let laboratoryChoice = laboratories.isEmpty ? "" : " at <select name=\"tests_lab\"><option value=\"\">the national pool</option>\(laboratories.joined())</select>"
        let body = """
            <h1>What if…</h1>
            <p>\(storedId.map { "Scenario \($0) (<a href=\"/scenarios/\($0)\">\(PageHTML.escaped(c.name))</a>)" }
                ?? "The built-in scenario (\(PageHTML.escaped(c.name)))"), run by the deterministic twin at each change: \
            expected values, no replicates. "Confirm with agents" runs the same levers with every person simulated.</p>
            <form id="levers" class="levers"\(storedId.map { " data-scenario=\"\($0)\"" } ?? "")>
              <label>Until <input type="date" name="end" min="\(c.startDate.adding(days: 1))" max="\(c.startDate.adding(days: 3_660))" \
            value="\(c.endDate)"></label>
              <label>R0 <input type="range" name="r0" min="0.8" max="4" step="any" value="\(c.disease.r0)"> \
            <output data-for="r0">\(c.disease.r0)</output></label>
              <label><input type="checkbox" name="open"\(c.border.open ? " checked" : "")> border open to returnees</label>
              <label><input type="checkbox" name="screening"\(c.border.screeningEnabled ? " checked" : "")> symptom screening at the crossings, \
            sensitivity <input type="number" name="sensitivity" min="0" max="1" step="0.05" value="\(c.border.screeningSensitivity)"> \
            from <input type="date" name="screening_from"> (empty: from the start)</label>
              <label><input type="checkbox" name="quarantine"\(c.border.quarantineEnabled ? " checked" : "")> quarantine of arrivals, \
            <input type="number" name="days" min="0" max="60" step="1" value="\(c.border.quarantineDays)"> days, adherence \
            <input type="number" name="adherence" min="0" max="1" step="0.05" value="\(c.border.quarantineAdherence)"> \
            from <input type="date" name="quarantine_from"> (empty: from the start)</label>
              <label>protective equipment stops <input type="range" name="ppe" min="0" max="1" step="any" \
            value="\(c.settings.protectiveEquipmentEfficacy)"> <output data-for="ppe">\(c.settings.protectiveEquipmentEfficacy)</output> \
            of transmission from patients to health workers</label>
              <fieldset><legend>Measures from a date (added to the scenario's own timeline)</legend>
              <label><input type="checkbox" name="closure"> border closed from <input type="date" name="closure_from" \
            value="\(c.startDate.adding(days: 98))"> until <input type="date" name="closure_until"> (empty: for good)</label>
              <label><input type="checkbox" name="school"> schools closed from <input type="date" name="school_from" value="\(c.startDate.adding(days: 73))"> \
            until <input type="date" name="school_until" value="\(c.startDate.adding(days: 181))"></label>
              <label>contacts × <input type="range" name="contacts" min="0.2" max="1.5" step="0.05" value="1"> \
            <output data-for="contacts">1</output> in \(layers) in \(provinceChoice("contacts_province")) from \
            <input type="date" name="contacts_from" value="\(c.startDate.adding(days: 84))"> until \
            <input type="date" name="contacts_until"> (empty: to the end)</label>
              <label>hospital beds × <input type="range" name="beds" min="0.2" max="2" step="0.05" value="1"> <output data-for="beds">1</output>, \
            intensive care and oxygen × <input type="range" name="icu" min="0" max="2" step="0.05" value="1"> <output data-for="icu">1</output> \
            in \(provinceChoice("care_province")) from <input type="date" name="care_from" value="\(c.startDate.adding(days: 91))"></label>
            \(c.settings.prisoners > 0 ? """
              <label>prisoners released <input type="number" name="prisoners" min="0" max="\(Int(c.settings.prisoners))" step="100" \
            value="0"> on <input type="date" name="prisoners_on" value="\(c.startDate.adding(days: 110))"></label>
            """ : "")
              <label>tests a day <input type="number" name="tests" min="0" max="1000000" step="100" placeholder="as planned">\(laboratoryChoice) from \
            <input type="date" name="tests_from" value="\(c.startDate.adding(days: 91))"></label>
              </fieldset>
              <label>Show <select name="region"><option value="">the whole country</option>\(provinces)</select></label>
            </form>
            <form id="confirm-form" class="levers"><button type="button" id="confirm">Confirm with agents</button> \
            <label style="display:inline">replicates <input type="number" name="replicates" min="2" max="100" step="1" value="10"></label> \
            <label style="display:inline">population scale <input type="number" name="scale" min="0.0001" max="1" step="0.001" \
            value="0.01"></label> <span class="hint">queues an agent ensemble of these levers and draws its median (dashed) and 95 % \
            band over the twin's curves</span> <span id="confirm-status" role="status"></span></form>
            <p id="what-if-status" role="status">Computing…</p>
            <dl id="figures" class="figures"></dl>
            <p class="hint">Once a lever moves, thin grey curves and the percentages beside the figures are the scenario as \
            planned: the levers as the page opened.</p>
            <table id="shortfall" class="dash"></table>
            <div id="charts"></div>
            <script src="/assets/what-if.js"></script>
            """
        return PageHTML.page(title: "What if", body: body, extraStyle: """
            .levers label { display: block; margin: 0.4em 0; }
            .levers label.inline { display: inline; margin: 0; }
            .levers fieldset { border: 1px solid #ccc; margin: 0.6em 0; }
            .figures { display: grid; grid-template-columns: max-content max-content max-content; gap: 0.2em 1em; }
            .figures dd.delta { color: #555; }
            .figures dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
            #charts svg { display: block; margin: 1em 0; }
            """)
    }

    static let script = """
        (function () {
          var form = document.getElementById('levers');
          var status = document.getElementById('what-if-status');
          var figures = document.getElementById('figures');
          var shortfall = document.getElementById('shortfall');
          var charts = document.getElementById('charts');
          var latest = 0, answer = null, timings = [];
          // The scenario as planned: the first answer, with every region's series, and the levers it was asked with.
          var planned = null;
          function plannedRegion() {
            if (!planned) return null;
            var name = field('region').value;
            return name ? planned.provinces[name] || null : planned.national;
          }
          // Whether the curves shown are not the plan (the levers moved since the page opened).
          function departed() { return planned !== null && answer !== null && answer.asked !== planned.asked; }
          var stored = form.dataset.scenario ? Number(form.dataset.scenario) : null;
          var bands = null, scenarioId = stored, confirmForm = document.getElementById('confirm-form');
          var confirmStatus = document.getElementById('confirm-status');
          var measureOf = {'true infections': 'infections', 'recorded cases': 'confirmed', 'true deaths': 'deaths',
            'recorded deaths': 'recorded_deaths', 'beds needed': 'beds_needed', 'intensive care needed': 'icu_needed'};
          function field(name) { return form.elements[name]; }
          function overrides() {
            return '[scenario]\\nend = ' + field('end').value + '\\n' +
              '[disease]\\nr0 = ' + Number(field('r0').value) + '\\n' +
              '[border]\\nopen = ' + field('open').checked +
              // Screening and quarantine from a date are timeline events (measures()); from the start, the border's own settings.
              (field('screening_from').value ? '' : '\\nscreening = ' + field('screening').checked +
                '\\nscreening_sensitivity = ' + Number(field('sensitivity').value)) +
              (field('quarantine_from').value ? '' : '\\nquarantine = ' + field('quarantine').checked +
                '\\nquarantine_days = ' + Math.round(Number(field('days').value)) + '\\nquarantine_adherence = ' + Number(field('adherence').value)) +
              '\\n' +
              '[settings]\\nprotective_equipment_efficacy = ' + Number(field('ppe').value) + '\\n' + measures();
          }
          // The dated measures as [[timeline]] tables, appended to the scenario's timeline; levers left alone add none.
          function measures() {
            var text = '', contacts = Number(field('contacts').value), beds = Number(field('beds').value), icu = Number(field('icu').value);
            var prisoners = field('prisoners') ? Math.round(Number(field('prisoners').value)) : 0, tests = field('tests').value;
            function event(date, kind, lines) { text += '\\n[[timeline]]\\ndate = ' + date + '\\nkind = "' + kind + '"\\n' + lines.join('\\n') + '\\n'; }
            if (field('school').checked) {
              event(field('school_from').value, 'contacts', ['until = ' + field('school_until').value, 'layers = ["school"]', 'multiplier = 0.0']);
            }
            if (field('screening_from').value) {
              event(field('screening_from').value, 'screening', ['enabled = ' + field('screening').checked,
                'sensitivity = ' + Number(field('sensitivity').value)]);
            }
            if (field('quarantine_from').value) {
              event(field('quarantine_from').value, 'quarantine', ['enabled = ' + field('quarantine').checked,
                'days = ' + Math.round(Number(field('days').value)), 'adherence = ' + Number(field('adherence').value)]);
            }
            if (field('closure').checked) {
              event(field('closure_from').value, 'border', ['open = false']);
              // Reopened only if the levers have it open: a border closed from the start stays closed.
              if (field('closure_until').value && field('open').checked) event(field('closure_until').value, 'border', ['open = true']);
            }
            var layers = Array.prototype.filter.call(form.querySelectorAll('[name^="layer_"]'), function (box) { return box.checked; })
              .map(function (box) { return JSON.stringify(box.name.slice(6)); });
            if (contacts !== 1 && layers.length > 0) {
              event(field('contacts_from').value, 'contacts', ['layers = [' + layers.join(', ') + ']', 'multiplier = ' + contacts]
                .concat(provinces('contacts_province')).concat(field('contacts_until').value ? ['until = ' + field('contacts_until').value] : []));
            }
            if (beds !== 1 || icu !== 1) {
              event(field('care_from').value, 'health_capacity', ['bed_multiplier = ' + beds, 'icu_multiplier = ' + icu].concat(provinces('care_province')));
            }
            if (prisoners > 0) event(field('prisoners_on').value, 'prisoner_release', ['count = ' + prisoners]);
            if (tests !== '') {
              var lab = field('tests_lab') ? field('tests_lab').value : '';
              event(field('tests_from').value, 'test_capacity', ['tests_per_day = ' + Number(tests)].concat(lab ? ['laboratory = ' + JSON.stringify(lab)] : []));
            }
            return text;
          }
          // A measure's province line: none for every province, else the one chosen (its name as TOML text).
          function provinces(name) { return field(name).value ? ['provinces = [' + JSON.stringify(field(name).value) + ']'] : []; }
          function number(x) { return Math.round(x).toLocaleString('en-GB'); }
          function region() {
            var name = field('region').value;
            if (!name) return answer.national;
            return answer.provinces.filter(function (p) { return p.name === name; })[0] || answer.national;
          }
          // The agents' band of a curve (2.5 %, 50 %, 97.5 %), when they confirmed these levers.
          function bandOf(name) {
            if (!bands || !measureOf[name]) return null;
            var r = bands.regions[field('region').value || 'national'];
            var levels = r && r[measureOf[name]];
            return levels ? {low: levels[0], mid: levels[2], high: levels[levels.length - 1]} : null;
          }
          // `plan`: the region's planned answer when the levers have moved (its curves are drawn in grey), else null.
          function chart(title, series, plan) {
            var width = 720, height = 220, left = 60, bottom = 20, days = answer.days;
            var top = 1;
            series.forEach(function (s) {
              s.band = bandOf(s.name);
              s.planned = plan && plan.series[s.key] ? plan.series[s.key] : null;
              s.values.concat(s.band ? s.band.high : [], s.planned || []).forEach(function (v) { if (v > top) top = v; });
            });
            function x(d) { return (left + d * (width - left) / Math.max(1, days - 1)).toFixed(1); }
            function y(v) { return (20 + height - bottom - v / top * (height - bottom - 20)).toFixed(1); }
            // The first of each month on the time axis (every third month past a year).
            var start = new Date(answer.start + 'T00:00:00Z'), months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
            var ticks = '', step = days > 400 ? 3 : 1;
            for (var d = 0; d < days; d++) {
              var date = new Date(start.getTime() + d * 86400000);
              if (date.getUTCDate() !== 1 || date.getUTCMonth() % step !== 0) continue;
              var axis = Number(y(0));
              ticks += '<line x1="' + x(d) + '" x2="' + x(d) + '" y1="' + axis + '" y2="' + (axis + 4) +
                '" stroke="#888"/><text x="' + x(d) + '" y="' + (axis + 14) + '" font-size="10" text-anchor="middle" fill="#555">' +
                months[date.getUTCMonth()] + (date.getUTCMonth() === 0 ? ' ' + date.getUTCFullYear() : '') + '</text>';
            }
            var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + (height + 34) + '" role="img">' +
              '<title>' + title + '</title><text x="' + left + '" y="14" font-size="13">' + title + ' (highest ' + number(top) + ')</text>';
            series.forEach(function (s, i) {
              if (s.band) {
                var upper = s.band.high.slice(0, days).map(function (v, d) { return x(d) + ',' + y(v); });
                var lower = s.band.low.slice(0, days).map(function (v, d) { return x(d) + ',' + y(v); }).reverse();
                svg += '<polygon fill="' + s.colour + '" fill-opacity="0.15" stroke="none" points="' + upper.concat(lower).join(' ') +
                  '" data-band="' + s.name + '"/>' + '<polyline fill="none" stroke="' + s.colour + '" stroke-width="1.5" stroke-dasharray="5,3" points="' +
                  s.band.mid.slice(0, days).map(function (v, d) { return x(d) + ',' + y(v); }).join(' ') + '" data-agent-median="' + s.name + '"/>';
              }
              if (s.planned) {
                svg += '<polyline fill="none" stroke="#999" stroke-width="1" points="' +
                  s.planned.slice(0, days).map(function (v, d) { return x(d) + ',' + y(v); }).join(' ') + '" data-planned="' + s.name + '"/>';
              }
              var points = s.values.map(function (v, d) { return x(d) + ',' + y(v); }).join(' ');
              svg += '<polyline fill="none" stroke="' + s.colour + '" stroke-width="2" points="' + points + '" data-series="' + s.name + '"/>' +
                '<text x="' + (left + 10 + i * 200) + '" y="' + (height + 30) + '" font-size="12" fill="' + s.colour + '">' + s.name + '</text>';
            });
            return svg + ticks + '</svg>';
          }
          function draw() {
            var r = region(), s = r.series, t = r.totals;
            var rows = [['True infections', 'infections'], ['Recorded cases', 'confirmed'], ['True deaths', 'deaths'],
              ['Recorded deaths', 'recorded_deaths'], ['Peak beds needed', 'beds_needed'], ['Beds', 'bed_capacity'],
              ['Peak intensive care needed', 'icu_needed'], ['Intensive care places', 'icu_capacity'],
              ['Health workers infected', 'health_worker_infections']];
            var plan = departed() ? plannedRegion() : null;
            figures.innerHTML = rows.map(function (row) {
              var value = t[row[1]], before = plan ? plan.totals[row[1]] : null, delta = '';
              if (before !== null && before !== undefined && before > 0) {
                var change = Math.round((value - before) / before * 100);
                delta = (change > 0 ? '+' : change < 0 ? '−' : '±') + Math.abs(change) + ' % against as planned';
              }
              return '<dt>' + row[0] + '</dt><dd data-figure="' + row[0] + '">' + number(value) + '</dd>' +
                '<dd class="delta" data-delta="' + row[0] + '">' + delta + '</dd>';
            }).join('');
            // Where beds run out: provinces whose peak need passes their beds, the worst first.
            var short = answer.provinces.filter(function (p) { return p.totals.beds_needed > p.totals.bed_capacity; })
              .sort(function (a, b) { return b.totals.beds_needed / Math.max(1, b.totals.bed_capacity) - a.totals.beds_needed / Math.max(1, a.totals.bed_capacity); });
            shortfall.innerHTML = '<caption>Where beds run out: ' + short.length + ' of ' + answer.provinces.length +
              ' provinces need more beds at their peak than they have</caption>' +
              '<thead><tr><th>province</th><th>peak beds needed</th><th>beds</th><th>times the beds</th></tr></thead><tbody>' +
              short.slice(0, 10).map(function (p) {
                return '<tr data-shortfall="' + p.name + '"><td>' + p.name + '</td><td>' + number(p.totals.beds_needed) + '</td><td>' +
                  number(p.totals.bed_capacity) + '</td><td>' + (p.totals.beds_needed / Math.max(1, p.totals.bed_capacity)).toFixed(1) + '</td></tr>';
              }).join('') + '</tbody>';
            charts.innerHTML =
              chart('Infections a day: true and recorded', [{name: 'true infections', key: 'infections', values: s.infections, colour: '#b2182b'},
                {name: 'recorded cases', key: 'confirmed', values: s.confirmed, colour: '#2166ac'}], plan) +
              chart('Deaths a day: true and recorded', [{name: 'true deaths', key: 'deaths', values: s.deaths, colour: '#762a83'},
                {name: 'recorded deaths', key: 'recorded_deaths', values: s.recorded_deaths, colour: '#1b7837'}], plan) +
              chart('Beds: needed against there are', [{name: 'beds needed', key: 'beds_needed', values: s.beds_needed, colour: '#e08214'},
                {name: 'beds', key: 'bed_capacity', values: s.bed_capacity, colour: '#4d4d4d'}], plan) +
              chart('Intensive care and oxygen: needed against places', [{name: 'intensive care needed', key: 'icu_needed', values: s.icu_needed,
                colour: '#8c510a'}, {name: 'intensive care places', key: 'icu_capacity', values: s.icu_capacity, colour: '#4d4d4d'}], plan);
          }
          // One question to the twin at a time: changes made while it computes (a slider being dragged) are
          // asked together once it answers, so the page follows the latest levers instead of a queue of old ones.
          var inFlight = null, changedSince = false;
          function ask() {
            form.querySelectorAll('output').forEach(function (o) { o.textContent = String(Math.round(Number(field(o.dataset.for).value) * 100) / 100); });
            if (inFlight) { changedSince = true; return inFlight; }
            inFlight = send().catch(function (error) { status.textContent = 'The twin could not be asked: ' + error; }).then(function () {
              inFlight = null;
              if (changedSince) { changedSince = false; return ask(); }
            });
            return inFlight;
          }
          // Levers that cannot stand together: said in the status line, and the twin is not asked.
          function problem() {
            if (field('closure').checked && field('closure_until').value && field('closure_until').value <= field('closure_from').value) {
              return 'The border cannot reopen (' + field('closure_until').value + ') before it closes (' + field('closure_from').value + ').';
            }
            if (Number(field('contacts').value) !== 1 && field('contacts_until').value && field('contacts_until').value <= field('contacts_from').value) {
              return 'The contact measure must end (' + field('contacts_until').value + ') after it starts (' + field('contacts_from').value + ').';
            }
            return null;
          }
          function send() {
            var trouble = problem();
            if (trouble) { status.textContent = trouble; status.dataset.problem = trouble; return Promise.resolve(); }
            delete status.dataset.problem;
            var request = ++latest, started = performance.now(), asked = overrides();
            // The first question asks for every region's series: that answer is the plan the later ones are set against.
            var series = planned === null ? 'all' : field('region').value || 'national';
            status.textContent = 'Computing…';
            return fetch('/api/v1/what-if', {method: 'POST', headers: {'Content-Type': 'application/json'},
              body: JSON.stringify(stored !== null ? {scenario: stored, overrides: asked, series: series}
                : {overrides: asked, series: series})})
              .then(function (response) { return response.json().then(function (body) { return {ok: response.ok, body: body}; }); })
              .then(function (result) {
                if (request !== latest) return;
                if (!result.ok) { status.textContent = (result.body.error && result.body.error.message) || 'The change was refused.'; return; }
                answer = result.body;
                answer.asked = asked;
                if (planned === null) {
                  planned = {asked: asked, national: answer.national, provinces: {}};
                  answer.provinces.forEach(function (p) { planned.provinces[p.name] = p; });
                }
                draw();
                // Timed at the next frame, when the browser has laid out and painted the new curves.
                return new Promise(function (resolve) {
                  requestAnimationFrame(function () {
                    var ms = performance.now() - started;
                    timings.push(ms);
                    status.textContent = 'Redrawn in ' + Math.round(ms) + ' ms.';
                    status.dataset.lastMs = ms.toFixed(1);
                    status.dataset.redraws = String(Number(status.dataset.redraws || 0) + 1);
                    resolve();
                  });
                });
              });
          }
          form.addEventListener('input', function (event) {
            if (bands && event.target.name !== 'region') {
              bands = null;
              confirmStatus.textContent = 'Agent bands cleared: the levers changed.';
            }
            ask();
          });
          // Confirm with agents: an ensemble of these levers, queued like any run, followed until it is done.
          function follow(id, asked) {
            fetch('/api/v1/runs/' + id).then(function (r) { return r.json(); }).then(function (run) {
              if (run.status === 'queued' || run.status === 'running') {
                confirmStatus.textContent = 'Agents (run ' + id + '): ' + run.days_done + ' of ' + run.day_count + ' replicates…';
                setTimeout(function () { follow(id, asked); }, 1000);
              } else if (run.status !== 'succeeded') {
                confirmStatus.textContent = 'The agent run ' + id + ' ' + run.status + (run.message ? ': ' + run.message : '.');
              } else {
                return fetch(run.files['bands.json']).then(function (r) { return r.json(); }).then(function (b) {
                  if (asked !== overrides()) { confirmStatus.textContent = 'The levers moved while the agents ran; confirm again.'; return; }
                  bands = b;
                  confirmStatus.textContent = 'Agents (run ' + id + '): median and 95 % band of ' + b.replicates +
                    ' replicates at population scale ' + b.population_scale + '.';
                  confirmStatus.dataset.replicates = String(b.replicates);
                  if (answer) draw();
                });
              }
            });
          }
          document.getElementById('confirm').addEventListener('click', function () {
            var asked = overrides();
            bands = null;
            if (answer) draw();
            confirmStatus.textContent = 'Queueing…';
            var storedScenario = scenarioId !== null ? Promise.resolve(scenarioId)
              : fetch('/api/v1/scenarios', {method: 'POST', headers: {'Content-Type': 'application/json'},
                  body: JSON.stringify({from: 'built-in'})}).then(function (r) { return r.json(); })
                  .then(function (body) { scenarioId = body.id; return body.id; });
            storedScenario.then(function (id) {
              return fetch('/api/v1/runs', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({
                scenario_id: id, seed: 1, replicates: Number(confirmForm.elements.replicates.value),
                population_scale: Number(confirmForm.elements.scale.value), overrides: asked})});
            }).then(function (response) {
              return response.json().then(function (body) { return {ok: response.ok, body: body}; });
            }).then(function (result) {
              if (!result.ok) { confirmStatus.textContent = (result.body.error && result.body.error.message) || 'Refused.'; return; }
              follow(result.body.id, asked);
            });
          });
          form.addEventListener('submit', function (event) { event.preventDefault(); });
          var query = new URLSearchParams(window.location.search);
          ['end', 'r0', 'sensitivity', 'screening_from', 'days', 'adherence', 'quarantine_from', 'ppe', 'region', 'contacts', 'contacts_from', 'contacts_until', 'contacts_province',
            'beds', 'icu', 'care_from', 'care_province', 'prisoners', 'prisoners_on', 'tests', 'tests_from', 'tests_lab', 'closure_from', 'closure_until'].forEach(function (name) { if (query.has(name) && field(name)) field(name).value = query.get(name); });
          ['open', 'screening', 'quarantine', 'school', 'closure'].concat(Array.prototype.map.call(form.querySelectorAll('[name^="layer_"]'),
            function (box) { return box.name; })).forEach(function (name) { if (query.has(name)) field(name).checked = query.get(name) === 'on'; });
          var repeat = Number(query.get('repeat') || 0);
          var first = ask();
          if (repeat > 0) {
            // The browser test's measurement: R0 moved `repeat` times, one change after the last redraw.
            var base = Number(field('r0').value), step = 0;
            timings = [];
            var next = function () {
              if (step >= repeat) {
                var sorted = timings.slice(1).sort(function (a, b) { return a - b; });
                status.dataset.medianMs = sorted[Math.floor(sorted.length / 2)].toFixed(1);
                status.dataset.changes = String(sorted.length);
                return;
              }
              step += 1;
              field('r0').value = (base + (step % 2 ? -0.2 : 0)).toFixed(1);
              return ask().then(next);
            };
            first.then(next);
          }
        })();
        """
}
