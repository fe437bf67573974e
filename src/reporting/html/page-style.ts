// The stylesheet of report.html (uPlot's own CSS is inlined next to it).

/** CSS of the report page: a light, print-friendly layout with tabular numbers. */
export const PAGE_STYLE = `
:root { --ink: #212529; --muted: #6c757d; --line: #dee2e6; --pos: #1a7f37; --neg: #c62828; --bg: #f8f9fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.sub { color: var(--muted); margin: 0 0 2px; }
.pos { color: var(--pos); } .neg { color: var(--neg); }
.num, .v { font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 10px; margin: 18px 0 6px; }
.card { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.card .v { font-size: 22px; font-weight: 600; }
.money { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 8px 0; }
.money div span:first-child { color: var(--muted); margin-right: 6px; }
.chart { width: 100%; min-height: 120px; margin: 4px 0 18px; }
.chart.empty { display: flex; align-items: center; justify-content: center; color: var(--muted); background: var(--bg); border-radius: 6px; }
.row2 { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
@media (max-width: 900px) { .row2 { grid-template-columns: 1fr; } }
.heatmap text { font-size: 11px; text-anchor: middle; font-variant-numeric: tabular-nums; }
.heatmap .head text { fill: var(--muted); }
.heatmap text.year { text-anchor: end; fill: var(--ink); font-weight: 600; }
.scrollx { overflow-x: auto; }
table { border-collapse: collapse; margin: 6px 0 18px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
.metrics-wrap { display: grid; grid-template-columns: 1fr 1fr; gap: 0 28px; align-items: start; }
@media (max-width: 900px) { .metrics-wrap { grid-template-columns: 1fr; } }
table.metrics { width: 100%; }
table.metrics th { text-align: left; font-weight: normal; padding: 3px 8px 3px 0; white-space: nowrap; }
table.metrics td { padding: 3px 8px; }
table.metrics td.help { color: var(--muted); font-size: 12px; }
table.grid th, table.grid td { padding: 4px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
table.grid thead th { text-align: right; color: var(--muted); font-weight: 600; font-size: 12px; }
table.grid tbody th, table.grid thead th.l { text-align: left; }
td.num { text-align: right; }
/* the trade list (up to reporting.html_trades rows) is below the fold: laid out only when it nears the screen */
.scroll { content-visibility: auto; contain-intrinsic-size: auto 520px; max-height: 520px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
.scroll table { margin: 0; width: 100%; }
.scroll thead th { position: sticky; top: 0; background: #fff; }
.notes { color: var(--muted); font-size: 13px; }
.notes li { margin: 2px 0; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
`;
