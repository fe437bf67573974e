// Per-row state the vendor readers keep: the current ticker's block (switched only when the
// ticker bytes change) and the current trade date (re-parsed only when the date bytes change).
import { latin1 } from '../csv-fields.js';
import { BlockBuilder, type BarBlock } from './bar-block.js';
import type { RowScanner } from './row-scanner.js';
import { spanText } from './row-scanner.js';
import { LocalDayClock, parseDateField } from './wall-clock.js';

/** One {@link BlockBuilder} per ticker, with the current one cached by its bytes. */
export class TickerBlocks {
  /** The current ticker's builder (set by {@link TickerBlocks.select}). */
  current: BlockBuilder | undefined;
  private readonly builders = new Map<string, BlockBuilder>();
  private last = new Uint8Array(32);
  private lastLen = -1;

  constructor(private readonly columns: () => readonly string[], public capacity = 1024) {}

  /** Raises the initial capacity of builders created from now on to about the rows in `bytes` bytes of `lineBytes`-byte lines. */
  expect(bytes: number, lineBytes: number): void {
    if (lineBytes > 0) this.capacity = Math.max(this.capacity, Math.min(1 << 24, Math.ceil((bytes / lineBytes) * 1.02) + 16));
  }

  /**
   * Makes the ticker in column `col` current; returns the text of an unusable ticker (empty or with
   * spaces) instead, leaving the current one unchanged, or undefined on success.
   */
  select(sc: RowScanner, buf: Uint8Array, col: number): string | undefined {
    if (this.lastLen >= 0 && sc.spanEquals(buf, col, this.last, this.lastLen)) return undefined;
    const s = sc.starts[col]!;
    const e = sc.ends[col]!;
    const sym = spanText(buf, s, e).trim();
    if (sym === '' || /\s/.test(sym)) return sym;
    let b = this.builders.get(sym);
    if (!b) {
      b = new BlockBuilder(sym, this.columns(), this.capacity);
      this.builders.set(sym, b);
    }
    this.current = b;
    if (e - s > this.last.length) this.last = new Uint8Array(e - s);
    for (let i = s; i < e; i++) this.last[i - s] = buf[i]!;
    this.lastLen = e - s;
    return undefined;
  }

  /** Makes the ticker `sym` current (files whose symbol is not in the rows). */
  selectName(sym: string): void {
    let b = this.builders.get(sym);
    if (!b) {
      b = new BlockBuilder(sym, this.columns(), this.capacity);
      this.builders.set(sym, b);
    }
    this.current = b;
    this.lastLen = -1;
  }

  /** The finished blocks with at least one row, in order of first appearance. */
  blocks(): BarBlock[] {
    return [...this.builders.values()].filter((b) => b.length > 0).map((b) => b.finish());
  }
}

/** The current trade date of a file, parsed from its bytes only when they change. */
export class TradeDate {
  readonly clock: LocalDayClock;
  private last = new Uint8Array(32);
  private lastLen = -1;

  constructor(zone: string) {
    this.clock = new LocalDayClock(zone);
  }

  /** Sets the clock's date from column `col`; returns false when the field is not a valid date. */
  update(sc: RowScanner, buf: Uint8Array, col: number): boolean {
    if (this.lastLen >= 0 && sc.spanEquals(buf, col, this.last, this.lastLen)) return true;
    const s = sc.starts[col]!;
    const e = sc.ends[col]!;
    const d = parseDateField(buf, s, e);
    if (d < 0) return false;
    this.clock.setDate(d);
    if (e - s <= this.last.length) {
      for (let i = s; i < e; i++) this.last[i - s] = buf[i]!;
      this.lastLen = e - s;
    } else this.lastLen = -1;
    return true;
  }
}

/** The text of column `col` of the last scanned row (for messages). */
export function fieldText(sc: RowScanner, buf: Uint8Array, col: number): string {
  return latin1(buf, sc.starts[col]!, sc.ends[col]!);
}

/** Expected date forms, for messages. */
export const DATE_FORMS = 'a date YYYYMMDD, YYYY-MM-DD or "YYYY-MM-DD 00:00:00"';
