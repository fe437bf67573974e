// Hand-built saved results for the reporting tests: a few days, two symbols, two strategies.
import { emptyColumns, FILL_KEYS, POSITION_KEYS, RESULTS_FORMAT, SNAPSHOT_KEYS, TRADE_KEYS, type ReportOptions, type RunResults } from '../../src/reporting/results.js';

export const OPTIONS: ReportOptions = {
  periods_per_year: 252, risk_free_rate: 0, rolling_window: 2, chart_points: 2000, html_trades: 1000,
  equity: 'day', html: true, parquet_rows: 1_000_000, event_log: false,
};

/**
 * Initial cash 1000; snapshots (UTC; New York closes at 21:00Z in winter):
 *   2024-01-30 21:00 → 1010; 2024-01-31 15:00 → 900 (intraday, dropped by the daily resampling);
 *   2024-01-31 21:00 → 1050; 2024-02-01 → 1029; 2024-02-02 → 1071; 2025-01-02 → 1100.
 * Benchmark BBB bought at 50; day closes 51, 52.5, 50, 55, 60.
 * Trades: AAA (s1) +30 held one day; BBB (s2) −10; AAA (s1) still open.
 */
export function handResults(over: Partial<RunResults> = {}): RunResults {
  const snapshots = emptyColumns(SNAPSHOT_KEYS);
  const rows: Array<[string, string]> = [
    ['2024-01-30T21:00:00Z', '1010'], ['2024-01-31T15:00:00Z', '900'], ['2024-01-31T21:00:00Z', '1050'],
    ['2024-02-01T21:00:00Z', '1029'], ['2024-02-02T21:00:00Z', '1071'], ['2025-01-02T21:00:00Z', '1100'],
  ];
  for (const [t, e] of rows) {
    snapshots.time.push(t); snapshots.equity.push(e); snapshots.cash.push('500'); snapshots.market_value.push(String(Number(e) - 500));
    snapshots.unrealized_pl.push('5'); snapshots.realized_pl.push('20'); snapshots.long_exposure.push('500'); snapshots.short_exposure.push('0');
    snapshots.gross_exposure.push('500'); snapshots.leverage.push('0.5'); snapshots.commissions.push('3.5'); snapshots.fees.push('0');
  }
  const positions = emptyColumns(POSITION_KEYS);
  const final = emptyColumns(POSITION_KEYS);
  const pos = (c: typeof final, strategy: string, symbol: string, side: string, q: string, realized: string, unrealized: string): void => {
    c.time.push('2025-01-02T21:00:00Z'); c.strategy_id.push(strategy); c.symbol.push(symbol); c.side.push(side); c.quantity.push(q);
    c.average_price.push('100'); c.market_price.push('100.5'); c.market_value.push('1005'); c.unrealized_pl.push(unrealized); c.realized_pl.push(realized); c.commission.push('1');
  };
  pos(positions, 's1', 'AAA', 'long', '10', '30', '5');
  pos(final, 's1', 'AAA', 'long', '10', '30', '5');
  pos(final, 's2', 'BBB', 'flat', '0', '-10', '0');
  const fills = emptyColumns(FILL_KEYS);
  const fill = (time: string, symbol: string, side: string, q: string, p: string, c: string, strategy: string): void => {
    fills.fill_id.push(`f${fills.fill_id.length}`); fills.order_id.push('o'); fills.time.push(time); fills.symbol.push(symbol); fills.side.push(side);
    fills.quantity.push(q); fills.price.push(p); fills.commission.push(c); fills.gross_value.push(String(Number(q) * Number(p))); fills.net_value.push(''); fills.strategy_id.push(strategy);
  };
  fill('2024-01-30T15:00:00Z', 'AAA', 'buy', '10', '100', '1', 's1');
  fill('2024-01-31T15:00:00Z', 'AAA', 'sell', '10', '103.1', '1', 's1');
  fill('2024-01-31T16:00:00Z', 'BBB', 'buy', '5', '20', '0.5', 's2');
  fill('2024-02-01T16:00:00Z', 'BBB', 'sell', '5', '18.2', '0.5', 's2');
  fill('2024-02-02T15:00:00Z', 'AAA', 'buy', '10', '100', '0.5', 's1');
  const trades = emptyColumns(TRADE_KEYS);
  const trade = (symbol: string, strategy: string, status: string, entry: string, exit: string, pnl: string, qty: string, price: string): void => {
    trades.trade_id.push(`t${trades.trade_id.length}`); trades.strategy_id.push(strategy); trades.symbol.push(symbol); trades.side.push('long'); trades.status.push(status);
    trades.quantity.push(qty); trades.entry_time.push(entry); trades.entry_price.push(price); trades.exit_time.push(exit); trades.exit_price.push(exit ? '103.1' : '');
    trades.realized_pnl.push(pnl); trades.commission.push('2');
  };
  trade('AAA', 's1', 'closed', '2024-01-30T15:00:00Z', '2024-01-31T15:00:00Z', '30', '10', '100');
  trade('BBB', 's2', 'closed', '2024-01-31T16:00:00Z', '2024-02-01T16:00:00Z', '-10', '5', '20');
  trade('AAA', 's1', 'open', '2024-02-02T15:00:00Z', '', '0', '10', '100');
  return {
    format: RESULTS_FORMAT,
    run: {
      run_id: 'hand', qtrader_version: '0.1.0', engine: 'wasm', config: { strategy: { name: 'sma_cross', params: { fast: 2, slow: 3 } } },
      data: { symbols: ['AAA', 'BBB'], timestamps: 100, bars: 200, first_timestamp: '2024-01-30T14:30:00Z', last_timestamp: '2025-01-02T20:59:00Z', timezone: 'America/New_York' },
      initial_cash: '1000', counts: { bars: 200, signals: 3, orders: 3, fills: 5, trades: 2, risk_violations: 0, snapshots: 6, events: 19 },
      risk_violations_by_rule: {}, unfilled_orders: [], flags: [],
    },
    options: OPTIONS,
    snapshots, positions, final_positions: final, fills,
    trades,
    // bars of the trades on a 100-bar timeline: AAA open 10..19, BBB open 25..39, AAA open again from 60 to the end
    trade_entry_bars: [10, 25, 60],
    trade_exit_bars: [20, 40, -1],
    benchmark: { symbol: 'BBB', start_price: 50, day: ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2025-01-02'], close: [51, 52.5, 50, 55, 60] },
    price: { symbol: 'AAA', bars: 100, time_ms: [Date.UTC(2024, 0, 30, 15), Date.UTC(2024, 0, 31, 15), Date.UTC(2024, 1, 2, 15)], close: [100, 103, 101] },
    ...over,
  };
}
