// The CSV files of a run, written from the saved results' columns: trades, fills, positions and
// snapshots. Each is streamed to a temporary file and renamed into place.
import { writeColumnsCsvAtomic } from './csv.js';
import type { Columns, RunResults } from './results.js';

/** Column order of trades.csv (closed round trips only). */
export const TRADES_HEADER = ['trade_id', 'symbol', 'side', 'quantity', 'entry_time', 'entry_price', 'exit_time', 'exit_price', 'realized_pnl', 'commission'] as const;
/** Column order of fills.csv. */
export const FILLS_HEADER = ['fill_id', 'order_id', 'timestamp', 'symbol', 'side', 'quantity', 'price', 'commission', 'gross_value', 'net_value', 'strategy_id'] as const;
/** Column order of positions.csv: every open position at every snapshot (flat ones left out). */
export const POSITIONS_HEADER = ['timestamp', 'strategy_id', 'symbol', 'side', 'quantity', 'average_price', 'market_price', 'market_value', 'unrealized_pl', 'realized_pl', 'commission'] as const;
/** Column order of snapshots.csv: the book at each snapshot (each trading day's close). */
export const SNAPSHOTS_HEADER = ['timestamp', 'cash', 'equity', 'market_value', 'unrealized_pl', 'realized_pl', 'long_exposure', 'short_exposure', 'gross_exposure', 'leverage', 'commissions', 'fees'] as const;

/** The columns of a table in `keys` order. */
function columnsOf<K extends string>(cols: Columns<K>, keys: readonly K[]): string[][] {
  return keys.map((k) => cols[k]);
}

/** Writes trades.csv: the closed round trips in the order they closed. */
export function writeTradesCsv(path: string, r: RunResults): void {
  const keys = ['trade_id', 'symbol', 'side', 'quantity', 'entry_time', 'entry_price', 'exit_time', 'exit_price', 'realized_pnl', 'commission'] as const;
  writeColumnsCsvAtomic(path, TRADES_HEADER, columnsOf(r.trades, keys), (i) => r.trades.status[i] === 'closed');
}

/** Writes fills.csv: every fill, with its commission, gross and net value. */
export function writeFillsCsv(path: string, r: RunResults): void {
  const keys = ['fill_id', 'order_id', 'time', 'symbol', 'side', 'quantity', 'price', 'commission', 'gross_value', 'net_value', 'strategy_id'] as const;
  writeColumnsCsvAtomic(path, FILLS_HEADER, columnsOf(r.fills, keys));
}

/** Writes positions.csv: the open positions at each snapshot. */
export function writePositionsCsv(path: string, r: RunResults): void {
  const keys = ['time', 'strategy_id', 'symbol', 'side', 'quantity', 'average_price', 'market_price', 'market_value', 'unrealized_pl', 'realized_pl', 'commission'] as const;
  writeColumnsCsvAtomic(path, POSITIONS_HEADER, columnsOf(r.positions, keys));
}

/** Writes snapshots.csv: cash, equity, P&L, exposures, leverage and costs at each snapshot. */
export function writeSnapshotsCsv(path: string, r: RunResults): void {
  const keys = ['time', 'cash', 'equity', 'market_value', 'unrealized_pl', 'realized_pl', 'long_exposure', 'short_exposure', 'gross_exposure', 'leverage', 'commissions', 'fees'] as const;
  writeColumnsCsvAtomic(path, SNAPSHOTS_HEADER, columnsOf(r.snapshots, keys));
}
