// `qtrader report DIR` as a user runs it: a real process rebuilds a finished run's outputs byte
// for byte, prints the summary plainly in a pipe, and names the file when the folder is not a run.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = join(resolve(import.meta.dirname, '..', '..'), 'dist', 'src', 'cli', 'main.js');

function qtrader(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string;
beforeAll(() => {
  expect(existsSync(MAIN), 'build first: npm run build').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'qtrader-report-cli-'));
  expect(qtrader(['generate', '--symbols', 'AAA', '--bars', '8000', '--seed', '4', '--format', 'csv', '--out', 'data'], dir).code).toBe(0);
  const run = qtrader(['run', '--data', 'data/AAA.csv', '--strategy', 'sma_cross', '--param', 'fast=10', '--param', 'slow=40', '--out', 'out/run', '--event-log'], dir);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
});

describe('qtrader report', () => {
  it('is listed in the help', () => {
    expect(qtrader(['--help'], dir).out).toMatch(/report \[options\] <dir>/);
  });

  it('rebuilds every output of a run byte for byte and prints the summary without colour in a pipe', () => {
    const r = qtrader(['report', 'out/run', '--out', 'out/again'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('\x1b[');
    expect(r.out).toMatch(/^final equity\s+[\d,.]+$/m);
    expect(r.out).toMatch(/^outputs\s+out\/again  \(open report\.html\)$/m);
    const files = readdirSync(join(dir, 'out', 'run')).sort();
    expect(files).toEqual(['equity.csv', 'events.jsonl', 'fills.csv', 'positions.csv', 'report.html', 'results.json', 'run.json', 'snapshots.csv', 'trades.csv']);
    expect(readdirSync(join(dir, 'out', 'again')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, 'out', 'again', f)).equals(readFileSync(join(dir, 'out', 'run', f))), f).toBe(true);
  });

  it('prints run.json with --json', () => {
    const r = qtrader(['report', 'out/run', '--out', 'out/json', '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(readFileSync(join(dir, 'out', 'run', 'run.json'), 'utf8')));
  });

  it('stops with the data exit code and names results.json when the folder is not a run', () => {
    const r = qtrader(['report', 'data'], dir);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^qtrader: .*data\/results\.json: not found; `qtrader report` needs the folder of a finished run/);
  });
});
