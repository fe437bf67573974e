// The console summary of a run: the numbers a trader looks at first, aligned, coloured on a TTY.
import { formatDuration, type IntrabarBoundsResult, type RunResult } from '../reporting/index.js';

/** How to print: ANSI colours (a TTY without NO_COLOR) or plain text (pipes, files, CI). */
export interface SummaryStyle {
  readonly color: boolean;
}

const pct = (x: unknown): string => (typeof x === 'number' ? `${(x * 100).toFixed(2)}%` : 'n/a');
const num = (x: unknown, d = 2): string => (typeof x === 'number' ? x.toFixed(d) : 'n/a');
const money = (x: unknown): string => {
  const n = Number(x);
  return x !== null && Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : 'n/a';
};

/** Whether stdout should get colours: a TTY, and neither NO_COLOR nor CI set. */
export function colorFor(stream: { isTTY?: boolean }): boolean {
  return Boolean(stream.isTTY) && !process.env['NO_COLOR'] && !process.env['CI'];
}

/**
 * Formats a run result as aligned `label  value` lines; `seconds` adds the run time. Colours by
 * default when stdout is a terminal (see {@link colorFor}), so pipes and CI get plain text.
 */
export function formatSummary(r: RunResult, outDir: string, seconds?: number, style: SummaryStyle = { color: colorFor(process.stdout) }): string {
  const paint = (code: number) => (s: string): string => (style.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const dim = paint(2), green = paint(32), red = paint(31);
  /** A signed number, green when above 0 and red below. */
  const signed = (x: unknown, text: string): string => (typeof x === 'number' && x > 0 ? green(text) : typeof x === 'number' && x < 0 ? red(text) : text);
  const m = r.metrics;
  const data = r['data'] as { symbols: string[]; bars: number; first_timestamp: string; last_timestamp: string };
  const bench = r['benchmark'] as string | null;
  const c = r.counts;
  const rows: [string, string][] = [
    ['run', `${r.run_id} (${String(r['engine'])})`],
    ['data', `${data.symbols.join(', ')}: ${data.bars.toLocaleString('en-US')} bars, ${data.first_timestamp} → ${data.last_timestamp}`],
    ['initial cash', money(r['initial_cash'])],
    ['final equity', money(r.final_equity)],
    ['total return', signed(m.total_return, pct(m.total_return)) + (bench ? dim(`  (${bench} buy and hold ${pct(m.benchmark_return)})`) : '')],
    ['CAGR', signed(m.cagr, pct(m.cagr))],
    ['volatility (ann.)', pct(m.annual_volatility)],
    ['Sharpe', `${signed(m.sharpe, num(m.sharpe))}  ${dim('Sortino')} ${num(m.sortino)}  ${dim('Calmar')} ${num(m.calmar)}  ${dim('PSR')} ${pct(m.probabilistic_sharpe)}`],
    ['max drawdown', `${pct(m.max_drawdown)}  ${dim(`(longest ${m.max_drawdown_duration_days} days; under water ${pct(m.time_under_water)} of days)`)}`],
  ];
  if (bench) rows.push(['vs benchmark', `alpha ${signed(m.alpha, pct(m.alpha))}  beta ${num(m.beta)}  information ratio ${num(m.information_ratio)}`]);
  rows.push(
    ['trades', `${m.trade_count} (win rate ${pct(m.win_rate)}, profit factor ${num(m.profit_factor)}, expectancy ${money(m.expectancy)}, avg hold ${m.average_holding_seconds === null ? 'n/a' : formatDuration(m.average_holding_seconds)})`],
    ['exposure', `${pct(m.exposure)} of bars, turnover ${num(m.turnover, 1)}×`],
    ['commissions', `${money(r['total_commissions'])} (other fees ${money(r['total_fees'])})`],
    ['events', `${c['signals']} signals, ${c['orders']} orders, ${c['fills']} fills, ${refusals(c)}, ${c['snapshots']} snapshots`],
  );
  if (r['optimistic'] === true) rows.push(['fill policy', red('same_close: optimistic') + dim(' (fills at the close of the bar that made the decision, a look-ahead)')]);
  const bounds = r['intrabar_bounds'] as IntrabarBoundsResult | null | undefined;
  if (bounds) {
    const side = (c: IntrabarBoundsResult['worst_case']): string => `${money(c.final_equity)} (${signed(c.total_return, pct(c.total_return))}, ${c.trades} trades)`;
    rows.push(['intrabar', `worst case ${side(bounds.worst_case)}  best case ${side(bounds.best_case)}  ${dim(`(${bounds.ambiguous_bars} ambiguous bars; headline: ${bounds.policy})`)}`]);
  }
  const unfilled = r['unfilled_orders'] as unknown[];
  if (unfilled.length > 0) rows.push(['unfilled orders', `${unfilled.length} (made on the last bar; reported, not booked)`]);
  if (seconds !== undefined) rows.push(['time', `${seconds.toFixed(2)} s (${Math.round(data.bars / Math.max(seconds, 1e-9)).toLocaleString('en-US')} bars/s)`]);
  rows.push(['outputs', outDir + (r.outputs['report'] ? `  ${dim(`(open ${r.outputs['report']})`)}` : '')]);
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${dim(k.padEnd(w))}  ${v}`).join('\n');
}

/** "N refused" (and "M reduced" when a risk rule cut orders): violations count both, reductions only the cuts. */
function refusals(c: Record<string, unknown>): string {
  const reduced = Number(c['risk_reductions'] ?? 0);
  const refused = Number(c['risk_violations'] ?? 0) - reduced;
  return reduced > 0 ? `${refused} refused, ${reduced} reduced` : `${refused} refused`;
}
