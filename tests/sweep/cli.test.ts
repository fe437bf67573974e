// `qtrader sweep` as a user runs it: real processes, a process killed in the middle and resumed,
// shards merged by `qtrader sweep merge`, progress lines in pipes, and errors that name the place.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeGenerated } from '../../src/data/index.js';
import { RECORD_FLOATS } from '../../src/sweep/rows-file.js';
import { bars, sameFiles } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');
let dir: string;

function qtrader(args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const config = (engine: string) => `data: {path: "{symbol}.parquet", symbols: [AAA]}
run: {engine: ${engine}}
strategy:
  name: sma_cross
  params: {fast: {from: 2, to: 20, step: 3}, slow: {from: 25, to: 100, step: 15}}
  constraints: [fast < slow]
rank: {metric: sharpe, top: 3}
portfolio: {initial_cash: "100000"}
sizing: {method: fixed_quantity, quantity: 100}
execution: {commission: {per_share: "0.005", minimum: "1"}}
`;

beforeAll(async () => {
  expect(existsSync(MAIN), 'build first: npm run build').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'qtrader-sweep-cli-'));
  // 100,000 bars (about 256 sessions); 42 combinations
  await writeGenerated(bars(['AAA'], 100_000, 5), dir, ['parquet']);
  writeFileSync(join(dir, 'slow.yaml'), config('js'));
  writeFileSync(join(dir, 'fast.yaml'), config('wasm'));
});

describe('qtrader sweep', () => {
  it('is listed in --help with its options and examples', () => {
    expect(qtrader(['--help']).out).toMatch(/sweep \[options\]/);
    const help = qtrader(['sweep', '--help']).out;
    for (const flag of ['--workers <n>', '--out <dir>', '--shard <K/N>', '--resume', '--restart', '--quiet']) expect(help).toContain(flag);
    expect(help).toMatch(/qtrader sweep merge out\/grid\/shard-\*/);
  });

  it('prints plain progress lines in a pipe, the top table, and nothing else with --quiet', () => {
    const r = qtrader(['sweep', '-c', 'fast.yaml', '--workers', '2', '--out', 'out/plain']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/checkpointing to .*plain\.checkpoint: if the sweep is interrupted, run the same command with --resume\nsweep: 42 combinations to compute\n/);
    expect(r.err).toMatch(/sweep: 42\/42 combinations \(100\.0%\), [\d,]+\/s, [\d,]+ bars\/s, .* left\n/);
    expect(r.out).toMatch(/\nrank\s+symbol\s+fast\s+slow\s+trades\s+final equity\s+return\s+Sharpe\s+max DD\s+win rate\n1\s+AAA/);
    expect(r.out).toMatch(/42 combinations on 2 worker threads in [\d.]+ s/);
    const q = qtrader(['sweep', '-c', 'fast.yaml', '--quiet', '--out', 'out/quiet']);
    expect(q.code).toBe(0);
    expect(q.err).toBe('');
  });

  it('finishes a sweep whose process was killed with --resume, redoing nothing, with the bytes of an uninterrupted run', async () => {
    const rows = join(dir, 'out', 'killed.checkpoint', 'rows.bin');
    const child = spawn(process.execPath, [MAIN, 'sweep', '-c', 'slow.yaml', '--workers', '1', '--out', 'out/killed'], { cwd: dir, env: { ...process.env, CI: 'true' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
    const recordBytes = RECORD_FLOATS * 8;
    // kill as soon as the first batch is checkpointed
    while (!(existsSync(rows) && statSync(rows).size >= recordBytes)) {
      expect(child.exitCode, 'the sweep ended before its first batch was checkpointed').toBeNull();
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const done = Math.floor(statSync(rows).size / recordBytes);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(42);
    expect(existsSync(join(dir, 'out', 'killed'))).toBe(false);

    const again = qtrader(['sweep', '-c', 'slow.yaml', '--workers', '1', '--out', 'out/killed']);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(new RegExp(`killed\\.checkpoint holds an interrupted sweep \\(${done} rows done\\): add --resume to finish it, or --restart to discard it`));

    const resumed = qtrader(['sweep', '-c', 'slow.yaml', '--workers', '2', '--out', 'out/killed', '--resume']);
    expect(resumed.err).toMatch(new RegExp(`resuming: ${done} rows restored`));
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain(`${42 - done} combinations on 2 worker threads`);
    expect(resumed.out).toContain(`; ${done} restored from the checkpoint`);
    expect(existsSync(join(dir, 'out', 'killed.checkpoint'))).toBe(false);

    expect(qtrader(['sweep', '-c', 'slow.yaml', '--workers', '2', '--out', 'out/whole', '--quiet']).code).toBe(0);
    sameFiles(join(dir, 'out', 'killed'), join(dir, 'out', 'whole'), expect);
  });

  it('runs shards apart and merges them into the bytes of one run', () => {
    expect(qtrader(['sweep', '-c', 'fast.yaml', '--quiet', '--out', 'out/one']).code).toBe(0);
    for (const k of [1, 2]) {
      const r = qtrader(['sweep', '-c', 'fast.yaml', '--quiet', '--shard', `${k}/2`, '--out', `out/shard-${k}`]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^shard ${k}/2 of sweep [0-9a-f]{16}: 21 combinations`));
    }
    const m = qtrader(['sweep', 'merge', 'out/shard-1', 'out/shard-2', '--out', 'out/merged']);
    expect(m.err).toBe('');
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/merged\s+2 shards/);
    sameFiles(join(dir, 'out', 'merged'), join(dir, 'out', 'one'), expect);
    const missing = qtrader(['sweep', 'merge', 'out/shard-1']);
    expect(missing.code).toBe(3);
    expect(missing.err).toMatch(/missing shard 2\/2 of sweep/);
  });

  it.each([
    [['sweep'], 2, /sweep: give the sweep config with `-c, --config <path>`/],
    [['sweep', '-c', 'fast.yaml', '--workers', 'two'], 2, /--workers: expected a whole number ≥ 0; got "two"/],
    [['sweep', '-c', 'fast.yaml', '--shard', '3/2'], 2, /--shard: expected K\/N with 1 ≤ K ≤ N, e.g. 2\/8; got "3\/2"/],
    [['sweep', '-c', 'nope.yaml'], 2, /nope\.yaml: sweep config not found/],
  ])('stops on bad input naming the flag or file (%j)', (args, code, message) => {
    const r = qtrader(args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
  });

  it('names the file, line and key of a bad sweep config', () => {
    writeFileSync(join(dir, 'bad.yaml'), config('wasm').replace('rank: {metric: sharpe, top: 3}', 'rank: {metric: sharpe, top: 3}\nwalk_forward: {mode: sideways, in_sample_days: 5, out_of_sample_days: 5}'));
    const r = qtrader(['sweep', '-c', 'bad.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:8: `walk_forward.mode` must be "rolling" or "anchored"; got "sideways"/);
  });
});
