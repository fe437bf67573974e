// Where the result came from: P&L and trades per symbol and per strategy, returns per month and year.
import { Decimal, DecimalSum, decStr, parseDec } from '../model/index.js';
import { roundMetric } from './metrics.js';
import { localMonthKey } from './local-date.js';
import { closedTrades, type ClosedTrades, type DailySeries } from './run-analysis.js';
import type { RunResults } from './results.js';

/** Result of one symbol or one strategy (money as exact decimal strings). */
export interface GroupBreakdown {
  /** The symbol or strategy id. */
  readonly key: string;
  /** Closed round trips. */
  readonly trade_count: number;
  /** Winners (net P&L > 0) / closed trades; null without trades. */
  readonly win_rate: number | null;
  /** Realized P&L at the end (the final snapshot's positions, commissions deducted). */
  readonly realized_pl: string;
  /** Unrealized P&L of what is still open at the end. */
  readonly unrealized_pl: string;
  /** realized_pl + unrealized_pl. */
  readonly total_pl: string;
  /** Commissions of the fills. */
  readonly commissions: string;
  /** Σ gross value (quantity × price) of the fills. */
  readonly traded_value: string;
}

/** Result of one calendar month (`YYYY-MM`) or year (`YYYY`) in the data's time zone. */
export interface PeriodBreakdown {
  readonly period: string;
  /** Equity at the period's last close / equity at the previous period's last close (the initial cash for the first) − 1. */
  readonly return: number | null;
  /** The same for the benchmark's price; null without a benchmark. */
  readonly benchmark_return: number | null;
  /** Round trips closed (exit) in the period. */
  readonly trade_count: number;
  /** Equity at the period's last close. */
  readonly end_equity: string;
}

/** The four breakdowns of run.json. */
export interface Breakdowns {
  readonly by_symbol: GroupBreakdown[];
  readonly by_strategy: GroupBreakdown[];
  readonly by_month: PeriodBreakdown[];
  readonly by_year: PeriodBreakdown[];
}

interface Acc { trades: number; wins: number; realized: Decimal; unrealized: Decimal; commissions: DecimalSum; traded: DecimalSum }

const ZERO = new Decimal(0);

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const NONZERO_DIGIT = /[1-9]/;

// `x > 0` of a decimal text: a plain decimal (`-?digits(.digits)?`) is positive exactly when it has
// no minus sign and a non-zero digit, so it is not parsed; anything else goes to decimal.js
function isPositiveText(x: string): boolean {
  return PLAIN_DECIMAL.test(x) ? x.charCodeAt(0) !== 45 && NONZERO_DIGIT.test(x) : parseDec(x).gt(0);
}

type GroupKey = 'symbol' | 'strategy_id';

// rows of the three tables a group sums, by its key (a fill without a strategy id: "(none)")
function accumulate(r: RunResults, keyOf: GroupKey): Map<string, Acc> {
  const acc = new Map<string, Acc>();
  const get = (raw: string): Acc => {
    const k = raw || '(none)';
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { trades: 0, wins: 0, realized: ZERO, unrealized: ZERO, commissions: new DecimalSum(), traded: new DecimalSum() }));
    return a;
  };
  const fp = r.final_positions;
  fp[keyOf].forEach((k, i) => {
    const a = get(k);
    a.realized = a.realized.plus(parseDec(fp.realized_pl[i]!));
    a.unrealized = a.unrealized.plus(parseDec(fp.unrealized_pl[i]!));
  });
  r.trades[keyOf].forEach((k, i) => {
    if (r.trades.status[i] !== 'closed') return;
    const a = get(k);
    a.trades++;
    if (isPositiveText(r.trades.realized_pnl[i] || '0')) a.wins++;
  });
  // the same sums as decimal.js, in exact integer arithmetic while the amounts allow (see DecimalSum)
  r.fills[keyOf].forEach((k, i) => {
    const a = get(k);
    const c = r.fills.commission[i];
    if (c) a.commissions.add(c);
    // a fill's gross value is filled_quantity × fill_price, exactly (contract fill.v1; the execution
    // service computes it so): one term to add instead of a product; the product when it is missing
    const g = r.fills.gross_value[i];
    if (g) a.traded.add(g);
    else a.traded.addProduct(r.fills.quantity[i]!, r.fills.price[i]!);
  });
  return acc;
}

function finish(acc: Map<string, Acc>): GroupBreakdown[] {
  return [...acc.keys()].sort().map((key) => {
    const a = acc.get(key)!;
    return {
      key, trade_count: a.trades, win_rate: a.trades > 0 ? roundMetric(a.wins / a.trades) : null,
      realized_pl: decStr(a.realized), unrealized_pl: decStr(a.unrealized), total_pl: decStr(a.realized.plus(a.unrealized)),
      commissions: decStr(a.commissions.value()), traded_value: decStr(a.traded.value()),
    };
  });
}

// The strategy of each symbol when symbols and strategies pair one to one in every row of the tables
// (each symbol traded by one strategy, each strategy trading one symbol); null otherwise.
function oneToOne(r: RunResults): Map<string, string> | null {
  const strategyOf = new Map<string, string>(), symbolOf = new Map<string, string>();
  for (const t of [r.final_positions, r.trades, r.fills]) {
    const sym = t.symbol, strat = t.strategy_id;
    for (let i = 0; i < sym.length; i++) {
      const a = sym[i] || '(none)', b = strat[i] || '(none)';
      const s = strategyOf.get(a);
      if (s === undefined) {
        if (symbolOf.has(b)) return null;
        strategyOf.set(a, b);
        symbolOf.set(b, a);
      } else if (s !== b) return null;
    }
  }
  return strategyOf;
}

/**
 * The breakdowns per symbol and per strategy. When symbols and strategies pair one to one (one
 * strategy on one symbol, the common case), a strategy's rows are its symbol's rows in the same
 * order, so one pass gives both; otherwise each grouping sums its own rows.
 */
function groups(r: RunResults): { by_symbol: GroupBreakdown[]; by_strategy: GroupBreakdown[] } {
  const pairs = oneToOne(r);
  if (pairs === null) return { by_symbol: finish(accumulate(r, 'symbol')), by_strategy: finish(accumulate(r, 'strategy_id')) };
  const bySymbol = accumulate(r, 'symbol');
  return { by_symbol: finish(bySymbol), by_strategy: finish(new Map([...bySymbol].map(([k, a]) => [pairs.get(k)!, a] as const))) };
}

// closed round trips by the local month and year of their exit (months `YYYY-MM`, years `YYYY`)
function exitCounts(r: RunResults, trades: ClosedTrades): { months: Map<string, number>; years: Map<string, number> } {
  const zone = r.run.data.timezone;
  const exitTime = r.trades.exit_time;
  const months = new Map<string, number>();
  for (let j = 0; j < trades.index.length; j++) {
    if (!exitTime[trades.index[j]!]) continue;
    const k = localMonthKey(trades.exitMs[j]!, zone);
    months.set(k, (months.get(k) ?? 0) + 1);
  }
  const years = new Map<string, number>();
  for (const [k, n] of months) years.set(k.slice(0, 4), (years.get(k.slice(0, 4)) ?? 0) + n);
  return { months, years };
}

function periods(daily: DailySeries, keyLength: 4 | 7, trades: Map<string, number>): PeriodBreakdown[] {
  const out: PeriodBreakdown[] = [];
  const ratio = (a: number, b: number): number | null => (b > 0 ? roundMetric((a - b) / b) : null);
  let prev = 0; // sample index of the previous period's last close (0 = the start of the run)
  for (let i = 1; i < daily.day.length; i++) {
    const k = daily.day[i]!.slice(0, keyLength);
    const last = i === daily.day.length - 1 || daily.day[i + 1]!.slice(0, keyLength) !== k;
    if (!last) continue;
    const b = daily.benchmark;
    out.push({
      period: k,
      return: ratio(daily.equity[i]!, daily.equity[prev]!),
      benchmark_return: b ? ratio(b[i]!, b[prev]!) : null,
      trade_count: trades.get(k) ?? 0,
      end_equity: daily.equityText[i]!,
    });
    prev = i;
  }
  return out;
}

/**
 * Computes the breakdowns per symbol, per strategy (sorted by key), per month and per year (in time
 * order); `trades` are the closed trades of `r` (closedTrades), when the caller has them already.
 */
export function computeBreakdowns(r: RunResults, daily: DailySeries, trades: ClosedTrades = closedTrades(r)): Breakdowns {
  const { by_symbol, by_strategy } = groups(r);
  const counts = exitCounts(r, trades);
  return { by_symbol, by_strategy, by_month: periods(daily, 7, counts.months), by_year: periods(daily, 4, counts.years) };
}
