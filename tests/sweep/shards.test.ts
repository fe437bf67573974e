// Shards: K/N parts of the combinations run apart (as a batch scheduler would) and merged give the
// bytes of one run; incomplete, duplicated or foreign shards are refused with the reason.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGenerated } from '../../src/data/index.js';
import { normalizeSweepConfig } from '../../src/sweep/sweep-config.js';
import { runSweep, mergeShards } from '../../src/sweep/run-sweep.js';
import { bars, rawConfig, sameFiles } from './helpers.js';

let dir: string;
const cfgOf = (over: Record<string, unknown> = {}) => normalizeSweepConfig(rawConfig({
  data: { files: ['AAA', 'BBB'].map((s) => ({ path: join(dir, `${s}.parquet`), symbol: s })) }, ...over,
}), join(dir, 'sweep.yaml'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qtrader-shards-'));
  await writeGenerated(bars(['AAA', 'BBB']), dir, ['parquet']);
});

describe('shards', () => {
  it('merges 3 shards into the bytes of one run', async () => {
    const single = await runSweep(cfgOf(), { workers: 1, outDir: join(dir, 'single') });
    const parts = [];
    for (let k = 1; k <= 3; k++) parts.push(await runSweep(cfgOf(), { workers: 1, shard: { index: k, count: 3 }, outDir: join(dir, `s${k}`) }));
    // combinations c with c mod 3 = K − 1: 14 of the 42 per shard, on both symbols
    expect(parts.map((p) => p.computed)).toEqual([28, 28, 28]);
    expect(parts.every((p) => p.final === null)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 's2', 'shard.json'), 'utf8'))).toMatchObject({ sweep_id: single.plan.id, shard: '2/3', rows: 28, tasks: 84 });
    const merged = await mergeShards([join(dir, 's3'), join(dir, 's1'), join(dir, 's2')], { outDir: join(dir, 'merged') });
    expect(merged.top).toHaveLength(5);
    sameFiles(join(dir, 'merged'), join(dir, 'single'), expect);
  });

  it('refuses a missing, repeated or foreign shard, and one that never finished', async () => {
    await expect(mergeShards([join(dir, 's1'), join(dir, 's2')])).rejects.toThrow(/missing shard 3\/3 of sweep [0-9a-f]{16}/);
    await expect(mergeShards([join(dir, 's1'), join(dir, 's1'), join(dir, 's2')])).rejects.toThrow(/shard 1\/3 is given twice/);
    await runSweep(cfgOf({ portfolio: { initial_cash: '50000' } }), { workers: 0, shard: { index: 3, count: 3 }, outDir: join(dir, 'other3') });
    await expect(mergeShards([join(dir, 's1'), join(dir, 's2'), join(dir, 'other3')])).rejects.toThrow(/is shard 3\/3 of sweep [0-9a-f]+, but .* is of sweep/);
    await expect(runSweep(cfgOf(), {
      workers: 0, shard: { index: 3, count: 3 }, outDir: join(dir, 'broken3'), onProgress: (p) => {
        if (p.done > 0) throw new Error('killed');
      },
    })).rejects.toThrow('killed');
    await expect(mergeShards([join(dir, 's1'), join(dir, 's2'), join(dir, 'broken3')])).rejects.toThrow(/broken3.shard\.json not found: .* is not a finished shard of a sweep: that shard was interrupted; finish it with --resume/);
    rmSync(join(dir, 'broken3.checkpoint'), { recursive: true });
  });
});
