// report.html of a sweep: one self-contained page (uPlot inlined) with the top combinations, a heatmap
// of the ranking metric for any two parameters, the equity curves of the top N and the walk-forward.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../model/index.js';
import { NCOLS, ROW_COLUMNS } from './row-metrics.js';
import type { SweepPlan } from './plan.js';
import type { RowStore } from './rows-file.js';
import type { TopEntry } from './top-details.js';
import type { SymbolWalkForward } from './walk-forward.js';

/** Rows embedded for the heatmap; larger sweeps point to results.parquet instead. */
export const HTML_MAX_ROWS = 100_000;

/** What the page shows. */
export interface ReportInput {
  readonly title: string;
  /** Label and value lines of the summary. */
  readonly summary: readonly (readonly [string, string])[];
  readonly plan: SweepPlan;
  readonly store: RowStore;
  readonly ranks: Int32Array;
  readonly symbols: readonly string[];
  readonly metric: string;
  readonly order: 'asc' | 'desc';
  readonly top: readonly TopEntry[];
  readonly walkForward: readonly SymbolWalkForward[] | null;
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const cell = (x: number | null | undefined): string => (x === null || x === undefined || x !== x ? '–' : String(Number(x.toPrecision(6))));

/** The data the page's script reads (numbers exact; NaN becomes null). */
function pageData(r: ReportInput): unknown {
  const { plan, store } = r;
  const tasks: number[] = [];
  for (let t = 0; t < plan.tasks; t++) if (store.done[t]) tasks.push(t);
  const embed = tasks.length <= HTML_MAX_ROWS;
  const k = plan.names.length;
  const num = (x: number): number | null => (x === x ? x : null);
  return {
    names: plan.names, metrics: ROW_COLUMNS, metric: r.metric, order: r.order, symbols: r.symbols, bestSymbol: r.top[0]?.symbol ?? 0,
    rows: embed ? {
      symbol: tasks.map((t) => plan.units[Math.floor(t / plan.nCombos)]!.symbol),
      window: tasks.map((t) => plan.units[Math.floor(t / plan.nCombos)]!.window),
      params: plan.names.map((_, i) => tasks.map((t) => plan.combos[(t % plan.nCombos) * k + i]!)),
      values: ROW_COLUMNS.map((_, j) => tasks.map((t) => num(store.values[t * NCOLS + j]!))),
    } : null,
    top: r.top.map((e) => ({ label: `#${e.rank} ${r.symbols[e.symbol]} ${plan.names.map((n) => `${n}=${e.values[n]}`).join(' ')}`, t: Array.from(e.dayTimes, (x) => x / 1000), y: Array.from(e.dailyEquity, (x) => Math.round(x * 100) / 100) })),
    wf: r.walkForward?.map((s) => ({ label: `${r.symbols[s.symbol]} out of sample (stitched)`, t: Array.from(s.times, (x) => x / 1000), y: Array.from(s.equity, (x) => Math.round(x * 100) / 100) })) ?? [],
  };
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The page as text (deterministic: no clock, no random ids). */
export function renderReport(r: ReportInput): string {
  const dist = join(packageRoot(), 'node_modules', 'uplot', 'dist');
  const uplotJs = readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8');
  const uplotCss = readFileSync(join(dist, 'uPlot.min.css'), 'utf8');
  const metricCols = ROW_COLUMNS.filter((c) => c !== 'trade_count');
  const topTable = table(['rank', 'symbol', ...r.plan.names, 'trades', ...metricCols], r.top.map((e) => [
    String(e.rank), r.symbols[e.symbol]!, ...r.plan.names.map((n) => String(e.values[n])), String(e.row[0]), ...metricCols.map((c) => cell(e.row[ROW_COLUMNS.indexOf(c)]!)),
  ]));
  const wfTables = (r.walkForward ?? []).map((s) => `<h3>${esc(r.symbols[s.symbol]!)}</h3>` + table(['window', ...r.plan.names, `in-sample ${r.metric}`, `out-of-sample ${r.metric}`, 'out-of-sample return', 'deflated Sharpe'], s.windows.map((w) => [
    String(w.window + 1), ...r.plan.names.map((n) => (w.values ? String(w.values[n]) : '–')), cell(w.isRow?.[ROW_COLUMNS.indexOf(r.metric as never)]),
    cell(w.oos ? (w.oos.metrics as unknown as Record<string, number | null>)[r.metric] : null), cell(w.oos?.metrics.total_return), cell(w.deflated?.value),
  ])) + `<p>stitched out of sample: total return ${cell(s.metrics.total_return)}, Sharpe ${cell(s.metrics.sharpe)}, max drawdown ${cell(s.metrics.max_drawdown)}; mean ${esc(r.metric)} in sample ${cell(s.isMean)}, out of sample ${cell(s.oosMean)}</p>`).join('');
  const data = JSON.stringify(pageData(r)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>${uplotCss}
body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}
th{background:#f4f4f4}.sum td:first-child{text-align:left;color:#555}#heat{border:1px solid #ccc;image-rendering:pixelated}#tip{min-height:1.4em;color:#333}select{margin-right:12px}</style>
</head><body>
<h1>${esc(r.title)}</h1>
<table class="sum">${r.summary.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>
${r.top.length ? `<h2>Top ${r.top.length} by ${esc(r.metric)}</h2>${topTable}` : ''}
<h2>Heatmap</h2>
<div id="heatctl"></div><canvas id="heat" width="760" height="520"></canvas><div id="tip"></div>
${r.top.length ? `<h2>Equity of the top ${r.top.length}</h2><div id="eq"></div>` : ''}
${r.walkForward ? `<h2>Walk-forward</h2>${wfTables}<div id="wf"></div>` : ''}
<script type="application/json" id="data">${data}</script>
<script>${uplotJs}</script>
<script>
const D = JSON.parse(document.getElementById('data').textContent);
function chart(el, series) {
  if (!series.length) return;
  const times = [...new Set(series.flatMap((s) => s.t))].sort((a, b) => a - b);
  const ys = series.map((s) => { const m = new Map(s.t.map((t, i) => [t, s.y[i]])); return times.map((t) => m.has(t) ? m.get(t) : null); });
  const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  new uPlot({ width: 960, height: 360, axes: [{}, { size: 80 }], series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: colors[i % colors.length], spanGaps: true }))], scales: { x: { time: true } } }, [times, ...ys], document.getElementById(el));
}
chart('eq', D.top);
chart('wf', D.wf);
(function heatmap() {
  const ctl = document.getElementById('heatctl'), cv = document.getElementById('heat'), tip = document.getElementById('tip');
  if (!D.rows) { tip.textContent = 'too many rows to embed: read results.parquet'; return; }
  if (D.names.length < 2) { tip.textContent = 'one parameter: no heatmap'; return; }
  const sel = (id, opts, v) => { const s = document.createElement('select'); s.id = id; opts.forEach((o, i) => s.add(new Option(o[0], o[1]))); s.value = String(v); s.onchange = draw; ctl.append(id.replace(/^h/, '') + ' ', s); return s; };
  const sx = sel('hx', D.names.map((n, i) => [n, i]), 0), sy = sel('hy', D.names.map((n, i) => [n, i]), 1);
  const sm = sel('hmetric', D.metrics.map((n, i) => [n, i]), D.metrics.indexOf(D.metric));
  const ss = sel('hsymbol', D.symbols.map((n, i) => [n, i]), D.bestSymbol);
  const wins = [...new Set(D.rows.window)].sort((a, b) => a - b);
  const sw = sel('hwindow', wins.map((w) => [w < 0 ? 'all' : String(w + 1), w]), wins[0]);
  if (D.symbols.length < 2) ss.style.display = ss.previousSibling.textContent = '';
  if (wins.length < 2) sw.style.display = sw.previousSibling.textContent = '';
  function draw() {
    const x = +sx.value, y = +sy.value, m = +sm.value, s = +ss.value, w = +sw.value;
    const lowBetter = D.metrics[m] === 'max_drawdown' || D.metrics[m] === 'annual_volatility';
    const xs = [...new Set(D.rows.params[x])].sort((a, b) => a - b), ys = [...new Set(D.rows.params[y])].sort((a, b) => a - b);
    const cells = new Map();
    for (let i = 0; i < D.rows.symbol.length; i++) {
      const v = D.rows.values[m][i];
      if (D.rows.symbol[i] !== s || D.rows.window[i] !== w || v === null) continue;
      const key = D.rows.params[x][i] + ',' + D.rows.params[y][i], old = cells.get(key);
      if (old === undefined || (lowBetter ? v < old : v > old)) cells.set(key, v);
    }
    const vals = [...cells.values()], lo = Math.min(...vals), hi = Math.max(...vals);
    const L = 70, B = 40, W = cv.width - L - 10, H = cv.height - B - 10;
    const cw = W / Math.max(1, xs.length), ch = H / Math.max(1, ys.length), g = cv.getContext('2d');
    g.clearRect(0, 0, cv.width, cv.height);
    xs.forEach((a, i) => ys.forEach((b, j) => {
      const v = cells.get(a + ',' + b); if (v === undefined) return;
      let f = hi > lo ? (v - lo) / (hi - lo) : 0.5; if (lowBetter) f = 1 - f;
      g.fillStyle = 'hsl(' + Math.round(f * 120) + ',70%,50%)'; g.fillRect(L + i * cw, 10 + H - (j + 1) * ch, Math.ceil(cw), Math.ceil(ch));
    }));
    g.fillStyle = '#222'; g.font = '12px sans-serif'; g.textAlign = 'center';
    const every = (n) => Math.max(1, Math.ceil(n / 12));
    xs.forEach((a, i) => { if (i % every(xs.length) === 0) g.fillText(String(a), L + (i + 0.5) * cw, 10 + H + 16); });
    g.fillText(D.names[x], L + W / 2, 10 + H + 34);
    g.textAlign = 'right';
    ys.forEach((b, j) => { if (j % every(ys.length) === 0) g.fillText(String(b), L - 6, 10 + H - (j + 0.5) * ch + 4); });
    g.save(); g.translate(14, 10 + H / 2); g.rotate(-Math.PI / 2); g.textAlign = 'center'; g.fillText(D.names[y], 0, 0); g.restore();
    cv.onmousemove = (e) => {
      const i = Math.floor((e.offsetX - L) / cw), j = Math.floor((10 + H - e.offsetY) / ch), a = xs[i], b = ys[j], v = cells.get(a + ',' + b);
      tip.textContent = a === undefined || b === undefined ? '' : D.names[x] + '=' + a + ', ' + D.names[y] + '=' + b + ': ' + D.metrics[m] + ' ' + (v === undefined ? '–' : v) + ' (best over the other parameters)';
    };
    tip.textContent = 'each cell: the best ' + D.metrics[m] + ' over the other parameters; green is better (range ' + lo + ' … ' + hi + ')';
  }
  draw();
})();
</script>
</body></html>
`;
}
