/// The report's stylesheet, inlined so the file stands alone. The print rules make "Print → Save as
/// PDF" the PDF version: A4, charts never split across pages, sections start where they fit.
enum ReportStyle {
    static let css = """
    :root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --accent: #0072B2; --truth: #D55E00; --paper: #fff; }
    * { box-sizing: border-box; }
    html { background: #f3f3f1; }
    body { margin: 0 auto; max-width: 1040px; padding: 28px 40px 48px; background: var(--paper); color: var(--ink);
           font: 15px/1.5 "Noto Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; }
    header { border-bottom: 3px solid var(--ink); padding-bottom: 14px; margin-bottom: 8px; }
    header .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
    h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 6px; }
    header .identity { color: var(--muted); font-size: 13px; margin: 0; }
    h2 { font-size: 20px; margin: 34px 0 8px; padding-top: 10px; border-top: 1px solid var(--rule); }
    h3 { font-size: 16px; margin: 20px 0 6px; }
    p { margin: 8px 0; max-width: 78ch; }
    .lead { font-size: 16px; }
    .note { color: var(--muted); font-size: 13px; }
    .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin: 18px 0 8px; }
    .figure-card { border: 1px solid var(--rule); border-top: 4px solid var(--ink); padding: 10px 14px 12px; }
    .figure-card.truth { border-top-color: var(--truth); }
    .figure-card.recorded { border-top-color: var(--accent); border-top-style: dashed; }
    .figure-card .label { font-size: 13px; color: var(--muted); margin: 0; }
    .figure-card .value { font-size: 26px; font-weight: bold; margin: 2px 0; font-variant-numeric: tabular-nums; }
    .figure-card .context { font-size: 13px; margin: 0; }
    .figure-card .interval { font-size: 13px; margin: 0 0 2px; font-variant-numeric: tabular-nums; }
    .refusal { border-left: 4px solid var(--truth); padding: 6px 12px; font-weight: bold; }
    figure { margin: 16px 0; break-inside: avoid; page-break-inside: avoid; }
    figure svg { display: block; width: 100%; height: auto; max-width: 100%; }
    figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; max-width: 78ch; }
    .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
    .pair figure { margin: 8px 0; }
    table { border-collapse: collapse; margin: 12px 0; font-size: 13px; width: 100%; break-inside: auto; }
    caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
    th, td { padding: 4px 6px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid var(--ink); font-weight: bold; vertical-align: bottom; }
    thead th.num { white-space: normal; }
    tbody th { font-weight: normal; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.parameters { width: auto; }
    table.parameters th { width: 42%; color: var(--muted); }
    ol.timeline { padding-left: 24px; font-size: 14px; }
    ol.timeline li { margin: 2px 0; }
    .averted { font-weight: bold; }
    footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--rule); font-size: 12px; color: var(--muted); }
    @media (max-width: 760px) { body { padding: 16px; } .figures, .pair { grid-template-columns: 1fr; } }
    @page { size: A4; margin: 14mm 12mm; }
    @media print {
      html, body { background: #fff; }
      body { max-width: none; padding: 0; font-size: 10.5pt; }
      h2 { break-after: avoid; page-break-after: avoid; }
      section { break-before: auto; }
      .figures { grid-template-columns: repeat(3, 1fr); }
      .pair { grid-template-columns: 1fr 1fr; }
      table { font-size: 9pt; }
      tr { break-inside: avoid; }
    }
    """
}
