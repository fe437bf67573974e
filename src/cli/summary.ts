// The console summary of a run: the numbers a trader looks at first, aligned.
import type { RunResult } from '../reporting/index.js';

const pct = (x: unknown): string => (typeof x === 'number' ? `${(x * 100).toFixed(2)}%` : 'n/a');
const num = (x: unknown, d = 2): string => (typeof x === 'number' ? x.toFixed(d) : 'n/a');
const money = (x: unknown): string => {
  const n = Number(x);
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(x);
};

/** Formats a run result as aligned `label  value` lines. */
export function formatSummary(r: RunResult, outDir: string, seconds?: number): string {
  const m = r.metrics as unknown as Record<string, unknown>;
  const data = r['data'] as { symbols: string[]; bars: number; first_timestamp: string; last_timestamp: string };
  const c = r.counts;
  const rows: [string, string][] = [
    ['run', `${r.run_id} (${String(r['engine'])})`],
    ['data', `${data.symbols.join(', ')}: ${data.bars.toLocaleString('en-US')} bars, ${data.first_timestamp} → ${data.last_timestamp}`],
    ['initial cash', money(r['initial_cash'])],
    ['final equity', money(r.final_equity)],
    ['total return', pct(m['total_return'])],
    ['CAGR', pct(m['cagr'])],
    ['volatility (ann.)', pct(m['annual_volatility'])],
    ['Sharpe', num(m['sharpe'])],
    ['max drawdown', pct(m['max_drawdown'])],
    ['trades', `${String(m['trade_count'])} (win rate ${pct(m['win_rate'])}, profit factor ${num(m['profit_factor'])})`],
    ['commissions', money(r['total_commissions'])],
    ['events', `${c['signals']} signals, ${c['orders']} orders, ${c['fills']} fills, ${c['risk_violations']} refused, ${c['snapshots']} snapshots`],
  ];
  const unfilled = r['unfilled_orders'] as unknown[];
  if (unfilled.length > 0) rows.push(['unfilled orders', `${unfilled.length} (made on the last bar; reported, not booked)`]);
  if (seconds !== undefined) rows.push(['time', `${seconds.toFixed(2)} s (${Math.round(data.bars / Math.max(seconds, 1e-9)).toLocaleString('en-US')} bars/s)`]);
  rows.push(['outputs', outDir]);
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n');
}
