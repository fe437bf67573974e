// Shards: a finished shard's folder holds shard.json (which sweep, which part, the config) and its rows;
// `merge` checks that the shards are the complete set of one sweep and finishes it as one run would.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, DataError, packageVersion, writeFileAtomic } from '../model/index.js';
import { NCOLS } from './row-metrics.js';
import { inShard, type Shard, type SweepPlan } from './plan.js';
import { encodeRecords, readRecords, RowStore } from './rows-file.js';
import { normalizeSweepConfig, type SweepConfig } from './sweep-config.js';

const FORMAT = 'qtrader-sweep-shard/1';

/** The manifest of a finished shard. */
interface ShardManifest {
  readonly format: string;
  readonly sweep_id: string;
  readonly shard: string;
  readonly tasks: number;
  readonly rows: number;
  readonly qtrader_version: string;
  readonly config_source: string;
  readonly config: unknown;
}

/** Tasks of a plan that belong to a shard. */
export function shardTaskCount(plan: SweepPlan, shard: Shard): number {
  let combos = 0;
  for (let c = 0; c < plan.nCombos; c++) if (inShard(c, shard)) combos++;
  return combos * plan.units.length;
}

/** Writes a finished shard's folder (shard.json and rows.bin in task order), replacing it whole. */
export function writeShard(outDir: string, cfg: SweepConfig, plan: SweepPlan, shard: Shard, store: RowStore): void {
  const tasks: number[] = [];
  for (let t = 0; t < plan.tasks; t++) if (store.done[t]) tasks.push(t);
  const rows = new Float64Array(tasks.length * NCOLS);
  tasks.forEach((t, i) => rows.set(store.values.subarray(t * NCOLS, (t + 1) * NCOLS), i * NCOLS));
  const manifest: ShardManifest = {
    format: FORMAT, sweep_id: plan.id, shard: `${shard.index}/${shard.count}`, tasks: plan.tasks, rows: tasks.length,
    qtrader_version: packageVersion(), config_source: cfg.source, config: cfg.raw,
  };
  const target = resolve(outDir), tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    writeFileAtomic(join(tmp, 'rows.bin'), encodeRecords(tasks, rows));
    writeFileAtomic(join(tmp, 'shard.json'), JSON.stringify(manifest, null, 2) + '\n');
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** The shards of one sweep read from their folders: the config, and a check of each shard's rows against a plan. */
export interface ShardSet {
  readonly sweepId: string;
  readonly cfg: SweepConfig;
  /** Loads every shard's rows into a store for `plan`, checking each shard is complete. */
  load(plan: SweepPlan): RowStore;
}

/** Reads shard folders and checks they are all N shards of one sweep. */
export function readShards(dirs: readonly string[]): ShardSet {
  if (dirs.length === 0) throw new ConfigError('sweep merge: give the folders of the shards to merge');
  const shards = dirs.map((dir) => {
    const file = join(dir, 'shard.json');
    if (!existsSync(file)) {
      const hint = existsSync(`${resolve(dir)}.checkpoint`) ? ': that shard was interrupted; finish it with --resume' : '';
      throw new DataError(`${file} not found: ${dir} is not a finished shard of a sweep${hint}`);
    }
    const m = JSON.parse(readFileSync(file, 'utf8')) as ShardManifest;
    if (m.format !== FORMAT) throw new DataError(`${file}: not a sweep shard (format ${JSON.stringify(m.format)}; expected ${FORMAT})`);
    const [index, count] = m.shard.split('/').map(Number) as [number, number];
    return { dir, m, index, count };
  });
  const first = shards[0]!;
  for (const s of shards) {
    if (s.m.sweep_id !== first.m.sweep_id) throw new DataError(`${s.dir} is shard ${s.m.shard} of sweep ${s.m.sweep_id}, but ${first.dir} is of sweep ${first.m.sweep_id}: merge shards of one sweep`);
    if (s.count !== first.count) throw new DataError(`${s.dir} is shard ${s.m.shard} but ${first.dir} is ${first.m.shard}: all shards must split the sweep into the same N`);
  }
  const seen = new Map<number, string>();
  for (const s of shards) {
    if (seen.has(s.index)) throw new DataError(`shard ${s.m.shard} is given twice (${seen.get(s.index)} and ${s.dir})`);
    seen.set(s.index, s.dir);
  }
  const missing = Array.from({ length: first.count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length) throw new DataError(`sweep merge: missing shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${first.count}`).join(', ')} of sweep ${first.m.sweep_id}`);
  const cfg = normalizeSweepConfig(first.m.config, first.m.config_source);
  return {
    sweepId: first.m.sweep_id, cfg,
    load(plan) {
      if (plan.id !== first.m.sweep_id) {
        throw new DataError(`the shards are of sweep ${first.m.sweep_id}, but their config over the data here is sweep ${plan.id}: the data files or the qtrader version changed since the shards ran`);
      }
      const store = new RowStore(plan.tasks);
      for (const s of shards) {
        const before = store.count;
        readRecords(join(s.dir, 'rows.bin'), store);
        const want = shardTaskCount(plan, { index: s.index, count: s.count });
        if (store.count - before !== want) throw new DataError(`${s.dir}: shard ${s.m.shard} has ${store.count - before} of its ${want} rows; rerun it with --resume`);
      }
      return store;
    },
  };
}
