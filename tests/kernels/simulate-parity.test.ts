// Parity of the simulate kernel (wasm/simulate.ts + wasm/orders/) with its plain-TypeScript
// reference on random order streams, and agreement of the order layout constants.
import { describe, it, expect } from 'vitest';
import { Workspace, SimulateKernel, kernelModule, orderCodes as K, STATUS_OK, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, EVENT_EXPIRE, EVENT_TRIGGER, EVENT_WATCH } from '../../src/kernels/index.js';
import { lcg } from '../helpers/random.js';

describe('order layout codes', () => {
  it('agree between wasm/orders/layout.ts and src/kernels/order-layout.ts', () => {
    const inst = new WebAssembly.Instance(kernelModule('debug'), {});
    const names = Object.keys(K).filter((k) => typeof (K as Record<string, unknown>)[k] === 'number');
    expect(names.length).toBeGreaterThan(60);
    const wasm = Object.fromEntries(names.map((n) => [n, (inst.exports[n] as { value: number } | undefined)?.value]));
    expect(wasm).toEqual(Object.fromEntries(names.map((n) => [n, (K as Record<string, number>)[n]])));
    expect((inst.exports['EVENT_EXPIRE'] as { value: number }).value).toBe(EVENT_EXPIRE);
    expect((inst.exports['EVENT_TRIGGER'] as { value: number }).value).toBe(EVENT_TRIGGER);
    expect((inst.exports['EVENT_WATCH'] as { value: number }).value).toBe(EVENT_WATCH);
  });
});

/** Random bars with consistent OHLC (low ≤ open, close ≤ high), NaN gaps, zero-volume bars and optional quotes/VWAP. */
function randomBars(nsym: number, len: number, seed: number, withQuotes: boolean) {
  const r = lcg(seed);
  const n = nsym * len;
  const o = new Float64Array(n), h = new Float64Array(n), l = new Float64Array(n), c = new Float64Array(n), v = new Float64Array(n), w = new Float64Array(n);
  const bo = new Float64Array(n), ao = new Float64Array(n), bc = new Float64Array(n), ac = new Float64Array(n);
  for (let s = 0; s < nsym; s++) {
    let p = 100;
    for (let t = 0; t < len; t++) {
      const k = s * len + t;
      if (r() < 0.05) {
        o[k] = h[k] = l[k] = c[k] = w[k] = bo[k] = ao[k] = bc[k] = ac[k] = NaN;
        continue;
      }
      const cent = (x: number) => Math.round(x * 100) / 100;
      o[k] = cent(p + (r() - 0.5) * 2);
      c[k] = cent(o[k]! + (r() - 0.5) * 2);
      h[k] = cent(Math.max(o[k]!, c[k]!) + r() * 1.5);
      l[k] = cent(Math.min(o[k]!, c[k]!) - r() * 1.5);
      v[k] = r() < 0.1 ? 0 : Math.floor(r() * 2000);
      w[k] = cent((h[k]! + l[k]! + c[k]!) / 3);
      bo[k] = cent(o[k]! - 0.02); ao[k] = cent(o[k]! + 0.02); bc[k] = cent(c[k]! - 0.03); ac[k] = cent(c[k]! + 0.03);
      p = c[k]!;
    }
  }
  return { o, h, l, c, v, w, quotes: withQuotes ? { bo, ao, bc, ac } : null };
}

interface Live { slot: number; sym: number; side: 1 | -1; qty: number; partner: number }

/**
 * Drives the kernel over random bars with a scripted handler that places random orders of every type
 * at signal bars, books fills into cash and positions, shrinks or frees orders, cancels OCO partners,
 * and frees expired ones. Returns everything observable: the event trace, equity, book and table.
 */
function drive(engine: 'wasm' | 'js', seed: number) {
  const r0 = lcg(seed * 7 + 1);
  const nsym = 1 + Math.floor(r0() * 3), len = 200 + Math.floor(r0() * 200);
  const participation = r0() < 0.5 ? 0 : 0.1 + r0() * 0.5;
  const policy = Math.floor(r0() * 3);
  const withQuotes = r0() < 0.5;
  const ws = new Workspace(engine, 'debug');
  const sim = new SimulateKernel(ws, nsym, { participation, ticks: 100, policy });
  const b = randomBars(nsym, len, seed, withQuotes);
  const mk = (a: Float64Array) => { const x = ws.f64(a.length); x.set(a); return x; };
  const cols = {
    open: mk(b.o), high: mk(b.h), low: mk(b.l), close: mk(b.c), volume: mk(b.v), vwap: mk(b.w),
    ...(b.quotes ? { bidOpen: mk(b.quotes.bo), askOpen: mk(b.quotes.ao), bidClose: mk(b.quotes.bc), askClose: mk(b.quotes.ac) } : {}),
    signal: ws.i32(nsym * len), dayEnd: ws.u8(len), equity: ws.f64(len),
  };
  const rr = lcg(seed + 11);
  const sig = cols.signal.view();
  for (let i = 0; i < sig.length; i++) sig[i] = rr() < 0.08 ? 1 : 0;
  const de = cols.dayEnd.view();
  for (let t = 0; t < len; t++) de[t] = t % 50 === 49 ? 1 : 0;
  sim.cash = 100_000;
  // a watch level near the starting cash (sometimes none): each stop moves it below the equity it saw
  // by a random step, so that both engines stop at the same bars again and again
  sim.watch = r0() < 0.2 ? -Infinity : 100_000 - r0() * 200;
  const live = new Map<number, Live>();
  const trace: string[] = [];
  let outside = 0;
  const place = (s: number, t: number) => {
    const k = s * len + t;
    const ref = b.c[k]!;
    const type = 1 + Math.floor(rr() * 8);
    const side: 1 | -1 = rr() < 0.5 ? 1 : -1;
    const off = (rr() - 0.3) * 3;
    const tifs = [K.TIF_GTC, K.TIF_GTC, K.TIF_IOC, K.TIF_FOK];
    const spec = {
      symbol: s, type, side, tif: tifs[Math.floor(rr() * 4)]!, quantity: 1 + Math.floor(rr() * 300), eligible: t + (rr() < 0.2 ? 0 : 1),
      limit: Math.round((ref - side * off) * 100) / 100, stop: Math.round((ref + side * off) * 100) / 100,
      trail: type === K.TYPE_TRAIL_PCT ? 0.01 : 0.5, point: Math.floor(rr() * 3), sameClose: rr() < 0.2,
    };
    const slot = sim.orders.add(spec);
    live.set(slot, { slot, sym: s, side, qty: spec.quantity, partner: -1 });
    if (rr() < 0.3 && type !== K.TYPE_MARKET) {
      const other = sim.orders.add({ ...spec, type: K.TYPE_LIMIT, limit: Math.round((ref + side * 2) * 100) / 100 });
      live.set(other, { slot: other, sym: s, side, qty: spec.quantity, partner: slot });
      live.get(slot)!.partner = other;
      sim.orders.link(slot, other);
    }
  };
  const free = (slot: number) => {
    const o = live.get(slot)!;
    sim.orders.remove(slot);
    live.delete(slot);
    if (o.partner >= 0 && live.has(o.partner)) live.get(o.partner)!.partner = -1;
  };
  sim.beginSlice();
  for (;;) {
    const code = sim.step(cols, len, 0);
    if (code === STATUS_OK) break;
    const s = sim.eventSymbol, t = sim.eventIndex, slot = sim.eventSlot;
    if (code === EVENT_FILL) {
      const f = sim.fill;
      trace.push(`F${t}:${s}:${slot}:${f.price}:${f.quantity}:${f.reason}:${f.stopLevel}`);
      const k = s * len + t;
      if ((f.reason & K.PX_QUOTE) === 0 && !(f.price >= b.l[k]! && f.price <= b.h[k]!)) outside++;
      const o = live.get(slot)!;
      sim.cash = sim.cash - o.side * f.quantity * f.price;
      sim.setPosition(s, sim.position(s) + o.side * f.quantity);
      o.qty -= f.quantity;
      const partner = o.partner;
      if (o.qty <= 0) {
        free(slot);
        if (partner >= 0 && live.has(partner)) free(partner);
      } else sim.orders.setQuantity(slot, o.qty);
    } else if (code === EVENT_EXPIRE) {
      trace.push(`X${t}:${s}:${slot}`);
      free(slot);
    } else if (code === EVENT_TRIGGER) {
      trace.push(`T${t}:${s}:${slot}`);
    } else if (code === EVENT_WATCH) {
      const e = cols.equity.view()[t]!;
      // the stop comes after the bar's valuation: the equity it reports is at or below the level
      expect(e).toBeLessThanOrEqual(sim.watch);
      trace.push(`W${t}:${s}:${e}`);
      sim.watch = e - 1 - rr() * 50;
    } else if (code === EVENT_SIGNAL) {
      trace.push(`S${t}:${s}`);
      place(s, t);
      if (rr() < 0.1 && live.size > 0) free([...live.keys()][Math.floor(rr() * live.size)]!);
    } else {
      expect(code).toBe(EVENT_DAY_END);
      trace.push(`D${t}`);
    }
  }
  const table = [...live.keys()].sort((a, z) => a - z).map((slot) => [slot, sim.orders.quantity(slot), sim.orders.stopLevel(slot), sim.orders.triggered(slot)]);
  return {
    trace, outside, table, equity: Array.from(cols.equity.view()), cash: sim.cash, ambiguous: sim.orders.ambiguous,
    positions: Array.from({ length: nsym }, (_, s) => sim.position(s)),
  };
}

describe('simulate with working orders', () => {
  it.each(Array.from({ length: 12 }, (_, i) => [i + 1]))('wasm and js agree on a random order stream (seed %i), and no fill is outside the bar', (seed) => {
    const a = drive('wasm', seed);
    const b = drive('js', seed);
    expect(a.trace.filter((x) => x.startsWith('F')).length).toBeGreaterThan(5);
    expect(a).toEqual(b);
    expect(a.outside).toBe(0);
  });

  it('exercises every kind of kernel event over the seeds', () => {
    const kinds = new Set<string>();
    let ambiguous = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const d = drive('js', seed);
      for (const x of d.trace) kinds.add(x[0]!);
      ambiguous += d.ambiguous;
    }
    expect([...kinds].sort()).toEqual(['D', 'F', 'S', 'T', 'W', 'X']);
    expect(ambiguous).toBeGreaterThan(0);
  });
});
