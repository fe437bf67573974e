// Corporate actions read from a catalog reach the engine's ledger: the real AAPL daily rows (two
// splits, two dividends) ingested with their Algoseek factors, run through runBacktest.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../../src/data/index.js';
import { normalizeConfig } from '../../src/config/index.js';
import { catalogCorporateActions, runBacktest } from '../../src/engine/index.js';
import type { QtraderEvent, SnapshotPayload } from '../../src/events/index.js';
import { validateEvent } from '../../src/events/contracts.js';

const ALGO = fileURLToPath(new URL('../fixtures/algoseek/', import.meta.url));

async function withCatalog<T>(f: (dir: string, tmp: string) => Promise<T>): Promise<T> {
  const tmp = mkdtempSync(join(tmpdir(), 'qt-ca-'));
  try {
    const cat = join(tmp, 'cat');
    await ingest({ source: join(ALGO, 'aapl-daily.csv'), catalog: cat, format: 'algoseek-daily' });
    return await f(cat, tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** buy_and_hold of 10 AAPL on the daily rows, commission 0. */
function config(cat: string, data: Record<string, unknown> = {}) {
  return normalizeConfig({
    run: { id: 'ca-test' }, data: { catalog: cat, symbols: ['AAPL'], dataset: '1d', ...data },
    strategy: { name: 'buy_and_hold' }, portfolio: { initial_cash: '100000' }, sizing: { method: 'fixed_quantity', quantity: 10 },
    execution: { commission: { per_share: '0', minimum: '0' } }, output: { html: false },
  }, 'test');
}

async function run(cat: string, tmp: string, data: Record<string, unknown> = {}) {
  const events: QtraderEvent[] = [];
  const out = await runBacktest(config(cat, data), { outDir: join(tmp, 'out'), onEvent: (e) => { validateEvent(e); events.push(e); } });
  const snaps = events.filter((e) => e.event_type === 'snapshot').map((e) => e.payload as SnapshotPayload);
  const last = snaps[snaps.length - 1]!;
  const pos = last.strategies_groups.flatMap((g) => g.positions).find((p) => p.symbol === 'AAPL')!;
  return { out, events, last, pos };
}

describe('corporate actions from the catalog in a run', () => {
  it('splits the position and pays the dividends of the AAPL rows, with cash and position derived by hand', async () => {
    await withCatalog(async (cat, tmp) => {
      const { out, events, last, pos } = await run(cat, tmp);
      // the rows: 2012-08-08, 2012-08-09 (dividend 2.65), 2014-06-06, 2014-06-09 (7-for-1), 2020-08-06,
      // 2020-08-07 (dividend 0.82), 2020-08-31 (4-for-1). buy_and_hold signals at the first close and
      // buys 10 at the next bar's open: 617.85 on 2012-08-09. The 2012-08-09 dividend applies at the
      // end of 2012-08-08, before that fill (no shares yet): nothing paid.
      const fills = events.filter((e) => e.event_type === 'fill').map((e) => e.payload as { fill_price: string; filled_quantity: string });
      expect(fills.map((f) => [f.filled_quantity, f.fill_price])).toEqual([['10', '617.85']]);
      // 7-for-1 on 2014-06-09: 10 → 70 shares (average price 617.85 / 7 = 88.264285…);
      // dividend 0.82 on 2020-08-07: 70 × 0.82 = 57.40 received; 4-for-1 on 2020-08-31: 70 → 280 shares
      expect(pos.open_quantity).toBe('280');
      expect(last.total_dividends_received).toBe('57.4');
      // cash: 100000 − 10 × 617.85 + 57.40 = 93878.90; equity: + 280 × 129.04 (last close) = 36131.20 → 130010.10
      expect(last.cash_balance).toBe('93878.9');
      expect(last.current_portfolio_equity).toBe('130010.1');
      expect(out.result.final_equity).toBe('130010.1');
      expect(events.filter((e) => e.event_type === 'corporate_action').map((e) => (e.payload as { ex_date: string }).ex_date))
        .toEqual(['2012-08-09', '2014-06-09', '2020-08-07', '2020-08-31']);
    });
  });

  it('applies nothing with data.corporate_actions: false (and the books are then wrong across the splits)', async () => {
    await withCatalog(async (cat, tmp) => {
      const { last, pos } = await run(cat, tmp, { corporate_actions: false });
      // still 10 shares valued at the post-split close: 93821.50 + 10 × 129.04 = 95111.90
      expect(pos.open_quantity).toBe('10');
      expect(last.current_portfolio_equity).toBe('95111.9');
    });
  });

  it('leaves out what the prices already contain and keeps to the date range', async () => {
    await withCatalog(async (cat) => {
      const kinds = (data: Record<string, unknown>) => catalogCorporateActions(config(cat, data)).map((a) => `${a.ex_date} ${a.action_type}`);
      expect(kinds({})).toEqual(['2012-08-09 dividend', '2014-06-09 split', '2020-08-07 dividend', '2020-08-31 split']);
      expect(kinds({ prices: 'split_adjusted' })).toEqual(['2012-08-09 dividend', '2020-08-07 dividend']);
      expect(kinds({ prices: 'total_return' })).toEqual([]);
      expect(kinds({ start: '2014-01-01', end: '2020-08-30' })).toEqual(['2014-06-09 split', '2020-08-07 dividend']);
    });
  });
});
