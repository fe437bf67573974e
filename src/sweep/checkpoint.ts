// The checkpoint of a running sweep, beside its output folder (`<out>.checkpoint/`): which sweep and
// shard it belongs to, and the rows finished so far. `--resume` reloads it and runs only what is missing.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, writeFileAtomic } from '../model/index.js';
import { readRecords, RowsAppender, RowStore } from './rows-file.js';
import type { Shard } from './plan.js';

const FORMAT = 'qtrader-sweep-checkpoint/1';

/** What a checkpoint is for. */
export interface CheckpointMeta {
  readonly sweepId: string;
  readonly shard: Shard;
  readonly tasks: number;
}

/** How to treat a checkpoint left by an earlier run. */
export interface CheckpointOptions {
  /** Continue from it (a missing checkpoint is not an error: the sweep starts from scratch). */
  readonly resume?: boolean;
  /** Discard it and start over. */
  readonly restart?: boolean;
}

/** An open checkpoint: rows already done are in the store; `append` adds a finished batch. */
export class Checkpoint {
  private constructor(readonly dir: string, readonly restored: number, private readonly out: RowsAppender) {}

  /** The checkpoint folder of an output folder. */
  static dirFor(outDir: string): string {
    return `${outDir}.checkpoint`;
  }

  /** Opens (resumes or creates) the checkpoint of `outDir`, loading finished rows into `store`. */
  static open(outDir: string, meta: CheckpointMeta, store: RowStore, opts: CheckpointOptions): Checkpoint {
    const dir = Checkpoint.dirFor(outDir);
    const metaFile = join(dir, 'checkpoint.json');
    const rowsFile = join(dir, 'rows.bin');
    const shardText = `${meta.shard.index}/${meta.shard.count}`;
    if (existsSync(dir) && opts.restart) rmSync(dir, { recursive: true, force: true });
    let valid = 0;
    if (existsSync(metaFile)) {
      const old = JSON.parse(readFileSync(metaFile, 'utf8')) as { format: string; sweep_id: string; shard: string; tasks: number };
      if (!opts.resume) {
        const probe = new RowStore(old.tasks);
        readRecords(rowsFile, probe);
        throw new ConfigError(`${dir} holds an interrupted sweep (${probe.count} rows done): add --resume to finish it, or --restart to discard it`);
      }
      if (old.format !== FORMAT || old.sweep_id !== meta.sweepId || old.tasks !== meta.tasks) {
        throw new ConfigError(`${dir} was written by a different sweep (its config, data or qtrader version differ): run with --restart to discard it`);
      }
      if (old.shard !== shardText) throw new ConfigError(`${dir} is the checkpoint of shard ${old.shard}, not ${shardText}: resume with --shard ${old.shard}`);
      valid = readRecords(rowsFile, store);
    } else {
      mkdirSync(dir, { recursive: true });
      writeFileAtomic(metaFile, JSON.stringify({ format: FORMAT, sweep_id: meta.sweepId, shard: shardText, tasks: meta.tasks }, null, 2) + '\n');
    }
    return new Checkpoint(dir, store.count, new RowsAppender(rowsFile, valid));
  }

  /** Appends a finished batch. */
  append(tasks: readonly number[], rows: Float64Array): void {
    this.out.append(tasks, rows);
  }

  /** Closes the rows file. */
  close(): void {
    this.out.close();
  }

  /** Removes the checkpoint (the sweep's outputs are in place). */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
