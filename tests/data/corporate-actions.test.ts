import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/data/catalog/catalog.js';
import { ingest } from '../../src/data/catalog/ingest.js';
import { openSliceSource } from '../../src/data/catalog/slice-source.js';
import { corporateActionsFor } from '../../src/data/corporate-actions/catalog-actions.js';
import { actionsFromFactors } from '../../src/data/corporate-actions/from-factors.js';
import { shareRatio } from '../../src/data/corporate-actions/ratio.js';
import { validatePayload } from '../../src/events/contracts.js';
import { ALGO, fixtureText } from './algoseek-helpers.js';
import { tempDir, writeTemp } from './helpers.js';

/** A catalog with the AAPL daily fixture and the security master. */
async function aaplCatalog(): Promise<Catalog> {
  const cat = join(tempDir(), 'cat');
  await ingest({ source: join(ALGO, 'aapl-daily.csv'), catalog: cat, format: 'algoseek-daily' });
  await ingest({ source: join(ALGO, 'security-master.csv'), catalog: cat, format: 'algoseek-master' });
  return Catalog.open(cat);
}

describe('corporate actions from Algoseek factors (real AAPL rows)', () => {
  it('gives the 2012 and 2020 dividends, the 7-for-1 and the 4-for-1 splits, each valid against the contract', async () => {
    const actions = corporateActionsFor(await aaplCatalog(), 'AAPL');
    for (const a of actions) validatePayload('data/corporate_action.v1.json', a, `${a.action_type} ${a.ex_date}`);
    expect(actions.map((a) => [a.ex_date, a.action_type, a.split_ratio ?? a.dividend_amount])).toEqual([
      // (1 − 0.99572484109315) × 619.86 (close of 2012-08-08) = 2.650000000000041 → 2.65 at 6 places
      ['2012-08-09', 'dividend', '2.65'],
      // 1 / 0.142857142857143 = 6.99999999999999… → the fraction 7/1
      ['2014-06-09', 'split', '7'],
      // (1 − 0.998200215096245) × 455.61 (close of 2020-08-06) = 0.81999999999981555 → 0.82
      ['2020-08-07', 'dividend', '0.82'],
      // 1 / 0.25 = 4
      ['2020-08-31', 'split', '4'],
    ]);
    expect(actions[1]).toEqual({
      symbol: 'AAPL', asset_class: 'equity', action_type: 'split', announcement_date: '2014-06-09', ex_date: '2014-06-09', effective_date: '2014-06-09',
      source: 'algoseek:BonusSame', split_ratio: '7', split_from: '1', split_to: '7', price_adjustment_factor: '0.142857142857143', volume_adjustment_factor: '7',
    });
    expect(actions[2]).toMatchObject({ dividend_currency: 'USD', price_adjustment_factor: '0.998200215096245' });
  });

  it('filters by ex date and adds symbol changes and delistings from the security master', async () => {
    const c = await aaplCatalog();
    expect(corporateActionsFor(c, 'AAPL', { start: '2020-01-01', end: '2020-08-30' }).map((a) => a.ex_date)).toEqual(['2020-08-07']);
    const meta = corporateActionsFor(c, 'META');
    expect(meta).toEqual([{ symbol: 'FB', asset_class: 'equity', action_type: 'symbol_change', announcement_date: '2022-06-09', ex_date: '2022-06-09', effective_date: '2022-06-09', source: 'algoseek:security-master SecId 90001', new_symbol: 'META' }]);
    const old = corporateActionsFor(c, 'OLDCO');
    expect(old.map((a) => [a.action_type, a.ex_date])).toEqual([['delisting', '2015-06-30']]);
    for (const a of [...meta, ...old]) validatePayload('data/corporate_action.v1.json', a);
  });

  it('tells apart several events on one day with the volume factor, and handles reverse splits and unknown reasons', () => {
    const rows = {
      symbol: 'XYZ', dates: ['2021-01-04', '2021-01-05', '2021-02-01', '2021-03-01'],
      close: Float64Array.of(100, 25, 30, 3),
      // 2021-01-05: 4-for-1 split and a dividend with factor 0.99 on the same day: 0.25 × 0.99 = 0.2475;
      // 2021-02-01: a 1-for-10 consolidation (factor 10, volume factor divided by 10);
      // 2021-03-01: a reason this code does not know, price-only (volume factor unchanged).
      cpf: Float64Array.of(1, 1 / 0.2475, 1 / 0.2475 / 10, 1 / 0.2475 / 10 / 0.95),
      cvf: Float64Array.of(1, 4, 0.4, 0.4),
      adjFactor: Float64Array.of(NaN, 0.2475, 10, 0.95),
      reasons: [null, 'CashDiv;Subdiv', 'Cons', 'Rights'],
    };
    const { actions } = actionsFromFactors(rows);
    expect(actions.map((a) => [a.ex_date, a.action_type, a.split_ratio ?? a.dividend_amount, a.split_from, a.split_to])).toEqual([
      ['2021-01-05', 'split', '4', '1', '4'],
      // dividend factor 0.2475 / (1 / 4) = 0.99 → (1 − 0.99) × 100 (previous close) = 1
      ['2021-01-05', 'dividend', '1', undefined, undefined],
      ['2021-02-01', 'reverse_split', '0.1', '10', '1'],
      // (1 − 0.95) × 30 = 1.5
      ['2021-03-01', 'dividend', '1.5', undefined, undefined],
    ]);
    for (const a of actions) validatePayload('data/corporate_action.v1.json', a);
  });

  it('turns float factors into share ratios, or refuses an odd one', () => {
    expect(shareRatio(1 / 0.142857142857143)).toEqual({ to: 7, from: 1 });
    expect(shareRatio(1.5)).toEqual({ to: 3, from: 2 });
    expect(shareRatio(1 / 3)).toEqual({ to: 1, from: 3 });
    expect(shareRatio(Math.PI)).toBeUndefined();
  });
});

describe('price modes', () => {
  it('back-adjusts daily prices to the last date: total return by CPF, split-only and volumes by CVF', async () => {
    const c = await aaplCatalog();
    const read = (prices: 'raw' | 'split_adjusted' | 'total_return') => [...openSliceSource({ catalog: c, dataset: '1d', symbols: ['AAPL'], prices })][0]!;
    const raw = read('raw');
    const tr = read('total_return');
    const split = read('split_adjusted');
    const lastCpf = 32.402197151180104;
    const lastCvf = 27.99999999999997;
    // Row 2014-06-06 (index 2): close 645.57, CPF 1.046226566655333, CVF 1.0, volume 12142964.
    expect(raw.close[2]).toBe(645.57);
    expect(tr.close[2]).toBe(645.57 * (1.046226566655333 / lastCpf));
    expect(split.close[2]).toBe(645.57 * (1.0 / lastCvf));
    expect(split.volume[2]).toBe(12142964 * (lastCvf / 1.0));
    expect(tr.volume[2]).toBe(split.volume[2]);
    // The last row is its own reference: unchanged in every mode.
    expect(tr.close[6]).toBe(129.04);
    // Across the 7-for-1 split the adjusted return is the true return: 93.70 × 7 / 645.57 − 1.
    expect(tr.close[3]! / tr.close[2]! - 1).toBeCloseTo((93.7 * 7) / 645.57 - 1, 12);
    // Across the 0.82 dividend the previous close is scaled by f = 1 − 0.82 / 455.61, i.e. becomes
    // 455.61 − 0.82: the adjusted return is 444.45 / (455.61 − 0.82) − 1 (to the factor's precision).
    expect(tr.close[5]! / tr.close[4]! - 1).toBeCloseTo(444.45 / (455.61 - 0.82) - 1, 8);
  });

  it('gives signals adjusted prices beside the raw prices that fills use', async () => {
    const c = await aaplCatalog();
    const [s] = [...openSliceSource({ catalog: c, dataset: '1d', symbols: ['AAPL'], adjusted: 'total_return' })];
    expect(s!.close[2]).toBe(645.57);
    expect(s!.extra['adj_close']![2]).toBe(645.57 * (1.046226566655333 / 32.402197151180104));
    expect(Object.keys(s!.extra)).toEqual(['adj_open', 'adj_high', 'adj_low', 'adj_close', 'adj_volume']);
  });

  it('applies the adjusted minute files\' own factors: round(PriceAdjFactor × raw, 4), round(raw ÷ VolumeAdjFactor)', async () => {
    const cat = join(tempDir(), 'cat');
    await ingest({ source: writeTemp(tempDir(), 'AAPL.csv', fixtureText('trades-adjusted.csv')), catalog: cat, format: 'algoseek-trades' });
    const [s] = [...openSliceSource({ catalog: cat, dataset: '1m-adjusted', prices: 'total_return' })];
    // 504.05 × 0.24955 = 125.7856775 → 125.7857; 1012030 ÷ 0.25 = 4048120
    expect(s!.open[0]).toBe(125.7857);
    expect(s!.volume[0]).toBe(4048120);
    const [sp] = [...openSliceSource({ catalog: cat, dataset: '1m-adjusted', prices: 'split_adjusted' })];
    // Split-only: raw × VolumeAdjFactor = 504.05 × 0.25
    expect(sp!.open[0]).toBe(504.05 * 0.25);
  });

  it('says what to ingest when a price mode has no factors', async () => {
    const cat = join(tempDir(), 'cat');
    await ingest({ source: join(ALGO, 'trades/20220120/M/MSFT.csv'), catalog: cat, format: 'algoseek-trades' });
    expect(() => openSliceSource({ catalog: cat, prices: 'total_return' })).toThrow(/price mode total_return for MSFT needs adjustment factors: ingest the Algoseek adjusted daily file/);
  });
});
