// The plan of a sweep: the combinations, the units they run on (each symbol's whole range, or each
// walk-forward window's in-sample range), tasks = units × combinations, shards, and the sweep's id.
import { createHash } from 'node:crypto';
import { ConfigError, packageVersion } from '../model/index.js';
import type { SweepConfig, WalkForwardSpec } from './sweep-config.js';
import type { Dataset } from './dataset.js';

/** A day range of one symbol that every combination runs over. */
export interface Unit {
  readonly symbol: number;
  /** Walk-forward window index, or −1 for the whole range. */
  readonly window: number;
  readonly fromDay: number;
  readonly toDay: number;
  /** Bars in the range (the work of one combination). */
  readonly bars: number;
}

/** One walk-forward window of a symbol, in days: in-sample [isFrom, isTo), out-of-sample [isTo, oosTo). */
export interface Window {
  readonly isFrom: number;
  readonly isTo: number;
  readonly oosTo: number;
}

/** Which part of the space a process runs: combinations c with c mod count = index − 1. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Everything needed to run and to finish a sweep. */
export interface SweepPlan {
  /** Identifies the rows: same id, same combinations, data and costs (checked on resume and merge). */
  readonly id: string;
  readonly names: readonly string[];
  /** Combination values, `names.length` per combination. */
  readonly combos: Float64Array;
  readonly nCombos: number;
  readonly units: readonly Unit[];
  /** Walk-forward windows per symbol (empty without walk-forward). */
  readonly windows: readonly (readonly Window[])[];
  /** units × combinations; task t runs combination t mod nCombos on unit ⌊t / nCombos⌋. */
  readonly tasks: number;
}

/** Walk-forward windows over `days` trading days; fails naming the key when none fits. */
export function walkForwardWindows(days: number, wf: WalkForwardSpec, symbol: string): Window[] {
  const count = Math.floor((days - wf.inSampleDays) / wf.outOfSampleDays);
  if (count < 1) {
    throw new ConfigError(`\`walk_forward\`: ${symbol} has ${days} trading days; in_sample_days (${wf.inSampleDays}) + out_of_sample_days (${wf.outOfSampleDays}) must fit: shorten the windows or widen the data range`);
  }
  return Array.from({ length: count }, (_, w) => {
    const isTo = wf.inSampleDays + w * wf.outOfSampleDays;
    return { isFrom: wf.mode === 'rolling' ? isTo - wf.inSampleDays : 0, isTo, oosTo: isTo + wf.outOfSampleDays };
  });
}

/** The combination values as a name → value record. */
export function comboValues(plan: SweepPlan, c: number): Record<string, number> {
  const k = plan.names.length;
  return Object.fromEntries(plan.names.map((n, i) => [n, plan.combos[c * k + i]!]));
}

/** Plans a sweep: enumerates the combinations (checking the strategy accepts each) and the units. */
export function planSweep(cfg: SweepConfig, data: Dataset): SweepPlan {
  const names = cfg.space.names;
  const keep = (p: Float64Array): boolean => cfg.constraints.every((c) => c.test(p));
  const combos = cfg.space.combinations(keep, cfg.search.method === 'random' ? cfg.search.samples : undefined, cfg.search.method === 'random' ? cfg.search.seed : 0);
  const nCombos = combos.length / names.length;
  if (nCombos === 0) throw new ConfigError(`${cfg.source}: \`strategy.constraints\` leave no combination of the parameter space to run`);
  let refused = 0;
  let example = '';
  for (let c = 0; c < nCombos; c++) {
    const why = cfg.evaluator.check(Object.fromEntries(names.map((n, i) => [n, combos[c * names.length + i]!])));
    if (why && refused++ === 0) example = why;
  }
  if (refused > 0) {
    const hint = cfg.evaluator.suggestedConstraint ? `; add "${cfg.evaluator.suggestedConstraint}" to \`strategy.constraints\`` : '';
    throw new ConfigError(`${cfg.source}: ${refused} of ${nCombos} combinations cannot run with ${cfg.strategy} (e.g. ${example})${hint}`);
  }
  const units: Unit[] = [];
  const windows: Window[][] = [];
  const barsIn = (s: number, from: number, to: number): number => {
    const ends = data.symbols[s]!.dayEndBars;
    return to > from ? ends[to - 1]! - (from > 0 ? ends[from - 1]! : -1) : 0;
  };
  data.symbols.forEach((sym, s) => {
    if (!cfg.walkForward) {
      units.push({ symbol: s, window: -1, fromDay: 0, toDay: sym.days, bars: sym.bars });
      windows.push([]);
      return;
    }
    const ws = walkForwardWindows(sym.days, cfg.walkForward, sym.symbol);
    windows.push(ws);
    ws.forEach((w, i) => units.push({ symbol: s, window: i, fromDay: w.isFrom, toDay: w.isTo, bars: barsIn(s, w.isFrom, w.isTo) }));
  });
  const tasks = units.length * nCombos;
  if (tasks > 20_000_000) throw new ConfigError(`${cfg.source}: the sweep has ${tasks.toLocaleString('en-US')} rows (combinations × symbols × windows); at most 20,000,000: sample fewer combinations`);
  // the id covers what the rows depend on, not how they are ranked or shown
  const id = createHash('sha256').update(JSON.stringify({
    version: packageVersion(), strategy: cfg.strategy, ...(cfg.template ? { template: cfg.template } : {}), names, walkForward: cfg.walkForward ?? null,
    costs: cfg.costs, reporting: cfg.base.reporting, data: data.fingerprint,
  })).update(Buffer.from(combos.buffer, combos.byteOffset, combos.byteLength)).digest('hex').slice(0, 16);
  return { id, names, combos, nCombos, units, windows, tasks };
}

/** Parses `K/N` (1 ≤ K ≤ N); `what` names the flag in errors. */
export function parseShard(text: string, what = '--shard'): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index >= 1 && index <= count)) throw new ConfigError(`${what}: expected K/N with 1 ≤ K ≤ N, e.g. 2/8; got ${JSON.stringify(text)}`);
  return { index, count };
}

/** True when combination `c` belongs to the shard. */
export function inShard(c: number, shard: Shard): boolean {
  return c % shard.count === shard.index - 1;
}
