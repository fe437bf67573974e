// Runs an event-driven strategy: computes its declared indicators per slice with the kernels, marks
// every timeline bar in its signal column so that the simulate kernel stops there, fills the ring
// buffers up to the current bar and calls onBar / onFill / onStart / onEnd.
import { isoUtc } from '../model/index.js';
import { getIndicator, type Buf, type IndicatorKernel, type Workspace } from '../kernels/index.js';
import type { EventBus, EventFactory, FillPayload } from '../events/index.js';
import type { StrategySlice } from './strategy.js';
import type { BarContext, EventStrategy, SignalRequest, SymbolRef } from './event-strategy.js';
import { resolveLine, type Line } from './indicator-cross.js';
import { BarHistory } from './bar-history.js';
import { StrategyBook } from './strategy-book.js';
import { SignalPublisher } from './signal-publisher.js';
import { StrategyError } from './errors.js';
import { strategyLabel, type StrategyRunner } from './strategy-service.js';

const PRICE_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
const OPEN = 0, HIGH = 1, LOW = 2, CLOSE = 3, VOLUME = 4;

/** Where the strategy came from, for messages (`examples/strategies/rotation.ts`, or `built-in`). */
export interface StrategyOrigin {
  readonly file?: string;
}

/**
 * The engine's handle on an event-driven strategy. Its signal column is 1 on symbol 0's row at
 * every bar of the slice: the simulate kernel checks signal columns after the bar's fills and
 * valuation (phase 2, symbol 0 first), so onBar runs once per timeline bar, after the fills of
 * that bar are booked, before same-close fills and the day's end. The ring buffers are filled
 * from the slice columns up to the bar being handled only (catching up, within the slice, over any bar the engine
 * did not stop at), so the strategy reads the past, never the future, whether the engine holds
 * the whole series or streams slices.
 */
export class EventStrategyService implements StrategyRunner {
  readonly perBar = true;
  readonly name: string;
  readonly warmup: number;
  readonly inputs = PRICE_FIELDS;
  readonly label: string;
  private readonly index = new Map<string, number>();
  private readonly book: StrategyBook;
  private readonly publisher: SignalPublisher;
  private readonly history: BarHistory;
  private readonly lines: Line[] = [];
  private readonly lineIndex = new Map<string, number>();
  private readonly ctx: EventContext;
  private ws: Workspace | undefined;
  private kernels: IndicatorKernel[] = [];
  private outBufs: Buf<Float64Array>[][] = [];
  private capacity = 0;
  private slice: StrategySlice | undefined;
  private cols: Array<Buf<Float64Array> | undefined> = [];
  /** Global index of the last bar pushed into the history. */
  private lastBar = -1;
  private inBar = false;

  constructor(
    bus: EventBus,
    events: EventFactory,
    readonly strategy: EventStrategy,
    readonly strategyId: string,
    readonly symbols: readonly string[],
    timezone: string,
    params: Readonly<Record<string, unknown>> = {},
    private readonly origin: StrategyOrigin = {},
  ) {
    symbols.forEach((s, i) => this.index.set(s, i));
    this.name = strategy.name;
    const where = this.where();
    const lookback = strategy.lookback ?? 1;
    if (!Number.isInteger(lookback) || lookback < 0 || lookback > 1_000_000) {
      throw new StrategyError(`${where}: \`lookback\` must be an integer in [0, 1000000]; got ${String(strategy.lookback)}`);
    }
    const resolved = resolveIndicators(strategy, where);
    resolved.lines.forEach((l, k) => {
      this.lineIndex.set(resolved.keys[k]!, k);
      this.lines.push(l);
    });
    this.warmup = resolved.warmup;
    this.history = new BarHistory(symbols.length, PRICE_FIELDS.length + this.lines.length, lookback);
    // signals echo the parameters (scalars only, as the contract's metadata allows)
    const metadata: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(strategy.params ?? params)) if (typeof v === 'number' || typeof v === 'string') metadata[k] = v;
    this.label = strategyLabel(strategy.name, strategy.params ?? {});
    this.book = new StrategyBook(bus, strategyId, this.index, (f) => this.onFill(f));
    this.publisher = new SignalPublisher(bus, events, strategyId, symbols, metadata);
    this.ctx = new EventContext(this, symbols, timezone, strategyId, params);
  }

  /** Creates the indicator kernels and calls onStart. */
  init(ws: Workspace): void {
    this.ws = ws;
    this.kernels = this.lines.map((l) => getIndicator(l.name).create(ws, this.symbols.length, l.params));
    this.call('onStart', () => this.strategy.onStart?.(this.ctx));
  }

  /** Runs the declared indicators over the slice and marks every bar (symbol 0's row) of the signal column. */
  signals(slice: StrategySlice, out: Buf<Int32Array>): void {
    const nsym = this.symbols.length;
    const n = nsym * slice.len;
    if (n > this.capacity && this.lines.length > 0) {
      // sized by the first (longest) slice; every later slice fits
      this.outBufs = this.lines.map((l) => l.outputs.map(() => this.ws!.f64(n)));
      this.capacity = n;
    }
    const cols: Array<Buf<Float64Array> | undefined> = PRICE_FIELDS.map((f) => slice[f]);
    this.lines.forEach((l, k) => {
      const outs = this.outBufs[k]!.map((b) => b.sub(0, n));
      this.kernels[k]!.run(l.inputs.map((c) => slice[c].sub(0, n)), outs, slice.len);
      cols.push(outs[l.outputIndex]);
    });
    this.cols = cols;
    this.slice = slice;
    const sig = out.view();
    sig.fill(0, 0, n);
    sig.fill(1, 0, slice.len);
  }

  /** The engine stopped at bar `index` of the slice: bring the history up to it and call onBar. */
  onSignalBar(_s: number, _value: number, timeMs: number, _close: number, index: number): void {
    const slice = this.slice!;
    const t = slice.start + index;
    if (t <= this.lastBar) return;
    for (let b = Math.max(this.lastBar + 1, slice.start); b <= t; b++) this.history.push(this.cols, slice.len, b - slice.start);
    this.lastBar = t;
    this.ctx.barIndex = t;
    this.ctx.time = timeMs;
    this.inBar = true;
    // no closure per bar: the callback is called directly
    try {
      this.strategy.onBar(this.ctx);
    } catch (err) {
      throw this.fault('onBar', err);
    } finally {
      this.inBar = false;
    }
  }

  /** Calls onEnd after the last bar. */
  end(): void {
    this.call('onEnd', () => this.strategy.onEnd?.(this.ctx));
  }

  get signalCount(): number {
    return this.publisher.count;
  }

  /** ctx.signal: publishes at the current bar. */
  signal(req: SignalRequest): void {
    if (!this.inBar) throw new StrategyError(`${this.where()}: ctx.signal can only be called inside onBar (signals are decided at a bar's close)`);
    if (req === null || typeof req !== 'object') throw new StrategyError(`${this.where()}: ctx.signal expects {symbol, intention, confidence?, price?, stopLoss?, takeProfit?, reason?}; got ${String(req)}`);
    const s = this.symbolIndex(req.symbol);
    this.publisher.publish(s, this.ctx.time, this.read(CLOSE, s, 0), req);
  }

  /** Field f of symbol `sym`, `ago` bars back. */
  read(f: number, s: number, ago: number): number {
    return this.history.read(f, s, ago);
  }

  /** Field index of a declared indicator. */
  indicatorField(key: string): number {
    const k = this.lineIndex.get(key);
    if (k === undefined) {
      const known = [...this.lineIndex.keys()];
      throw new RangeError(`unknown indicator \`${key}\`; declared: ${known.length ? known.join(', ') : 'none (declare them in the strategy\'s `indicators`)'}`);
    }
    return PRICE_FIELDS.length + k;
  }

  symbolIndex(sym: SymbolRef): number {
    if (typeof sym === 'number') {
      if (Number.isInteger(sym) && sym >= 0 && sym < this.symbols.length) return sym;
      throw new RangeError(`symbol index ${sym} is out of range; expected 0…${this.symbols.length - 1}`);
    }
    const i = this.index.get(sym);
    if (i === undefined) throw new RangeError(`unknown symbol ${JSON.stringify(sym)}; expected one of: ${this.symbols.join(', ')}`);
    return i;
  }

  position(s: number): number {
    return this.book.position[s]!;
  }
  pending(s: number): boolean {
    return this.book.pending(s);
  }
  get barsSeen(): number {
    return Math.min(this.history.pushed, this.history.depth);
  }

  private onFill(f: FillPayload): void {
    if (this.strategy.onFill) this.call('onFill', () => this.strategy.onFill!(this.ctx, f));
  }

  private where(): string {
    return strategyWhere(this.strategyId, this.name, this.origin);
  }

  /** Runs a callback; a throw becomes a StrategyError naming the strategy, the callback and the bar. */
  private call(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      throw this.fault(what, err);
    }
  }

  private fault(what: string, err: unknown): StrategyError {
    if (err instanceof StrategyError) return err;
    const at = this.ctx.barIndex >= 0 ? ` at bar ${this.ctx.barIndex} (${isoUtc(this.ctx.time)})` : '';
    const msg = err instanceof Error ? err.message : String(err);
    return new StrategyError(`${this.where()}: ${what} threw${at}: ${msg}`);
  }
}

/** The declared indicators of an event-driven strategy, resolved against the registry, and its warm-up. */
function resolveIndicators(strategy: EventStrategy, where: string): { keys: string[]; lines: Line[]; warmup: number } {
  const keys: string[] = [];
  const lines: Line[] = [];
  if (strategy.warmup !== undefined && (!Number.isInteger(strategy.warmup) || strategy.warmup < 0)) {
    throw new StrategyError(`${where}: \`warmup\` must be a non-negative integer; got ${String(strategy.warmup)}`);
  }
  for (const [key, decl] of Object.entries(strategy.indicators ?? {})) {
    try {
      lines.push(resolveLine(decl, `indicators.${key}`));
    } catch (err) {
      throw new StrategyError(`${where}: ${(err as Error).message}`);
    }
    keys.push(key);
  }
  // declared: as given; else the longest warm-up of the indicators (at least one bar)
  const warmup = strategy.warmup ?? Math.max(1, ...lines.map((l) => l.warmup));
  return { keys, lines, warmup };
}

/** Bars a symbol needs before an event-driven strategy can signal: `warmup`, else its indicators' longest warm-up. */
export function eventStrategyWarmup(strategy: EventStrategy, id = strategy.name, origin: StrategyOrigin = {}): number {
  return resolveIndicators(strategy, strategyWhere(id, strategy.name, origin)).warmup;
}

/** `strategy <id> (<name>, <file>)` for messages. */
export function strategyWhere(id: string, name: string, origin: StrategyOrigin = {}): string {
  return `strategy ${id} (${name}${origin.file ? `, ${origin.file}` : ''})`;
}

/**
 * The `ctx` handed to an event-driven strategy: readers over the service's ring buffers. The service
 * sits in a true private field, so nothing reachable from ctx at run time leads to the slice columns
 * (which hold bars after the current one).
 */
class EventContext implements BarContext {
  barIndex = -1;
  time = NaN;
  readonly #svc: EventStrategyService;

  constructor(
    svc: EventStrategyService,
    readonly symbols: readonly string[],
    readonly timezone: string,
    readonly strategyId: string,
    readonly params: Readonly<Record<string, unknown>>,
  ) {
    this.#svc = svc;
  }

  open(symbol: SymbolRef, ago = 0): number {
    return this.#svc.read(OPEN, this.#svc.symbolIndex(symbol), ago);
  }
  high(symbol: SymbolRef, ago = 0): number {
    return this.#svc.read(HIGH, this.#svc.symbolIndex(symbol), ago);
  }
  low(symbol: SymbolRef, ago = 0): number {
    return this.#svc.read(LOW, this.#svc.symbolIndex(symbol), ago);
  }
  close(symbol: SymbolRef, ago = 0): number {
    return this.#svc.read(CLOSE, this.#svc.symbolIndex(symbol), ago);
  }
  volume(symbol: SymbolRef, ago = 0): number {
    return this.#svc.read(VOLUME, this.#svc.symbolIndex(symbol), ago);
  }
  indicator(key: string, symbol: SymbolRef, ago = 0): number {
    return this.#svc.read(this.#svc.indicatorField(key), this.#svc.symbolIndex(symbol), ago);
  }
  get barsSeen(): number {
    return this.#svc.barsSeen;
  }
  position(symbol: SymbolRef): number {
    return this.#svc.position(this.#svc.symbolIndex(symbol));
  }
  pending(symbol: SymbolRef): boolean {
    return this.#svc.pending(this.#svc.symbolIndex(symbol));
  }
  symbolIndex(symbol: SymbolRef): number {
    return this.#svc.symbolIndex(symbol);
  }
  signal(request: SignalRequest): void {
    this.#svc.signal(request);
  }
}
