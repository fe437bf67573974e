// The HTML tables and cards of report.html: headline metrics, every metric with its definition,
// the breakdowns per symbol, strategy and year, and the trade list.
import type { GroupBreakdown, PeriodBreakdown } from '../breakdowns.js';
import { isoMs, localDateTime } from '../local-date.js';
import type { RunResults } from '../results.js';
import { decimalNumber } from '../decimal-number.js';
import type { FullMetrics } from '../run-analysis.js';
import { esc, formatMoney, formatValue, signClass, valueSpan } from './format.js';
import { HEADLINE, METRIC_GROUPS, specOf } from './metric-specs.js';

/** A money cell with its exact decimal in `data-value`, coloured by sign when it is a P&L. */
function moneyCell(field: string, key: string, dec: string, signed = true): string {
  const cls = signed ? ` ${signClass(Number(dec))}` : '';
  return `<td class="num${cls}" data-${field}="${esc(key)}" data-value="${esc(dec)}">${esc(formatMoney(dec))}</td>`;
}

/** The headline cards: the numbers a trader looks at first. */
export function headlineCards(m: FullMetrics): string {
  return `<div class="cards">${HEADLINE.map((k) => {
    const s = specOf(k);
    return `<div class="card" title="${esc(s.help)}"><div class="label">${esc(s.label)}</div>${valueSpan('metric', k, m[k], s.kind, s.signed)}</div>`;
  }).join('')}</div>`;
}

/** Every metric, grouped, with its definition. */
export function metricsTables(m: FullMetrics): string {
  return METRIC_GROUPS.map((g) => `<table class="metrics"><caption>${esc(g.title)}</caption><tbody>${g.metrics.map((s) =>
    `<tr><th>${esc(s.label)}</th><td class="num">${valueSpan('metric', s.key, m[s.key], s.kind, s.signed)}</td><td class="help">${esc(s.help)}</td></tr>`).join('')}</tbody></table>`).join('');
}

/** The breakdown of P&L and trades per symbol or per strategy. */
export function groupTable(title: string, attr: string, rows: readonly GroupBreakdown[]): string {
  const head = '<tr><th></th><th>Trades</th><th>Win rate</th><th>Realized P&amp;L</th><th>Unrealized</th><th>Total P&amp;L</th><th>Commissions</th><th>Traded value</th></tr>';
  const body = rows.map((g) => `<tr><th>${esc(g.key)}</th><td class="num">${formatValue(g.trade_count, 'int')}</td><td class="num">${formatValue(g.win_rate, 'pct')}</td>`
    + moneyCell(`${attr}-realized`, g.key, g.realized_pl) + moneyCell(`${attr}-unrealized`, g.key, g.unrealized_pl)
    + moneyCell(`${attr}-total`, g.key, g.total_pl) + moneyCell(`${attr}-commissions`, g.key, g.commissions, false)
    + `<td class="num">${esc(formatMoney(g.traded_value))}</td></tr>`).join('');
  return `<table class="grid"><caption>${esc(title)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** Returns per year, against the benchmark. */
export function yearTable(rows: readonly PeriodBreakdown[], benchmark: string | null): string {
  const head = `<tr><th>Year</th><th>Return</th>${benchmark ? `<th>${esc(benchmark)} (buy and hold)</th>` : ''}<th>Trades</th><th>Equity at year end</th></tr>`;
  const body = rows.map((p) => `<tr><th>${esc(p.period)}</th><td class="num ${signClass(p.return)}">${formatValue(p.return, 'pct')}</td>`
    + (benchmark ? `<td class="num ${signClass(p.benchmark_return)}">${formatValue(p.benchmark_return, 'pct')}</td>` : '')
    + `<td class="num">${formatValue(p.trade_count, 'int')}</td><td class="num">${esc(formatMoney(p.end_equity))}</td></tr>`).join('');
  return `<table class="grid"><caption>Returns per year</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** The listed trades, most recent first, times in the data's zone; `before` closed trades precede the first listed. */
export function tradeTable(r: RunResults, listed: readonly number[], before: number): string {
  const t = r.trades;
  const zone = r.run.data.timezone;
  const head = `<tr><th>#</th><th class="l">Symbol</th><th class="l">Strategy</th><th class="l">Side</th><th>Qty</th><th class="l">Entry (${esc(zone)})</th>`
    + '<th>Entry price</th><th class="l">Exit</th><th>Exit price</th><th>Net P&amp;L</th><th>Return</th><th>Held</th></tr>';
  const rows: string[] = [];
  for (let k = listed.length - 1; k >= 0; k--) {
    const i = listed[k]!;
    const entryMs = isoMs(t.entry_time[i]!), exitMs = isoMs(t.exit_time[i]!);
    const cost = decimalNumber(t.entry_price[i]!) * decimalNumber(t.quantity[i]!);
    const ret = cost > 0 ? decimalNumber(t.realized_pnl[i]!) / cost : null;
    rows.push(`<tr><td class="num">${before + k + 1}</td><td>${esc(t.symbol[i]!)}</td><td>${esc(t.strategy_id[i]!)}</td><td>${esc(t.side[i]!)}</td>`
      + `<td class="num">${esc(t.quantity[i]!)}</td><td>${localDateTime(entryMs, zone)}</td><td class="num">${esc(t.entry_price[i]!)}</td>`
      + `<td>${localDateTime(exitMs, zone)}</td><td class="num">${esc(t.exit_price[i]!)}</td>`
      + moneyCell('trade-pnl', t.trade_id[i]!, t.realized_pnl[i]!)
      + `<td class="num ${signClass(ret)}">${formatValue(ret, 'pct')}</td><td class="num">${formatValue((exitMs - entryMs) / 1000, 'duration')}</td></tr>`);
  }
  return `<div class="scroll"><table class="grid trades"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}
