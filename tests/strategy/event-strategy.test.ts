// Event-driven strategies: onBar once per timeline bar after its fills, a context that reads the past
// (prices and declared indicators) and never the future, whatever the slicing.
import { describe, it, expect } from 'vitest';
import type { BarContext, EventStrategy } from '../../src/strategy/index.js';
import { BarHistory, StrategyError } from '../../src/strategy/index.js';
import { Workspace } from '../../src/kernels/index.js';
import { makeBars, config, run, signalsAt } from './helpers.js';
import { mulberry } from './random.js';

const T = 40;
// every value unique and increasing in t, so a value from any later bar cannot pass for the one expected
const aaa = Array.from({ length: T }, (_, t) => 100 + t + 0.001 * t * t);
const bbb = Array.from({ length: T }, (_, t) => (t === 6 ? NaN : 200 + 2 * t));
const bars = () => makeBars({ AAA: { close: aaa }, BBB: { close: bbb } });
const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/** EMA seeded with the SMA of the first `p` valid values, skipping bars without data (as the kernel does). */
function emaRef(x: readonly number[], p: number): number[] {
  const out: number[] = [];
  let n = 0, sum = 0, e = NaN;
  for (const v of x) {
    if (Number.isNaN(v)) { out.push(NaN); continue; }
    n++;
    if (n < p) sum += v;
    else if (n === p) e = (sum + v) / p;
    else e += (2 / (p + 1)) * (v - e);
    out.push(n >= p ? e : NaN);
  }
  return out;
}

describe('the bar context cannot see the future', () => {
  it('refuses ago = −1, a fractional ago and one beyond the lookback, for every reader, with a clear message', () => {
    const refusals: string[] = [];
    const s: EventStrategy = {
      name: 'peeker', lookback: 3, indicators: { fast: { name: 'ema', params: { period: 3 } } },
      onBar(ctx) {
        if (ctx.barIndex !== 10) return;
        const readers: Array<[string, (ago: number) => number]> = [
          ...FIELDS.map((f) => [f, (ago: number) => ctx[f]('AAA', ago)] as [string, (ago: number) => number]),
          ['indicator', (ago) => ctx.indicator('fast', 'AAA', ago)],
        ];
        for (const [name, read] of readers) {
          for (const ago of [-1, -5, 4, 1.5, NaN]) {
            try {
              read(ago);
              refusals.push(`${name}(${ago}) READ`);
            } catch (err) {
              refusals.push(`${name}(${ago}) ${(err as Error).message}`);
            }
          }
        }
      },
    };
    run(config(['AAA', 'BBB']), bars(), { strategy: s });
    expect(refusals).toHaveLength(6 * 5);
    expect(refusals.filter((r) => r.endsWith('READ'))).toEqual([]);
    for (const f of [...FIELDS, 'indicator']) {
      expect(refusals).toContain(`${f}(-1) ago must be ≥ 0: -1 would read a bar after the current one, which a strategy cannot see`);
      expect(refusals).toContain(`${f}(4) ago must be an integer in [0, 3] (the strategy's lookback); got 4: declare a larger \`lookback\` to read further back`);
    }
  });

  it('exposes nothing but readers of the past: no column, slice or service is reachable from ctx', () => {
    let ctxSeen: BarContext | undefined;
    run(config(['AAA', 'BBB']), bars(), { strategy: { name: 'look', onBar(ctx) { ctxSeen = ctx; } } });
    const ctx = ctxSeen!;
    const names = new Set<string>();
    for (let o: object | null = ctx; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) for (const k of Object.getOwnPropertyNames(o)) names.add(k);
    expect([...names].sort()).toEqual([
      'barIndex', 'barsSeen', 'close', 'constructor', 'high', 'indicator', 'low', 'open', 'params', 'pending', 'position', 'signal',
      'strategyId', 'symbolIndex', 'symbols', 'time', 'timezone', 'volume',
    ]);
    for (const k of names) {
      const v = (ctx as unknown as Record<string, unknown>)[k];
      // data fields are scalars or the symbol list / params; everything else is a method
      expect(typeof v === 'function' || typeof v !== 'object' || v === ctx.symbols || v === ctx.params, k).toBe(true);
    }
  });

  it('reads exactly the bars up to the current one, and the declared indicators there, however the engine slices', () => {
    const L = 3;
    const emaA = emaRef(aaa, 4), emaB = emaRef(bbb, 4);
    const expected: number[] = [];
    const b0 = bars();
    const cols = { open: b0.open, high: b0.high, low: b0.low, close: b0.close, volume: b0.volume };
    for (let t = 0; t < T; t++) {
      for (let s = 0; s < 2; s++) {
        for (let ago = 0; ago <= L; ago++) {
          const u = t - ago;
          for (const f of FIELDS) expected.push(u < 0 ? NaN : cols[f][s * T + u]!);
          expected.push(u < 0 ? NaN : (s === 0 ? emaA : emaB)[u]!);
        }
      }
    }
    for (const sliceBars of [T, 7, 1]) {
      const got: number[] = [];
      const s: EventStrategy = {
        name: 'recorder', lookback: L, indicators: { ema: { name: 'ema', params: { period: 4 } } },
        onBar(ctx) {
          for (let sym = 0; sym < 2; sym++) {
            for (let ago = 0; ago <= L; ago++) {
              for (const f of FIELDS) got.push(ctx[f](sym, ago));
              got.push(ctx.indicator('ema', ctx.symbols[sym]!, ago));
            }
          }
        },
      };
      run(config(['AAA', 'BBB']), bars(), { strategy: s, sliceBars });
      expect(got, `sliceBars ${sliceBars}`).toEqual(expected);
    }
  });

  it('decides from the past only: its signals equal a past-only reference, which differs from one that sees the next bar', () => {
    const rnd = mulberry(11);
    const walk: number[] = [];
    for (let t = 0, p = 50; t < 200; t++) walk.push((p = Math.round((p + (rnd() - 0.5) * 2) * 100) / 100));
    const b = makeBars({ AAA: { close: walk } });
    // the rule: at bar t ≥ 1, up from the previous close → OPEN_LONG, down → CLOSE_LONG (equal: nothing)
    const rule = (now: number, before: number): string | null => (now > before ? 'OPEN_LONG' : now < before ? 'CLOSE_LONG' : null);
    const past: string[] = [], future: string[] = [];
    for (let t = 1; t < walk.length; t++) {
      const p = rule(walk[t]!, walk[t - 1]!);
      if (p) past.push(`${t}:AAA:${p}`);
      const f = t + 1 < walk.length ? rule(walk[t + 1]!, walk[t]!) : null;
      if (f) future.push(`${t}:AAA:${f}`);
    }
    expect(future).not.toEqual(past);
    const s: EventStrategy = {
      name: 'would_peek',
      onBar(ctx) {
        let next = NaN;
        try {
          next = ctx.close(0, -1);
        } catch {
          // refused: decide from the past
        }
        const d = next === next ? rule(next, ctx.close(0)) : rule(ctx.close(0), ctx.close(0, 1));
        if (d) ctx.signal({ symbol: 0, intention: d as 'OPEN_LONG' });
      },
    };
    for (const sliceBars of [200, 9]) {
      const { of } = run(config(['AAA']), b, { strategy: s, sliceBars });
      expect(signalsAt(b, of('signal'))).toEqual(past);
    }
  });
});

describe('event-driven strategies in the engine', () => {
  it('calls onStart, onBar once per timeline bar in order (also where the first symbol has no bar), onFill before the bar it fills at, onEnd', () => {
    const calls: string[] = [];
    const closeA = aaa.map((c, t) => (t === 5 ? NaN : c));
    const b = makeBars({ AAA: { close: closeA }, BBB: { close: bbb } });
    const s: EventStrategy = {
      name: 'calls',
      onStart(ctx) { calls.push(`start ${ctx.barIndex} ${ctx.barsSeen}`); },
      onBar(ctx) {
        calls.push(`bar ${ctx.barIndex} pos ${ctx.position('AAA')} pending ${ctx.pending('AAA')}`);
        if (ctx.barIndex === 2) ctx.signal({ symbol: 'AAA', intention: 'OPEN_LONG', confidence: 0.5, stopLoss: 90, takeProfit: 150, reason: 'test' });
      },
      onFill(ctx, fill) { calls.push(`fill ${fill.side} ${fill.filled_quantity} @ ${fill.fill_price} (ctx at bar ${ctx.barIndex})`); },
      onEnd(ctx) { calls.push(`end ${ctx.barIndex}`); },
    };
    const { of } = run(config(['AAA', 'BBB']), b, { strategy: s });
    // signal at bar 2's close; the market order fills at bar 3's open = bar 2's close (makeBars: open = previous close) = 102.004,
    // booked before onBar(3), while ctx still stands at bar 2 (bar 3 is not complete)
    expect(calls.slice(0, 6)).toEqual([
      'start -1 0', 'bar 0 pos 0 pending false', 'bar 1 pos 0 pending false', 'bar 2 pos 0 pending false',
      'fill buy 10 @ 102.004 (ctx at bar 2)', 'bar 3 pos 10 pending false',
    ]);
    expect(calls.filter((c) => c.startsWith('bar')).map((c) => Number(c.split(' ')[1]))).toEqual(Array.from({ length: T }, (_, t) => t));
    expect(calls.at(-1)).toBe(`end ${T - 1}`);
    const sig = of('signal')[0]!;
    expect(sig).toMatchObject({ symbol: 'AAA', intention: 'OPEN_LONG', confidence: '0.5', price: '102.004', stop_loss: '90', take_profit: '150', reason: 'test', strategy_id: 'buy_and_hold' });
    // the bracket legs execution placed from the signal's stop_loss / take_profit
    expect(of('order_status').filter((o) => o.status === 'accepted').map((o) => o.order_type).sort()).toEqual(['limit', 'stop']);
  });

  it('gives the same signals and fills whether the engine holds the whole series or walks it in small slices, with either kernel engine', () => {
    const s = (): EventStrategy => ({
      name: 'ema_vs_close', indicators: { e: { name: 'ema', params: { period: 5 } } },
      onBar(ctx) {
        for (const sym of ctx.symbols) {
          const c = ctx.close(sym), e = ctx.indicator('e', sym);
          if (c > e && ctx.position(sym) === 0 && !ctx.pending(sym)) ctx.signal({ symbol: sym, intention: 'OPEN_LONG' });
          if (c < e && ctx.position(sym) > 0 && !ctx.pending(sym)) ctx.signal({ symbol: sym, intention: 'CLOSE_LONG' });
        }
      },
    });
    const rnd = mulberry(3);
    const walk = (p: number) => Array.from({ length: 300 }, () => (p = Math.round((p + (rnd() - 0.5) * 3) * 100) / 100));
    const b = makeBars({ AAA: { close: walk(50) }, BBB: { close: walk(80) } });
    const whole = run(config(['AAA', 'BBB']), b, { strategy: s() });
    const sliced = run(config(['AAA', 'BBB']), b, { strategy: s(), sliceBars: 13 });
    // the plain-TypeScript reference kernels give the same indicator values, hence the same signals
    const js = run(config(['AAA', 'BBB'], { run: { id: 'js', engine: 'js' } }), b, { strategy: s(), sliceBars: 50 });
    expect(whole.of('signal').length).toBeGreaterThan(10);
    expect(signalsAt(b, sliced.of('signal'))).toEqual(signalsAt(b, whole.of('signal')));
    expect(signalsAt(b, js.of('signal'))).toEqual(signalsAt(b, whole.of('signal')));
    expect(sliced.of('fill').map((f) => `${f.symbol} ${f.side} ${f.fill_price}`)).toEqual(whole.of('fill').map((f) => `${f.symbol} ${f.side} ${f.fill_price}`));
  });

  it('names the strategy, callback and bar when onBar throws, and refuses bad requests with what was expected', () => {
    const thrower: EventStrategy = { name: 'thrower', onBar(ctx) { if (ctx.barIndex === 3) throw new Error('boom'); } };
    expect(() => run(config(['AAA', 'BBB']), bars(), { strategy: thrower })).toThrow(StrategyError);
    expect(() => run(config(['AAA', 'BBB']), bars(), { strategy: thrower })).toThrow('strategy buy_and_hold (thrower): onBar threw at bar 3 (2024-01-02T14:33:00Z): boom');
    const bad = (onBar: (ctx: BarContext) => void, extra: Partial<EventStrategy> = {}) => () => run(config(['AAA', 'BBB']), bars(), { strategy: { name: 'bad', ...extra, onBar } });
    expect(bad((ctx) => ctx.close('ZZZ'))).toThrow(/onBar threw at bar 0 .*: unknown symbol "ZZZ"; expected one of: AAA, BBB/);
    expect(bad((ctx) => ctx.close(2))).toThrow(/symbol index 2 is out of range; expected 0…1/);
    expect(bad((ctx) => ctx.indicator('rsi', 0))).toThrow(/unknown indicator `rsi`; declared: none/);
    expect(bad((ctx) => ctx.signal({ symbol: 0, intention: 'BUY' as 'OPEN_LONG' }))).toThrow(/`intention` must be one of OPEN_LONG, CLOSE_LONG, OPEN_SHORT, CLOSE_SHORT; got "BUY"/);
    expect(bad((ctx) => ctx.signal({ symbol: 0, intention: 'OPEN_LONG', confidence: 1.5 }))).toThrow(/`confidence` must be a number in \[0, 1\]/);
    expect(bad((ctx) => ctx.signal({ symbol: 0, intention: 'OPEN_LONG', stopLoss: -1 }))).toThrow(/`stopLoss` must be a finite price ≥ 0; got -1/);
    expect(bad(() => {}, { onStart: (ctx) => ctx.signal({ symbol: 0, intention: 'OPEN_LONG' }) })).toThrow(/ctx.signal can only be called inside onBar/);
    expect(bad(() => {}, { indicators: { x: { name: 'emma' } } })).toThrow(/strategy buy_and_hold \(bad\): `indicators.x`: unknown indicator `emma`/);
    expect(bad(() => {}, { lookback: -1 })).toThrow(/`lookback` must be an integer in \[0, 1000000\]; got -1/);
    expect(bad(() => {}, { warmup: 1.5 })).toThrow(/`warmup` must be a non-negative integer; got 1.5/);
    // the warm-up of the declared indicators is checked before the run: EMA(50) needs 50 bars, the data has 40
    expect(bad(() => {}, { indicators: { e: { name: 'ema', params: { period: 50 } } } })).toThrow(/symbol AAA has 40 bars; bad\(\) needs at least 50 to signal/);
  });
});

describe('BarHistory', () => {
  it('holds lookback + 1 bars per symbol and reads NaN before the first bar', () => {
    const ws = new Workspace('js');
    const col = ws.f64(6);
    col.set([1, 2, 3, 10, 20, 30]); // two symbols, three bars each
    const h = new BarHistory(2, 1, 1);
    expect(h.read(0, 0, 0)).toBeNaN();
    h.push([col], 3, 0);
    expect([h.read(0, 0, 0), h.read(0, 1, 0), h.read(0, 0, 1)]).toEqual([1, 10, NaN]);
    h.push([col], 3, 1);
    h.push([col], 3, 2);
    expect([h.read(0, 0, 0), h.read(0, 0, 1), h.read(0, 1, 0), h.read(0, 1, 1)]).toEqual([3, 2, 30, 20]);
    expect(() => h.read(0, 0, 2)).toThrow(/\[0, 1\]/);
    expect(() => new BarHistory(1, 1, -2)).toThrow(/lookback must be an integer/);
    const none = new BarHistory(1, 1, 0);
    none.push([undefined], 3, 0);
    expect(none.read(0, 0, 0)).toBeNaN();
  });
});
