// The sweep's files: checkpoint records survive a torn or corrupt tail, and results.parquet holds
// what results.csv holds (read back with parquet-wasm and apache-arrow), nulls included.
import { describe, it, expect } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readParquet } from 'parquet-wasm';
import { tableFromIPC } from 'apache-arrow';
import { RowStore, RowsAppender, readRecords, encodeRecords, RECORD_FLOATS } from '../../src/sweep/rows-file.js';
import { NCOLS } from '../../src/sweep/row-metrics.js';
import { datasetFromSeries } from '../../src/sweep/dataset.js';
import { runSweepOnData } from '../../src/sweep/run-sweep.js';
import { progressLine, progressRates, formatDuration } from '../../src/sweep/progress-text.js';
import { bars, sweepConfig } from './helpers.js';

const row = (x: number) => Float64Array.from({ length: NCOLS }, (_, j) => (j === 3 ? NaN : x + j));

describe('rows files', () => {
  it('reads back appended batches and ignores a torn or corrupt tail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qtrader-rows-'));
    const file = join(dir, 'rows.bin');
    const out = new RowsAppender(file, 0);
    out.append([4, 2], Float64Array.from([...row(40), ...row(20)]));
    out.append([7], row(70));
    out.close();
    const store = new RowStore(10);
    expect(readRecords(file, store)).toBe(3 * RECORD_FLOATS * 8);
    expect(store.count).toBe(3);
    expect(Array.from(store.values.subarray(2 * NCOLS, 3 * NCOLS))).toEqual(Array.from(row(20)));
    expect([...store.done]).toEqual([0, 0, 1, 0, 1, 0, 0, 1, 0, 0]);
    // a kill in the middle of a write leaves part of a record: it is dropped, the rest kept
    appendFileSync(file, encodeRecords([9], row(90)).subarray(0, 50));
    const torn = new RowStore(10);
    expect(readRecords(file, torn)).toBe(3 * RECORD_FLOATS * 8);
    expect(torn.done[9]).toBe(0);
    // a flipped byte fails the record's checksum: that record and everything after it are dropped
    const bytes = readFileSync(file);
    bytes[RECORD_FLOATS * 8 + 20]! ^= 1;
    writeFileSync(file, bytes);
    const bad = new RowStore(10);
    expect(readRecords(file, bad)).toBe(RECORD_FLOATS * 8);
    expect(bad.count).toBe(1);
    // appending after the valid prefix overwrites the damage
    const again = new RowsAppender(file, RECORD_FLOATS * 8);
    again.append([9], row(90));
    again.close();
    const fixed = new RowStore(10);
    readRecords(file, fixed);
    expect([...fixed.done].map((d, t) => (d ? t : -1)).filter((t) => t >= 0)).toEqual([4, 9]);
    expect(() => readRecords(file, new RowStore(5))).toThrow(/record 1 is for task 9, outside this sweep's 5 tasks/);
  });
});

describe('results files', () => {
  it('writes the rows of results.csv into results.parquet, with nulls for undefined metrics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qtrader-results-'));
    const data = datasetFromSeries(bars(['AAA', 'BBB'], 8000, 3), 'America/New_York');
    await runSweepOnData(sweepConfig({ rank: { min_trades: 150 } }, ['AAA', 'BBB']), data, { workers: 0, outDir: dir });
    const [head, ...lines] = readFileSync(join(dir, 'results.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const table = tableFromIPC(readParquet(readFileSync(join(dir, 'results.parquet'))).intoIPCStream());
    expect(table.schema.fields.map((f) => f.name)).toEqual(head);
    expect(table.numRows).toBe(lines.length);
    expect(table.numRows).toBe(84);
    let nulls = 0;
    head!.forEach((name, j) => {
      const col = table.getChild(name)!;
      lines.forEach((l, i) => {
        const v = col.get(i);
        if (l[j] === '') {
          nulls++;
          expect(v, `${name} row ${i}`).toBeNull();
        } else expect(name === 'symbol' ? v : Number(v), `${name} row ${i}`).toBe(name === 'symbol' ? l[j] : Number(l[j]));
      });
    });
    // some rows have fewer than 150 trades: their rank is empty
    expect(nulls).toBeGreaterThan(0);
  });
});

describe('progress text', () => {
  it('measures rates from what this process computed and says how long is left', () => {
    const start = { done: 10, total: 110, barEvals: 1e6, totalBarEvals: 11e6 };
    const now = { done: 60, total: 110, barEvals: 6e6, totalBarEvals: 11e6 };
    // 50 runs and 5M bar-evaluations in 2 s: 25/s, 2.5M bars/s; 5M left → 2 s
    const r = progressRates(start, now, 2);
    expect(r).toEqual({ fraction: 60 / 110, runsPerSecond: 25, barsPerSecond: 2.5e6, secondsLeft: 2 });
    expect(progressLine(now, r, 'combinations')).toBe('sweep: 60/110 combinations (54.5%), 25/s, 2,500,000 bars/s, 2.0 s left');
    expect([formatDuration(75), formatDuration(7260), formatDuration(NaN)]).toEqual(['1 min 15 s', '2 h 01 min', '?']);
  });
});
