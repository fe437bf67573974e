// Trade-and-quote bars from an Algoseek TAQ file reach the engine through the catalog: market
// orders fill at the quote (buys at the ask, sells at the bid), VWAP fills use the file's
// VolumeWeightPrice, and spread slippage uses the quoted spread.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../../src/data/index.js';
import { normalizeConfig } from '../../src/config/index.js';
import { loadConfiguredBars, runBacktest } from '../../src/engine/index.js';
import type { FillPayload, QtraderEvent } from '../../src/events/index.js';
import { validateEvent } from '../../src/events/contracts.js';

const ALGO = fileURLToPath(new URL('../fixtures/algoseek/', import.meta.url));
const HEADER = readFileSync(join(ALGO, 'taq-61.csv'), 'utf8').split('\n')[0]!.trim().split(',');

/** One TAQ minute of TEST on 2024-01-02: trade OHLC, quotes at the open and close, VWAP; other fields plausible. */
function row(min: number, o: number, h: number, l: number, c: number, ob: number, oa: number, cb: number, ca: number, vwap: number): string {
  const hh = String(9 + Math.floor((30 + min) / 60)).padStart(2, '0');
  const mm = String((30 + min) % 60).padStart(2, '0');
  const f: Record<string, string | number> = {
    Date: '20240102', Ticker: 'TEST', TimeBarStart: `${hh}${mm}`, OpenBarTime: `${hh}:${mm}:00.000`, CloseBarTime: `${hh}:${mm}:59.999`,
    OpenBidPrice: ob, OpenBidSize: 100, OpenAskPrice: oa, OpenAskSize: 100, CloseBidPrice: cb, CloseBidSize: 100, CloseAskPrice: ca, CloseAskSize: 100,
    FirstTradeTime: `${hh}:${mm}:00.100`, FirstTradePrice: o, FirstTradeSize: 100, HighTradeTime: `${hh}:${mm}:20.000`, HighTradePrice: h, HighTradeSize: 100,
    LowTradeTime: `${hh}:${mm}:30.000`, LowTradePrice: l, LowTradeSize: 100, LastTradeTime: `${hh}:${mm}:59.000`, LastTradePrice: c, LastTradeSize: 100,
    HighBidTime: `${hh}:${mm}:20.000`, HighBidPrice: Math.max(ob, cb), HighBidSize: 100, HighAskTime: `${hh}:${mm}:20.000`, HighAskPrice: Math.max(oa, ca), HighAskSize: 100,
    LowBidTime: `${hh}:${mm}:30.000`, LowBidPrice: Math.min(ob, cb), LowBidSize: 100, LowAskTime: `${hh}:${mm}:30.000`, LowAskPrice: Math.min(oa, ca), LowAskSize: 100,
    MinSpread: 0.01, MaxSpread: 0.03, CancelSize: 0, VolumeWeightPrice: vwap, NBBOQuoteCount: 10, Volume: 5000, TotalTrades: 50, FinraVolume: 1000, FinraVolumeWeightPrice: vwap,
    TimeWeightBid: cb, TimeWeightAsk: ca,
  };
  return HEADER.map((k) => f[k] ?? 0).join(',');
}

// closes 10.00, 9.90, 10.10, 10.20, 10.05, 10.00: with sma_cross(1, 2) the fast SMA is the close and
// the slow one the mean of the last two, so fast − slow = (c_t − c_{t−1}) / 2: it turns positive at
// bar 2 (a buy, filled on bar 3) and negative at bar 4 (a sell, filled on bar 5)
const ROWS = [
  row(0, 10.0, 10.05, 9.95, 10.0, 9.99, 10.01, 9.99, 10.01, 10.0),
  row(1, 10.0, 10.0, 9.85, 9.9, 9.99, 10.01, 9.89, 9.91, 9.93),
  row(2, 9.9, 10.12, 9.88, 10.1, 9.89, 9.91, 10.09, 10.11, 10.02),
  row(3, 10.12, 10.25, 10.1, 10.2, 10.11, 10.14, 10.19, 10.21, 10.17),
  row(4, 10.2, 10.22, 10.0, 10.05, 10.19, 10.21, 10.04, 10.06, 10.1),
  row(5, 10.03, 10.06, 9.98, 10.0, 10.01, 10.04, 9.99, 10.01, 10.02),
];

async function withTaqCatalog<T>(f: (cat: string, tmp: string) => Promise<T>): Promise<T> {
  const tmp = mkdtempSync(join(tmpdir(), 'qt-taq-'));
  try {
    const src = join(tmp, 'TEST.csv');
    writeFileSync(src, [HEADER.join(','), ...ROWS].join('\n') + '\n');
    const cat = join(tmp, 'cat');
    await ingest({ source: src, catalog: cat, format: 'algoseek-taq' });
    return await f(cat, tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function config(cat: string, data: Record<string, unknown> = {}, execution: Record<string, unknown> = {}) {
  return normalizeConfig({
    run: { id: 'taq-test' }, data: { catalog: cat, symbols: ['TEST'], ...data },
    strategy: { name: 'sma_cross', params: { fast: 1, slow: 2 } }, portfolio: { initial_cash: '100000' }, sizing: { method: 'fixed_quantity', quantity: 10 },
    execution: { commission: { per_share: '0', minimum: '0' }, ...execution }, output: { html: false },
  }, 'test');
}

async function fills(cat: string, tmp: string, data: Record<string, unknown> = {}, execution: Record<string, unknown> = {}) {
  const events: QtraderEvent[] = [];
  const out = await runBacktest(config(cat, data, execution), { outDir: join(tmp, 'out'), onEvent: (e) => { validateEvent(e); events.push(e); } });
  const f = events.filter((e) => e.event_type === 'fill').map((e) => e.payload as FillPayload);
  return { out, fills: f.map((x) => [x.side, x.fill_price, x.timestamp.slice(11, 16)]), raw: f };
}

describe('quote-side fills from an ingested TAQ file', () => {
  it('carries the quotes into the engine bars (and the VWAP when a VWAP fill policy needs it)', async () => {
    await withTaqCatalog(async (cat) => {
      const bars = await loadConfiguredBars(config(cat));
      expect(Array.from(bars.askOpen!)).toEqual([10.01, 10.01, 9.91, 10.14, 10.21, 10.04]);
      expect(Array.from(bars.bidClose!)).toEqual([9.99, 9.89, 10.09, 10.19, 10.04, 9.99]);
      expect(bars.vwap).toBeUndefined();
      const v = await loadConfiguredBars(config(cat, {}, { fill_policy: 'vwap_next_bar' }));
      expect(Array.from(v.vwap!)).toEqual([10.0, 9.93, 10.02, 10.17, 10.1, 10.02]);
      expect((await loadConfiguredBars(config(cat, { quotes: false }))).bidOpen).toBeUndefined();
    });
  });

  it('buys at the ask and sells at the bid of the next bar\'s open', async () => {
    await withTaqCatalog(async (cat, tmp) => {
      const r = await fills(cat, tmp);
      // buy on bar 3 (14:33 UTC) at its opening ask 10.14 (trade open 10.12); sell on bar 5 at its opening bid 10.01 (trade open 10.03)
      expect(r.fills).toEqual([['buy', '10.14', '14:33'], ['sell', '10.01', '14:35']]);
      expect(r.raw.map((f) => f.liquidity)).toEqual(['quote', 'quote']);
      // realized (10.01 − 10.14) × 10 = −1.30
      expect(r.out.result.final_equity).toBe('99998.7');
    });
  });

  it('fills at the trade open with data.quotes: false', async () => {
    await withTaqCatalog(async (cat, tmp) => {
      const r = await fills(cat, tmp, { quotes: false });
      // (10.03 − 10.12) × 10 = −0.90
      expect(r.fills).toEqual([['buy', '10.12', '14:33'], ['sell', '10.03', '14:35']]);
      expect(r.out.result.final_equity).toBe('99999.1');
    });
  });

  it('fills vwap_next_bar at the file\'s VWAP, with half the quoted spread as slippage', async () => {
    await withTaqCatalog(async (cat, tmp) => {
      const plain = await fills(cat, tmp, {}, { fill_policy: 'vwap_next_bar' });
      // bar 3's VWAP 10.17, bar 5's 10.02: (10.02 − 10.17) × 10 = −1.50
      expect(plain.fills).toEqual([['buy', '10.17', '14:33'], ['sell', '10.02', '14:35']]);
      expect(plain.out.result.final_equity).toBe('99998.5');
      const slipped = await fills(cat, tmp, {}, { fill_policy: 'vwap_next_bar', slippage: { model: 'spread', fraction: '0.5' } });
      // buy: 10.17 + (10.14 − 10.11) × 0.5 = 10.185; sell: 10.02 − (10.04 − 10.01) × 0.5 = 10.005 (quotes at the bar's open)
      // realized (10.005 − 10.185) × 10 = −1.80
      expect(slipped.fills).toEqual([['buy', '10.185', '14:33'], ['sell', '10.005', '14:35']]);
      expect(slipped.out.result.final_equity).toBe('99998.2');
    });
  });

  it('refuses spread slippage on data without quotes, naming the key', async () => {
    await withTaqCatalog(async (cat, tmp) => {
      await expect(fills(cat, tmp, { quotes: false }, { slippage: { model: 'spread', fraction: '0.5' } })).rejects.toThrow(/`execution.slippage.model` spread needs bid\/ask quote columns/);
    });
  });
});
