// The strategies of one run: made from config entries (registry names or files), each with its own
// signal column; the engine's kernel stops where any column is non-zero and the set dispatches to
// every strategy whose column is non-zero there.
import { ConfigError } from '../model/index.js';
import type { EventBus, EventFactory } from '../events/index.js';
import type { Buf, Workspace } from '../kernels/index.js';
import type { StrategySlice, VectorStrategy } from './strategy.js';
import { isEventStrategy, type EventStrategy } from './event-strategy.js';
import { createStrategy, type AnyStrategy } from './registry.js';
import { loadStrategyFile, loadedStrategyFile, strategyFileHash } from './user-strategy.js';
import { StrategyService, strategyLabel, type StrategyRunner } from './strategy-service.js';
import { EventStrategyService, eventStrategyWarmup } from './event-strategy-service.js';

/** One strategy of a run as the config gives it (a registry name or a file). */
export interface StrategyEntry {
  readonly name: string;
  readonly id: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly file?: string;
}

/** A strategy made from its entry, before it is wired to the bus. */
export interface PlannedStrategy {
  readonly id: string;
  readonly strategy: AnyStrategy;
  readonly params: Readonly<Record<string, unknown>>;
  readonly file?: string;
  readonly warmup: number;
  readonly label: string;
}

/** The config key of entry `i` of `n` in messages: `strategy` for a lone strategy, else `strategies.i` (as the config validator writes it). */
export function entryKey(i: number, n: number): string {
  return n === 1 ? 'strategy' : `strategies.${i}`;
}

/** Loads the strategy files the entries name (before `planStrategies`; the engine's loop is synchronous). */
export async function loadStrategyFiles(entries: readonly StrategyEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i++) {
    const f = entries[i]!.file;
    if (f !== undefined) await loadStrategyFile(f, `${entryKey(i, entries.length)}.file`);
  }
}

/** `|strategies:<hash of each file's text>` for the entries that name files; '' when none does. */
export function strategyFilesFingerprint(entries: readonly StrategyEntry[]): string {
  const files = entries.filter((e) => e.file !== undefined).map((e) => strategyFileHash(e.file!));
  return files.length ? `|strategies:${files.join(',')}` : '';
}

/** Makes each entry's strategy (an `override` replaces the first: API users, scripted tests). */
export function planStrategies(entries: readonly StrategyEntry[], override?: AnyStrategy): PlannedStrategy[] {
  const seen = new Set<string>();
  return entries.map((e, i) => {
    const where = entryKey(i, entries.length);
    if (seen.has(e.id)) throw new ConfigError(`\`${where}.id\`: strategy id "${e.id}" is used twice; give each strategy its own \`id\``);
    seen.add(e.id);
    let strategy: AnyStrategy;
    if (i === 0 && override) strategy = override;
    else if (e.file !== undefined) {
      const file = loadedStrategyFile(e.file);
      if (!file) throw new ConfigError(`\`${where}.file\`: ${e.file} was not loaded: call loadStrategyFiles(cfg.strategies) before running the engine`);
      strategy = file.create(e.params, `${where}.file`);
    } else strategy = createStrategy(e.name, e.params, where);
    const warmup = isEventStrategy(strategy) ? eventStrategyWarmup(strategy, e.id, e.file !== undefined ? { file: e.file } : {}) : strategy.warmup;
    const params = isEventStrategy(strategy) ? (strategy.params ?? e.params) : strategy.params;
    return { id: e.id, strategy, params: e.params, ...(e.file !== undefined ? { file: e.file } : {}), warmup, label: strategyLabel(strategy.name, params) };
  });
}

/** What the set needs from the engine to wire its strategies. */
export interface StrategyWiring {
  readonly bus: EventBus;
  /** Events of a strategy service, with the run's deterministic ids. */
  readonly events: EventFactory;
  readonly symbols: readonly string[];
  readonly timezone: string;
}

/** The run's strategies as the engine drives them. */
export class StrategySet {
  readonly runners: StrategyRunner[];
  private cols: Buf<Int32Array>[] = [];
  private len = 0;

  constructor(planned: readonly PlannedStrategy[], w: StrategyWiring) {
    this.runners = planned.map((p) =>
      isEventStrategy(p.strategy)
        ? new EventStrategyService(w.bus, w.events, p.strategy as EventStrategy, p.id, w.symbols, w.timezone, p.params, p.file !== undefined ? { file: p.file } : {})
        : new StrategyService(w.bus, w.events, p.strategy as VectorStrategy, p.id, w.symbols));
  }

  /** Columns the strategies read (the union). */
  get inputs(): ReadonlySet<'open' | 'high' | 'low' | 'close' | 'volume'> {
    return new Set(this.runners.flatMap((r) => [...r.inputs]));
  }

  /** Allocates kernel state, and one signal column per strategy of `cols` values when there are several. */
  init(ws: Workspace, cols: number): void {
    for (const r of this.runners) r.init(ws);
    if (this.runners.length > 1) this.cols = this.runners.map(() => ws.i32(cols));
  }

  /**
   * Computes the slice's signal column `out`: a lone strategy writes it directly (the fast path);
   * several write their own columns and `out` is non-zero where any of them is.
   */
  signals(slice: StrategySlice, out: Buf<Int32Array>): void {
    this.len = slice.len;
    if (this.runners.length === 1) {
      this.runners[0]!.signals(slice, out);
      return;
    }
    const n = out.length;
    this.runners.forEach((r, k) => r.signals(slice, this.cols[k]!.sub(0, n)));
    // views after every kernel ran: any of them may have grown the arena
    const o = out.view();
    o.fill(0, 0, n);
    for (const c of this.cols) {
      const v = c.view();
      for (let i = 0; i < n; i++) if (v[i] !== 0) o[i] = 1;
    }
  }

  /**
   * The kernel stopped at symbol `s`, bar `index` of the slice (`out` is the merged column): each
   * strategy whose column is non-zero there decides, in config order. Returns true when an
   * event-driven strategy ran (it may have signalled any symbol).
   */
  onSignalBar(s: number, index: number, timeMs: number, close: number, out: Buf<Int32Array>): boolean {
    const at = s * this.len + index;
    if (this.runners.length === 1) {
      const r = this.runners[0]!;
      r.onSignalBar(s, out.view()[at]!, timeMs, close, index);
      return r.perBar;
    }
    let perBar = false;
    for (let k = 0; k < this.runners.length; k++) {
      // a fresh view: a signal may have grown the arena (order table) since the slice began
      const v = this.cols[k]!.view()[at]!;
      if (v === 0) continue;
      const r = this.runners[k]!;
      r.onSignalBar(s, v, timeMs, close, index);
      perBar ||= r.perBar;
    }
    return perBar;
  }

  /** After the last bar: event-driven strategies' onEnd. */
  end(): void {
    for (const r of this.runners) r.end();
  }

  /** Signals published by all strategies. */
  get signalCount(): number {
    return this.runners.reduce((n, r) => n + r.signalCount, 0);
  }
}
