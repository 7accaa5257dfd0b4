/// The API's OpenAPI 3 description, served at `/api/v1/openapi.json`. Written by hand: the API is
/// small, and a generator would cost more build time than the document costs to keep.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "Sarhad dashboard API",
        "version": "1.0.0",
        "description": "Scenarios (TOML, validated like `sarhad scenario check`), runs in a bounded queue with live progress, and their outputs. When the server is bound to a non-loopback address every call needs `Authorization: Bearer TOKEN`; a client that sends 10 wrong tokens within 60 s is answered 429 (with Retry-After) until the oldest of them is 60 s old. Every call must name the server in its Host header by the address it listens on (or localhost on loopback, or an --allowed-host name); others are answered 421. Request bodies with fields the endpoint does not know are answered 400 (code unknown_field). Lists are paginated with ?page (from 1) and ?limit (1 to 500, default 100), and say the total in X-Total-Count and the neighbouring pages in Link."
      },
      "servers": [{"url": "/api/v1"}],
      "security": [{"bearer": []}, {}],
      "paths": {
        "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3 document", "content": {"application/json": {}}}}}},
        "/parameters": {"get": {"summary": "Every scenario parameter: key, unit, expectation, source and built-in default",
          "responses": {"200": {"description": "The catalogue", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Parameter"}}}}}}}},
        "/scenarios": {
          "get": {"summary": "List scenarios (without their text), oldest first, one page at a time",
            "parameters": [{"$ref": "#/components/parameters/Page"}, {"$ref": "#/components/parameters/Limit"}],
            "responses": {"400": {"$ref": "#/components/responses/Error"}, "200": {"description": "Scenarios", "headers": {"X-Total-Count": {"$ref": "#/components/headers/TotalCount"}, "Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Scenario"}}}}}}},
          "post": {"summary": "Create a scenario from TOML, or a copy of the built-in one",
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"$ref": "#/components/schemas/ScenarioCreation"}},
              "application/toml": {"schema": {"type": "string"}}}},
            "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Scenario"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
        },
        "/scenarios/{id}": {
          "parameters": [{"$ref": "#/components/parameters/Id"}],
          "get": {"summary": "A scenario with its TOML", "responses": {"200": {"description": "The scenario", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Scenario"}}}}, "404": {"$ref": "#/components/responses/Error"}}},
          "put": {"summary": "Replace a scenario's TOML (nothing is stored if it does not validate)",
            "requestBody": {"required": true, "content": {
              "application/json": {"schema": {"type": "object", "required": ["toml"], "properties": {"toml": {"type": "string"}}}},
              "application/toml": {"schema": {"type": "string"}}}},
            "responses": {"200": {"description": "Updated", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Scenario"}}}},
              "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}},
          "delete": {"summary": "Delete a scenario (its runs keep their own copy)", "responses": {"204": {"description": "Deleted"}, "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/runs": {
          "get": {"summary": "List runs, newest first, one page at a time",
            "parameters": [{"$ref": "#/components/parameters/Page"}, {"$ref": "#/components/parameters/Limit"}],
            "responses": {"400": {"$ref": "#/components/responses/Error"}, "200": {"description": "Runs", "headers": {"X-Total-Count": {"$ref": "#/components/headers/TotalCount"}, "Link": {"$ref": "#/components/headers/Link"}}, "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}}}}}},
          "post": {"summary": "Queue a run of a stored scenario",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RunRequest"}}}},
            "responses": {"202": {"description": "Queued", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}}},
              "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"},
              "400": {"$ref": "#/components/responses/Error"},
              "422": {"description": "Invalid end date (before the start, or a run of more than 3,660 days) or scale, or the run would not fit in memory (code insufficient_memory)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}
        },
        "/comparisons": {
          "post": {"summary": "Queue stored scenarios compared with common random numbers (as `sarhad compare`): replicate r of each uses the same seed; a job of kind comparison",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["scenario_ids"], "additionalProperties": false, "properties": {
              "scenario_ids": {"type": "array", "items": {"type": "integer", "format": "int64"}, "minItems": 2, "maxItems": 20, "description": "The baseline first"},
              "replicates": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 10},
              "seed": {"type": "integer", "format": "int64", "minimum": 0, "maximum": 9223372036854775807, "default": 1},
              "end_date": {"type": "string", "format": "date", "description": "Applied to every scenario"},
              "population_scale": {"type": "number", "description": "Applied to every scenario"}}}}}},
            "responses": {"202": {"description": "Queued", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"},
              "409": {"description": "The scenarios end on different days or run at different scales (code incomparable_runs)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "422": {"$ref": "#/components/responses/Error"}}}
        },
        "/sweeps": {
          "post": {"summary": "Queue a stored scenario over a grid of parameter values (as `sarhad sweep`); replicate r uses the same seed at every point",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["scenario_id", "set"], "additionalProperties": false, "properties": {
              "scenario_id": {"type": "integer", "format": "int64"},
              "set": {"type": "array", "items": {"type": "string"}, "description": "section.key=v1,v2,… per dimension, e.g. disease.r0=1.8,2.4"},
              "replicates": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 5},
              "seed": {"type": "integer", "format": "int64", "default": 1},
              "end_date": {"type": "string", "format": "date"}, "population_scale": {"type": "number"}}}}}},
            "responses": {"202": {"description": "Queued; files sweep.csv, scenario.toml, timings.json", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
        },
        "/calibrations": {
          "post": {"summary": "Queue a calibration of a stored scenario to a record (as `sarhad calibrate`); progress counts generations, each with its line in `message`",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["scenario_id", "through"], "additionalProperties": false, "properties": {
              "scenario_id": {"type": "integer", "format": "int64"},
              "through": {"type": "string", "format": "date", "description": "The last recorded day fitted"},
              "record": {"type": "string", "description": "A record file's CSV text (date,province,measure,value); default: the country pack's record"},
              "provinces": {"type": "boolean", "default": false, "description": "Also fit the provincial case counts"},
              "particles": {"type": "integer", "minimum": 10, "maximum": 100000, "default": 200},
              "generations": {"type": "integer", "minimum": 1, "maximum": 100, "default": 4},
              "predictive": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 20},
              "seed": {"type": "integer", "format": "int64", "default": 1},
              "end_date": {"type": "string", "format": "date", "description": "The posterior predictive's last day"},
              "population_scale": {"type": "number"}}}}}},
            "responses": {"202": {"description": "Queued; files posterior.csv, posterior-summary.csv, hidden-epidemic.csv, generations.csv, quantiles.csv, scenario.toml", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
        },
        "/forecasts": {
          "post": {"summary": "Queue a forecast from a record with the twin's particle filter (as `sarhad forecast`)",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["scenario_id"], "additionalProperties": false, "properties": {
              "scenario_id": {"type": "integer", "format": "int64"},
              "record": {"type": "string", "description": "A record file's CSV text; default: the country pack's record"},
              "from": {"type": "string", "format": "date", "description": "The origin; default: the record's last day"},
              "horizon": {"type": "integer", "minimum": 1, "maximum": 365, "default": 28},
              "particles": {"type": "integer", "minimum": 20, "maximum": 5000, "default": 200},
              "seed": {"type": "integer", "format": "int64", "default": 1},
              "walk_sd": {"type": "number", "minimum": 0, "maximum": 2, "default": 0.1},
              "population_scale": {"type": "number", "default": 1}}}}}},
            "responses": {"202": {"description": "Queued; files forecast.csv, posterior.csv, forecast.html", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
        },
        "/backtests": {
          "post": {"summary": "Queue a backtest (as `sarhad backtest`): forecasts from past origins with only the record then known, scored against what followed; progress counts origins",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["scenario_id", "origins"], "additionalProperties": false, "properties": {
              "scenario_id": {"type": "integer", "format": "int64"},
              "record": {"type": "string", "description": "A record file's CSV text; default: the country pack's record"},
              "origins": {"type": "array", "items": {"type": "string", "format": "date"}, "minItems": 1, "maxItems": 200},
              "horizon": {"type": "integer", "minimum": 1, "maximum": 365, "default": 28},
              "particles": {"type": "integer", "minimum": 20, "maximum": 5000, "default": 200},
              "seed": {"type": "integer", "format": "int64", "minimum": 0, "maximum": 9223372036854775807, "default": 1},
              "walk_sd": {"type": "number", "minimum": 0, "maximum": 2, "default": 0.1},
              "population_scale": {"type": "number", "default": 1}}}}}},
            "responses": {"202": {"description": "Queued; files scores-summary.csv, scores.csv, backtest.csv, forecast.csv, forecast.html", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
        },
        "/runs/{id}": {"parameters": [{"$ref": "#/components/parameters/Id"}],
          "get": {"summary": "A run", "responses": {"200": {"description": "The run", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}}}, "404": {"$ref": "#/components/responses/Error"}}}},
        "/runs/{id}/cancel": {"parameters": [{"$ref": "#/components/parameters/Id"}],
          "post": {"summary": "Cancel a queued run at once, or a running one before its next simulated day",
            "responses": {"202": {"description": "Cancelled or cancel requested", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Run"}}}},
              "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}},
        "/runs/{id}/events": {"parameters": [{"$ref": "#/components/parameters/Id"}],
          "get": {"summary": "Live progress as server-sent events (`event: progress`, data a Progress object); the stream ends after the final state",
            "responses": {"200": {"description": "Event stream", "content": {"text/event-stream": {"schema": {"$ref": "#/components/schemas/Progress"}}}}, "404": {"$ref": "#/components/responses/Error"}}}},
        "/runs/{id}/files/{name}": {
          "parameters": [{"$ref": "#/components/parameters/Id"},
            {"name": "name", "in": "path", "required": true, "schema": {"type": "string", "enum": ["timeseries.csv", "quantiles.csv", "summary.json", "scenario.toml", "report.html", "comparison.csv", "sweep.csv", "timings.json", "posterior.csv", "posterior-summary.csv", "hidden-epidemic.csv", "generations.csv", "forecast.csv", "forecast.html", "backtest.csv", "scores.csv", "scores-summary.csv"]}}],
          "get": {"summary": "A succeeded job's output file, byte for byte as the CLI's command of that kind writes it (the job's `files` lists which it has)",
            "responses": {"200": {"description": "The file", "content": {"text/csv": {}, "application/json": {}, "application/toml": {}, "text/html": {}}},
              "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}},
        "/what-if": {
          "post": {"summary": "The deterministic twin's curves for a scenario with changes, at once (about a second): true and recorded infections and deaths, beds and intensive care needed against capacity, health workers infected, national and per province, real population; the built-in scenario is the served pack's (sarhad serve --country)",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {
              "scenario": {"type": "integer", "format": "int64", "description": "A stored scenario's id"},
              "toml": {"type": "string", "description": "A scenario's text (instead of an id); neither: the built-in scenario"},
              "overrides": {"type": "string", "description": "Changes as scenario TOML read over it, e.g. \"[disease]\\nr0 = 1.8\\n\""},
              "series": {"type": "string", "default": "all", "description": "Whose daily series come besides the nation's: all (every province), national (none) or one province's name; every province's totals come either way"}}}}}},
            "responses": {"200": {"description": "start, days, national and provinces: name, series (measure → one value a day), totals (flows summed, stocks at their peak)", "content": {"application/json": {}}},
              "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}
        },
        "/compare": {
          "get": {"summary": "The HTML report comparing runs; the first is the baseline",
            "parameters": [{"name": "runs", "in": "query", "required": true, "description": "Comma-separated run ids, e.g. 3,4; repeats count once; at most 20 distinct runs (400 too_many_runs beyond)", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "Self-contained HTML report", "content": {"text/html": {}}}, "400": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}}
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "The server's --token (or SARHAD_TOKEN); required off loopback"}},
        "parameters": {"Id": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64", "minimum": 1}},
          "Page": {"name": "page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "default": 1}},
          "Limit": {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}}},
        "headers": {"TotalCount": {"description": "Rows in the whole list", "schema": {"type": "integer"}},
          "Link": {"description": "The next and previous pages (rel=next, rel=prev), when there are any", "schema": {"type": "string"}}},
        "responses": {"Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
        "schemas": {
          "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string", "example": "invalid_scenario"},
            "message": {"type": "string"},
            "key": {"type": "string", "description": "Scenario key path (e.g. disease.r0) or request field"},
            "line": {"type": "integer", "description": "Line of the TOML text"},
            "expected": {"type": "string"},
            "field": {"type": "string", "description": "The form field the error belongs to: a parameter path, `structured`, or a run request field"}}}}},
          "Scenario": {"type": "object", "required": ["id", "name", "created_at", "updated_at"], "properties": {
            "id": {"type": "integer", "format": "int64"}, "name": {"type": "string"},
            "toml": {"type": "string", "description": "Left out of lists"},
            "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
          "ScenarioCreation": {"type": "object", "additionalProperties": false, "properties": {
            "toml": {"type": "string"}, "from": {"type": "string", "enum": ["built-in"]}}, "description": "Exactly one of toml and from"},
          "RunRequest": {"type": "object", "required": ["scenario_id", "seed"], "additionalProperties": false,
            "description": "One run, or with replicates above 1 an ensemble as `sarhad run --replicates` makes it (quantiles.csv beside the replicates)", "properties": {
            "replicates": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1},
            "overrides": {"type": "string", "description": "Changes as scenario TOML read over the stored scenario (the what-if page's levers); the run keeps the changed scenario's text; errors give the key and line"},
            "scenario_id": {"type": "integer", "format": "int64"},
            "seed": {"type": "integer", "format": "int64", "minimum": 0},
            "end_date": {"type": "string", "format": "date", "description": "Default: the scenario's end; at most 3,660 days from the scenario's start"},
            "population_scale": {"type": "number", "exclusiveMinimum": true, "minimum": 0, "maximum": 1, "description": "Default: the scenario's scale"}}},
          "Run": {"type": "object", "required": ["id", "kind", "replicates", "progress_unit", "scenario_name", "seed", "end_date", "population_scale", "agents", "estimated_bytes", "status", "days_done", "day_count", "created_at", "files"], "properties": {
            "id": {"type": "integer", "format": "int64"}, "scenario_id": {"type": "integer", "format": "int64"},
            "kind": {"type": "string", "enum": ["run", "comparison", "sweep", "calibration", "forecast", "backtest"]},
            "replicates": {"type": "integer"},
            "progress_unit": {"type": "string", "enum": ["day", "replicate", "generation", "step", "origin"], "description": "What days_done and day_count count"},
            "scenario_name": {"type": "string"}, "seed": {"type": "integer", "format": "int64"},
            "end_date": {"type": "string", "format": "date"}, "population_scale": {"type": "number"},
            "agents": {"type": "integer"}, "estimated_bytes": {"type": "integer", "format": "int64"},
            "status": {"$ref": "#/components/schemas/Status"},
            "days_done": {"type": "integer"}, "day_count": {"type": "integer"}, "message": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"}, "started_at": {"type": "string", "format": "date-time"},
            "finished_at": {"type": "string", "format": "date-time"},
            "files": {"type": "object", "additionalProperties": {"type": "string"}, "description": "File name to download path; succeeded runs only"}}},
          "Progress": {"type": "object", "required": ["run_id", "status", "days_done", "day_count"], "properties": {
            "run_id": {"type": "integer", "format": "int64"}, "status": {"$ref": "#/components/schemas/Status"},
            "days_done": {"type": "integer"}, "day_count": {"type": "integer"}, "message": {"type": "string"}}},
          "Status": {"type": "string", "enum": ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"]},
          "Parameter": {"type": "object", "properties": {
            "path": {"type": "string"}, "section": {"type": "string"}, "key": {"type": "string"}, "expected": {"type": "string"},
            "unit": {"type": "string"}, "summary": {"type": "string"}, "source": {"type": "string"}, "default_value": {"type": "string"}}}
        }
      }
    }
    """#
}
