// report.html: one self-contained page (uPlot, its CSS, the data and the script inlined) that
// opens offline. Deterministic: the same results give the same bytes (no clock, no random ids).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RunResults } from '../results.js';
import type { Analysis } from '../run-result.js';
import { chartData, listedTrades } from './chart-data.js';
import { esc, formatMoney, formatValue } from './format.js';
import { monthlyHeatmapSvg } from './heatmap-svg.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';
import { groupTable, headlineCards, metricsTables, tradeTable, yearTable } from './tables.js';

let uplot: { js: string; css: string } | undefined;

/** uPlot's minified bundle and stylesheet, read from node_modules once. */
function uplotAssets(): { js: string; css: string } {
  if (!uplot) {
    const require = createRequire(import.meta.url);
    uplot = {
      js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  }
  return uplot;
}

/** JSON safe inside a `<script>` element: `<` is escaped so that no `</script>` can close it early. */
function scriptJson(x: unknown): string {
  return JSON.stringify(x).replace(/</g, '\\u003c');
}

function strategyLabel(config: unknown): string {
  const s = (config as { strategy?: { name?: unknown; params?: Record<string, unknown> } } | null)?.strategy;
  if (!s || typeof s.name !== 'string') return '';
  const params = Object.entries(s.params ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  return `${s.name}(${params})`;
}

function chartDiv(id: string, name: string, empty: string): string {
  return `<div id="${id}" class="chart" data-chart="${name}" data-empty="${esc(empty)}"></div>`;
}

function moneyField(label: string, field: string, dec: string): string {
  const n = Number(dec);
  const cls = field.endsWith('_pl') ? (n > 0 ? ' pos' : n < 0 ? ' neg' : '') : '';
  return `<div><span>${esc(label)}</span><span class="v${cls}" data-field="${field}" data-value="${esc(dec)}">${esc(formatMoney(dec))}</span></div>`;
}

/** Renders the whole report page of a run. */
export function renderReportHtml(r: RunResults, analysis: Analysis): string {
  const { result, daily } = analysis;
  const m = result.metrics;
  const b = result.breakdowns;
  const d = r.run.data;
  const o = r.options;
  const charts = chartData(r, daily);
  const listed = listedTrades(r);
  const closed = r.trades.status.filter((s) => s === 'closed').length;
  const bench = r.benchmark?.symbol ?? null;
  const assets = uplotAssets();
  const str = (k: string): string => String(result[k]);
  const notes = [
    ...charts.notes,
    `Annualised figures use one equity sample per trading day (the last snapshot of each date in ${d.timezone}), ${o.periods_per_year} periods a year and a risk-free rate of ${formatValue(o.risk_free_rate, 'pct')}.`,
    'Exposure is the share of the run\'s bars (timeline timestamps) during which a round trip was open, from its entry bar up to its exit bar.',
    bench ? `The benchmark is ${bench} bought at its first open and held, without costs.` : 'No benchmark was configured (reporting.benchmark: null).',
  ];
  const html = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>qtrader report — ${esc(r.run.run_id)}</title>`,
    `<style>${assets.css}</style><style>${PAGE_STYLE}</style></head>`,
    '<body><main>',
    `<header><h1>Backtest report</h1><p class="sub">run <b>${esc(r.run.run_id)}</b> · ${esc(strategyLabel(r.run.config))} · engine ${esc(r.run.engine)}</p>`,
    `<p class="sub">${esc(d.symbols.join(', '))} · ${formatValue(d.bars, 'int')} bars · ${esc(d.first_timestamp ?? '')} → ${esc(d.last_timestamp ?? '')} · times in ${esc(d.timezone)}</p>`,
    `<p class="sub">benchmark: ${bench ? `${esc(bench)} (buy and hold)` : 'none'}</p></header>`,
    '<div class="money">',
    moneyField('Initial cash', 'initial_cash', str('initial_cash')), moneyField('Final equity', 'final_equity', str('final_equity')),
    moneyField('Realized P&L', 'realized_pl', str('realized_pl')), moneyField('Unrealized P&L', 'unrealized_pl', str('unrealized_pl')),
    moneyField('Commissions', 'total_commissions', str('total_commissions')), moneyField('Fees', 'total_fees', str('total_fees')),
    '</div>',
    headlineCards(m),
    `<h2>Equity${bench ? ` against ${esc(bench)}` : ''}</h2>`, chartDiv('chart-equity', 'equity', 'no equity samples'),
    '<h2>Drawdown (underwater)</h2>', chartDiv('chart-drawdown', 'drawdown', 'no equity samples'),
    '<h2>Monthly returns</h2>', `<div class="scrollx">${monthlyHeatmapSvg(b.by_month, b.by_year)}</div>`,
    '<div class="row2"><section>',
    `<h2>Rolling Sharpe (${o.rolling_window} days)</h2>`, chartDiv('chart-rolling', 'rolling', `fewer than ${o.rolling_window} daily returns: no rolling window to draw`),
    '</section><section>',
    '<h2>Distribution of trade returns</h2>', chartDiv('chart-histogram', 'histogram', 'no closed trades'),
    '</section></div>',
    r.price ? `<h2>${esc(r.price.symbol)} with entries and exits</h2>${chartDiv('chart-price', 'price', 'no prices')}` : '',
    '<h2>Metrics</h2>', `<div class="metrics-wrap">${metricsTables(m)}</div>`,
    '<h2>Breakdowns</h2>', `<div class="scrollx">${groupTable('Per symbol', 'symbol', b.by_symbol)}${groupTable('Per strategy', 'strategy', b.by_strategy)}${yearTable(b.by_year, bench)}</div>`,
    `<h2>Trades (${formatValue(listed.length, 'int')} of ${formatValue(closed, 'int')} closed, most recent first)</h2>`, tradeTable(r, listed, closed - listed.length),
    '<h2>Notes</h2>', `<ul class="notes">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`,
    `<footer>qtrader ${esc(r.run.qtrader_version)} · run ${esc(r.run.run_id)} · rebuild with <code>qtrader report &lt;run folder&gt;</code></footer>`,
    '</main>',
    `<script>${assets.js}</script>`,
    `<script type="application/json" id="report-data">${scriptJson({ ...charts, benchmarkLabel: bench ? `${bench} (buy and hold)` : null })}</script>`,
    `<script>${PAGE_SCRIPT}</script>`,
    '</body></html>',
  ];
  return html.join('\n') + '\n';
}
