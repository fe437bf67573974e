// Sweeps of vectorised strategies (indicator_cross, ema_cross, macd_cross, rsi_mean_reversion, …): per
// combination the strategy's own kernels write its signal column over the whole symbol, and the
// signal-column sweep kernel books it with the compute path's float ledger.
import { ConfigError } from '../model/index.js';
import { getIndicator, type Buf } from '../kernels/index.js';
import { SignalSeries, ACTION_NONE, ACTION_BUY, ACTION_SELL, ACTION_REFUSE, ACTION_UNSUPPORTED, type DecisionTable } from '../kernels/sweep-signals.js';
import type { SweepCosts, SweepRun } from '../kernels/sweep.js';
import { STRATEGIES, createStrategy } from '../strategy/registry.js';
import { IndicatorCrossStrategy } from '../strategy/indicator-cross.js';
import type { VectorStrategy } from '../strategy/strategy.js';
import { setVectorFactory, type ComputeEvaluator } from './evaluators.js';
import type { ParamRule } from './param-space.js';

/** Signal values whose decisions are derived (flag sets of up to five bits, and small codes of either sign). */
const LO = -32, HI = 32;

/**
 * Strategies whose decide() depends only on the column value, the sign of the position and the
 * pending flag (read in their sources; the engine-agreement tests check each): for these a table of
 * decisions, derived once per combination by asking decide(), is exactly what the event engine does.
 * A function of the parameters says when that holds (donchian_breakout's stop-loss reads the bar).
 */
const longOnly = (v: Readonly<Record<string, unknown>>): string | null => (v['short'] === 1 ? 'with short = 1 also opens shorts' : null);
const TABLE_STRATEGIES: Readonly<Record<string, (v: Readonly<Record<string, unknown>>) => string | null>> = {
  indicator_cross: () => null,
  ema_cross: () => null,
  macd_cross: () => null,
  rsi_mean_reversion: longOnly,
  bollinger_breakout: longOnly,
  donchian_breakout: (v) => longOnly(v) ?? (v['stop'] !== 0 ? `with stop = ${String(v['stop'])} places stop-loss orders from the bar's ATR (set stop: 0)` : null),
};

/** A registry strategy as the sweep builds it: fixed parts (`template`) plus swept numbers. */
export interface StrategyTemplate {
  readonly name: string;
  /** Parameters as a config gives them, with every swept number left out (indicator lines without params). */
  readonly template: Readonly<Record<string, unknown>>;
}

/** The strategy's parameters from the template and one combination's values (`side_param` for indicator lines). */
export function strategyParams(t: StrategyTemplate, values: Readonly<Record<string, number>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const kinds = STRATEGIES[t.name]?.params ?? {};
  for (const [k, spec] of Object.entries(kinds)) {
    if (spec.kind === 'indicator') {
      const line = (t.template[k] ?? {}) as { name: string; output?: string };
      const params: Record<string, number> = {};
      for (const p of getIndicator(line.name).spec.params) if (values[`${k}_${p.name}`] !== undefined) params[p.name] = values[`${k}_${p.name}`]!;
      out[k] = { name: line.name, params, ...(line.output !== undefined ? { output: line.output } : {}) };
    } else if (values[k] !== undefined) out[k] = values[k];
    else if (t.template[k] !== undefined) out[k] = t.template[k];
  }
  return out;
}

/**
 * The decision table of a strategy instance: decide() asked for every value LO…HI, flat and long
 * (no order pending: the compute path fills an order at the next bar's open, before that bar's
 * decision). A decision the kernel does not book (a short, a stop-loss, buying more while long) is
 * ACTION_UNSUPPORTED with the reason: a run fails if its column ever holds such a value (values a
 * strategy never writes, such as the short bits of a long-only breakout, cost nothing).
 */
export function decisionTable(s: VectorStrategy): DecisionTable {
  const actions = new Int32Array(2 * (HI - LO + 1));
  const why = new Map<number, string>();
  const bar = { symbol: 0, index: -1, close: NaN };
  for (let v = LO; v <= HI; v++) {
    if (v === 0) continue;
    for (const long of [false, true]) {
      const at = 2 * (v - LO) + (long ? 1 : 0);
      const d = (s.decide as (value: number, state: { position: number; pending: boolean }, b: typeof bar) => ReturnType<VectorStrategy['decide']>)(v, { position: long ? 1 : 0, pending: false }, bar);
      let a = ACTION_NONE;
      if (d) {
        if (d.stopLoss !== undefined || d.takeProfit !== undefined) {
          a = ACTION_UNSUPPORTED;
          why.set(at, `asks for a ${d.stopLoss !== undefined ? 'stop-loss' : 'take-profit'} order`);
        } else if (d.intention === 'OPEN_LONG' && !long) a = ACTION_BUY;
        else if (d.intention === 'CLOSE_LONG' && long) a = ACTION_SELL;
        else if (d.intention === 'CLOSE_LONG') a = ACTION_REFUSE; // the manager refuses: no position
        else {
          a = ACTION_UNSUPPORTED;
          why.set(at, `decides ${d.intention} ${long ? 'while long' : 'while flat'}`);
        }
      }
      actions[at] = a;
    }
  }
  return { lo: LO, hi: HI, actions, why };
}

function vectorOf(name: string, params: Record<string, unknown>): VectorStrategy {
  const s = createStrategy(name, params, 'strategy') as unknown as Partial<VectorStrategy>;
  if (typeof s.signals !== 'function' || typeof s.decide !== 'function') throw new ConfigError(`\`strategy.name\`: ${name} is not a vectorised strategy (it handles bars itself); sweeps run vectorised strategies`);
  return s as VectorStrategy;
}

/** Why one combination cannot take the signal-column kernel, or null. */
export function tablePathProblem(t: StrategyTemplate, values: Readonly<Record<string, number>>): string | null {
  const params = strategyParams(t, values);
  const ok = TABLE_STRATEGIES[t.name];
  if (!ok) return `${t.name}'s decisions are not known to depend only on the signal and the position`;
  const why = ok(params);
  if (why) return `${t.name} ${why}, which the sweep's compute path does not book (long-only, fixed quantity, market orders)`;
  try {
    vectorOf(t.name, params);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  return null;
}

/** Strategies built as a cross of two indicator lines (IndicatorCrossStrategy): their lines are cached. */
const CROSSES = ['indicator_cross', 'ema_cross', 'macd_cross'];

/** Integer parameters of a registry strategy (a period, a window, a flag): a log range is rounded for them. */
const INTEGER_PARAM = /^(fast|slow|signal|period|entry|exit|atr|lookback|top|short|window)$/;

/** The parameter rules of a template: numbers of the strategy, and `side_param` of each indicator line. */
export function templateRules(t: StrategyTemplate): Record<string, ParamRule> {
  const rules: Record<string, ParamRule> = {};
  for (const [k, spec] of Object.entries(STRATEGIES[t.name]?.params ?? {})) {
    if (spec.kind === 'choice') continue;
    if (spec.kind === 'indicator') {
      const line = (t.template[k] ?? {}) as { name: string };
      for (const p of getIndicator(line.name).spec.params) {
        rules[`${k}_${p.name}`] = p.kind === 'period' ? { integer: true, min: 1, description: `${line.name} ${p.name} of the ${k} line, in bars` }
          : p.kind === 'ddof' ? { integer: true, min: 0, description: `${line.name} ${p.name} of the ${k} line (0 or 1)` }
            : p.kind === 'direction' ? { integer: true, min: -1, description: `${line.name} ${p.name} of the ${k} line (−1, 0 or 1)` }
              : { integer: false, min: -Infinity, description: `${line.name} ${p.name} of the ${k} line` };
      }
    } else {
      rules[k] = { integer: INTEGER_PARAM.test(k), min: INTEGER_PARAM.test(k) ? 0 : -Infinity, description: spec.description };
    }
  }
  return rules;
}

/** One line of an indicator cross (the fields of indicator-cross.ts's resolved lines that computing it needs). */
interface CrossLine {
  readonly name: string;
  readonly params: Readonly<Record<string, number>>;
  readonly inputs: readonly ('open' | 'high' | 'low' | 'close' | 'volume')[];
  readonly outputs: readonly string[];
  readonly outputIndex: number;
}

/** The two lines of an indicator cross (indicator_cross, ema_cross, macd_cross), or undefined for other strategies. */
function crossLines(s: VectorStrategy): readonly CrossLine[] | undefined {
  if (!(s instanceof IndicatorCrossStrategy)) return undefined;
  const lines = (s as unknown as { lines?: readonly CrossLine[] }).lines;
  return lines && lines.length === 2 && lines.every((l) => typeof l.name === 'string' && Array.isArray(l.inputs)) ? lines : undefined;
}

/** A line's column over the whole series, from the series' cache (computed by the registry's kernel on a miss). */
function lineOf(series: SignalSeries, l: CrossLine): Buf<Float64Array> {
  const key = `${l.name}|${JSON.stringify(l.params)}|${l.outputIndex}`;
  return series.line(key, (out) => {
    const ws = series.ws;
    const mark = ws.mark();
    try {
      const m = series.slice.len;
      const kernel = getIndicator(l.name).create(ws, 1, l.params);
      kernel.run(l.inputs.map((c) => series.slice[c]), l.outputs.map((_, i) => (i === l.outputIndex ? out : ws.f64(m))), m);
    } finally {
      ws.release(mark);
    }
  });
}

/** The signal-column evaluator of a registry strategy: every combination runs the strategy's own kernels. */
export function vectorEvaluator(t: StrategyTemplate): ComputeEvaluator<SignalSeries> {
  const runCross = (series: SignalSeries, s: VectorStrategy, lines: readonly CrossLine[], costs: SweepCosts, from: number, to: number, records: boolean): SweepRun => {
    const [a, b] = lines.map((l) => lineOf(series, l)) as [Buf<Float64Array>, Buf<Float64Array>];
    const full = decisionTable(s);
    // the crossover's values are −1 and +1 only
    const table: DecisionTable = { lo: -1, hi: 1, actions: full.actions.slice(2 * (-1 - LO), 2 * (1 - LO) + 2), why: new Map([...(full.why ?? [])].filter(([k]) => k >= 2 * (-1 - LO) && k < 2 * (2 - LO)).map(([k, w]) => [k - 2 * (-1 - LO), w])) };
    series.reserve(records, from, to);
    return series.runCross(a, b, table, costs, from, to, records);
  };
  const runOne = (series: SignalSeries, values: Readonly<Record<string, number>>, costs: SweepCosts, from: number, to: number, records: boolean, each: (run: SweepRun) => void): void => {
    const params = strategyParams(t, values);
    series.reserve(records, from, to);
    const ws = series.ws;
    const memBytes = (): number => (ws.arena ? ws.arena.exports.memory.buffer.byteLength : 0);
    for (let attempt = 0; ; attempt++) {
      const s = vectorOf(t.name, params);
      // a cross of two indicator lines: each line is computed once per symbol and kept for the
      // combinations that share it; the two lines are crossed and booked in one kernel pass
      const lines = crossLines(s);
      if (lines) {
        each(runCross(series, s, lines, costs, from, to, records));
        return;
      }
      const table = decisionTable(s);
      const before = memBytes();
      const mark = ws.mark();
      try {
        // the strategy's kernels see the whole compacted series as one slice (their state carries across
        // slices, so this equals the engine's slice-by-slice column)
        s.init(ws, 1);
        const out: Buf<Int32Array> = ws.i32(series.slice.len);
        s.signals(series.slice, out);
        // a strategy that holds a view of kernel memory across an allocation reads a detached view when
        // memory grows: the column is computed again, now without growing
        if (memBytes() !== before && attempt === 0) continue;
        each(series.run(out, table, costs, from, to, records));
        return;
      } finally {
        ws.release(mark);
      }
    }
  };
  return {
    description: STRATEGIES[t.name]?.description ?? t.name,
    path: CROSSES.includes(t.name)
      ? 'signal-column kernel, crossing lines: each indicator line computed once per symbol and kept for the combinations that share it; one WebAssembly pass crosses two lines and books the signals (next-open fills, float ledger)'
      : 'signal-column kernel: per combination the strategy\'s kernels write its signal column, a WebAssembly kernel books it (next-open fills, float ledger)',
    // the strategy's kernels may read any column (high/low for channels, volume for VWMA)
    columns: ['high', 'low', 'volume'],
    params: templateRules(t),
    check: (v) => tablePathProblem(t, v),
    prepare: (ws, c) => new SignalSeries(ws, c),
    run: (series, values, costs, from, to) => {
      let out: SweepRun | undefined;
      runOne(series, values, costs, from, to, true, (r) => (out = r));
      return out!;
    },
    runMany: (series, names, values, costs, from, to, each) => {
      const k = names.length;
      // in grid order (the first parameter slowest), so that combinations sharing an indicator line
      // run one after another while the line is kept
      const order = Array.from({ length: values.length / k }, (_, j) => j);
      order.sort((x, y) => {
        for (let i = 0; i < k; i++) if (values[x * k + i] !== values[y * k + i]) return values[x * k + i]! - values[y * k + i]!;
        return x - y;
      });
      for (const j of order) {
        const v: Record<string, number> = {};
        names.forEach((n, i) => (v[n] = values[j * k + i]!));
        runOne(series, v, costs, from, to, false, (r) => each(j, r));
      }
    },
  };
}

setVectorFactory((name, template) => vectorEvaluator({ name, template }) as unknown as ComputeEvaluator);
