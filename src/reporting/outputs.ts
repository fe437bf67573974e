// Writes a run's outputs into a folder atomically: everything goes to a temporary folder that is
// renamed into place at the end, so a crash never leaves a half-written result.
import { mkdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CsvWriter, writeFileAtomic } from './csv.js';
import type { FillPayload, TradePayload } from '../events/index.js';

/** What goes into the output folder. */
export interface RunFiles {
  readonly runJson: unknown;
  readonly trades: readonly TradePayload[];
  readonly fills: readonly FillPayload[];
  /** Rows of equity.csv: ISO time and equity text. */
  readonly equity: Iterable<readonly [string, string]>;
  /** Text chunks of events.jsonl, when the event log is on. */
  readonly events?: readonly string[];
}

/** Column order of trades.csv. */
export const TRADES_HEADER = ['trade_id', 'symbol', 'side', 'quantity', 'entry_time', 'entry_price', 'exit_time', 'exit_price', 'realized_pnl', 'commission'] as const;
/** Column order of fills.csv. */
export const FILLS_HEADER = ['fill_id', 'order_id', 'timestamp', 'symbol', 'side', 'quantity', 'price', 'commission', 'gross_value', 'net_value', 'strategy_id'] as const;

/** Writes run.json, trades.csv, fills.csv, equity.csv (and events.jsonl) into `dir`, replacing it whole. */
export function writeRunFiles(dir: string, files: RunFiles): string[] {
  const target = resolve(dir);
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const written: string[] = [];
  try {
    const trades = new CsvWriter(TRADES_HEADER);
    for (const t of files.trades) {
      trades.addRow([t.trade_id, t.symbol, t.side, t.quantity ?? '', t.entry_timestamp ?? '', t.entry_price ?? '',
        t.exit_timestamp ?? '', t.exit_price ?? '', t.realized_pnl ?? '', t.commission_total ?? '']);
    }
    trades.writeTo(join(tmp, 'trades.csv'));
    written.push('trades.csv');
    const fills = new CsvWriter(FILLS_HEADER);
    for (const f of files.fills) {
      fills.addRow([f.fill_id, f.order_id, f.timestamp, f.symbol, f.side, f.filled_quantity, f.fill_price,
        f.commission ?? '', f.gross_value ?? '', f.net_value ?? '', f.strategy_id ?? '']);
    }
    fills.writeTo(join(tmp, 'fills.csv'));
    written.push('fills.csv');
    const eq = new CsvWriter(['timestamp', 'equity']);
    for (const [t, v] of files.equity) eq.addRow([t, v]);
    eq.writeTo(join(tmp, 'equity.csv'));
    written.push('equity.csv');
    if (files.events) {
      writeFileAtomic(join(tmp, 'events.jsonl'), files.events);
      written.push('events.jsonl');
    }
    writeFileAtomic(join(tmp, 'run.json'), [JSON.stringify(files.runJson, null, 2) + '\n']);
    written.push('run.json');
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return written;
}
