// Wrapper of the trade-row ingest kernel (wasm/ingest-trades.ts): one kernel instance per process
// holding a window of CSV bytes, the armed row's prefix and staged columns the caller copies out.
import { Arena, checkStatus } from './wasm-module.js';

/** Rows staged per kernel call at most (their columns stay in the L2 cache until copied out). */
export const TRADE_ROWS_STAGE = 4096;
/** Most bytes of CSV text copied into kernel memory at once (a window is cut at a line end). */
export const TRADE_ROWS_WINDOW = 4 << 20;
/** Longest `date,ticker,` prefix the kernel compares. */
export const TRADE_ROWS_PREFIX = 64;
/** Bytes of the kernel's result slots (rows, stop offset, last ms); equals the kernel's TRADE_ROWS_RESULT_SIZE. */
export const TRADE_ROWS_RESULT_SIZE = 16;
/** Columns the staging area holds: int64 ns plus up to 9 float64 columns. */
const STAGE_COLUMNS = 10;

type TradeRowsFn = (
  src: number, pre: number, out: number, res: number, pos: number, end: number, plen: number, cap: number,
  count: number, base: number, baseLo: number, baseHi: number, lastMs: number,
) => number;

/**
 * The `tradeRows` kernel with its buffers. Callers load a window of their bytes ({@link
 * TradeRowsKernel.window}), then {@link TradeRowsKernel.run} stages up to {@link TRADE_ROWS_STAGE}
 * rows at a time, read back through {@link TradeRowsKernel.tsWords} and {@link TradeRowsKernel.column}.
 * The instance is shared: a window remembers which caller (and which of its chunks) it holds, so two
 * parsers alive at once never read each other's bytes.
 */
export class TradeRowsKernel {
  private static instance: TradeRowsKernel | null | undefined;
  /** Rows staged by the last {@link TradeRowsKernel.run}. */
  rows = 0;
  /** Offset (in the caller's buffer) of the first row the last run did not take. */
  stop = 0;
  /** UTC ms of the last staged row (the `lastMs` passed in when none was). */
  lastMs = -Infinity;
  private readonly arena: Arena;
  private readonly fn: TradeRowsFn;
  private readonly pre: number;
  private readonly res: number;
  private readonly out: number;
  private readonly src: number;
  private owner: unknown;
  private ownerChunk = -1;
  private winBuf: Uint8Array | undefined;
  private winStart = 0;
  private winEnd = 0;
  private windowBytes = TRADE_ROWS_WINDOW;
  private stageRows = TRADE_ROWS_STAGE;

  private constructor() {
    this.arena = new Arena('release');
    this.fn = this.arena.exports['tradeRows'] as TradeRowsFn;
    if (typeof this.fn !== 'function') throw new Error('the kernels build has no tradeRows: rebuild with `npm run build:wasm`');
    this.pre = this.arena.alloc(TRADE_ROWS_PREFIX);
    this.res = this.arena.alloc(TRADE_ROWS_RESULT_SIZE);
    this.out = this.arena.alloc((TRADE_ROWS_STAGE * 8 + 64) * STAGE_COLUMNS);
    // Spare bytes after a window: the kernel never reads past its last line end, but a margin costs nothing.
    this.src = this.arena.alloc(TRADE_ROWS_WINDOW + 64);
  }

  /** The process's kernel, or undefined when the WebAssembly build cannot be loaded (callers then use TypeScript). */
  static shared(): TradeRowsKernel | undefined {
    if (TradeRowsKernel.instance === undefined) {
      try {
        TradeRowsKernel.instance = new TradeRowsKernel();
      } catch {
        TradeRowsKernel.instance = null;
      }
    }
    return TradeRowsKernel.instance ?? undefined;
  }

  /**
   * Sets smaller windows and stages (tests use a few bytes and rows to cross their edges often);
   * without arguments restores the defaults. Values are clamped to what was allocated.
   */
  limits(windowBytes = TRADE_ROWS_WINDOW, stageRows = TRADE_ROWS_STAGE): void {
    this.windowBytes = Math.max(1, Math.min(TRADE_ROWS_WINDOW, Math.floor(windowBytes)));
    this.stageRows = Math.max(1, Math.min(TRADE_ROWS_STAGE, Math.floor(stageRows)));
    this.owner = undefined;
  }

  /** Rows staged per {@link TradeRowsKernel.run} at most. */
  get stage(): number {
    return this.stageRows;
  }

  /**
   * Makes `buf[pos, …)` readable by the kernel for `owner`'s chunk number `chunk` and returns the end
   * of the window (just after a `\n`, at most `end`); copies only when the window held something else.
   * Returns -1 when no line ends within {@link TRADE_ROWS_WINDOW} bytes of `pos` (a window's size).
   */
  window(owner: unknown, chunk: number, buf: Uint8Array, pos: number, end: number): number {
    if (this.owner === owner && this.ownerChunk === chunk && this.winBuf === buf && pos >= this.winStart && pos < this.winEnd) return this.winEnd;
    let e = Math.min(end, pos + this.windowBytes);
    while (e > pos && buf[e - 1] !== 10) e--;
    if (e === pos) return -1;
    this.arena.u8(this.src, e - pos).set(buf.subarray(pos, e));
    this.owner = owner;
    this.ownerChunk = chunk;
    this.winBuf = buf;
    this.winStart = pos;
    this.winEnd = e;
    return e;
  }

  /**
   * Stages rows from `pos` (in the current window) as the kernel's doc says: `prefix[0, plen)` is the
   * armed row's `date,ticker,`, `count` the number of numeric fields (7 or 9), `base` the date's local
   * midnight in UTC ms with its int64 ns as two words, `lastMs` the time the first row must follow.
   * Sets {@link rows}, {@link stop} and {@link lastMs}.
   */
  run(prefix: Uint8Array, plen: number, pos: number, count: number, base: number, baseLo: number, baseHi: number, lastMs: number): void {
    const a = this.arena;
    a.u8(this.pre, plen).set(prefix.subarray(0, plen));
    const off = this.winStart;
    checkStatus('tradeRows', this.fn(this.src, this.pre, this.out, this.res, pos - off, this.winEnd - off, plen, this.stageRows, count, base, baseLo, baseHi, lastMs));
    const r = a.i32(this.res, 2);
    this.rows = r[0]!;
    this.stop = r[1]! + off;
    this.lastMs = a.f64(this.res + 8, 1)[0]!;
  }

  /** The staged timestamps of the last run as int32 word pairs (a fresh view; copy it out before the next run). */
  tsWords(): Int32Array {
    return this.arena.i32(this.out, 2 * this.rows);
  }

  /** Staged column `k` (catalog order) of the last run (a fresh view). */
  column(k: number): Float64Array {
    return this.arena.f64(this.out + (this.stageRows * 8 + 64) * (k + 1), this.rows);
  }
}
