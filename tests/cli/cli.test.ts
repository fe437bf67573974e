// The CLI as a user runs it: real processes, exit codes, messages that name the place, no partial output.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');

function qtrader(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const HEADER = 'timestamp,open,high,low,close,volume';
/** n minute bars of a zigzag that makes SMA(2/4) cross, starting 2024-01-02 14:30Z. */
function goodCsv(n = 40): string {
  const rows = [HEADER];
  for (let i = 0; i < n; i++) {
    const p = 100 + ((i % 10) < 5 ? i % 10 : 10 - (i % 10));
    const t = new Date(Date.UTC(2024, 0, 2, 14, 30 + i)).toISOString().replace('.000', '');
    rows.push(`${t},${p},${p + 0.5},${p - 0.5},${p + 0.25},1000`);
  }
  return rows.join('\n') + '\n';
}

let dir: string;
beforeAll(() => {
  expect(existsSync(MAIN), 'build first: npm run build').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'qtrader-cli-'));
  writeFileSync(join(dir, 'AAA.csv'), goodCsv());
});

describe('qtrader CLI', () => {
  it('lists every command with examples in --help', () => {
    const r = qtrader(['--help'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/run \[options\]/);
    expect(r.out).toMatch(/generate \[options\]/);
    expect(r.out).toMatch(/Examples:/);
    expect(qtrader(['run', '--help'], dir).out).toMatch(/--param <name=value>/);
  });

  it('runs a backtest from flags and writes every output', () => {
    const r = qtrader(['run', '--data', 'AAA.csv', '--strategy', 'sma_cross', '--param', 'fast=2', '--param', 'slow=4', '--size', '10',
      '--commission-per-share', '0.005', '--cash', '100000', '--out', 'out/flags', '--event-log'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/final equity\s+[\d,.]+/);
    expect(readdirSync(join(dir, 'out', 'flags')).sort()).toEqual(['equity.csv', 'events.jsonl', 'fills.csv', 'positions.csv', 'report.html', 'results.json', 'run.json', 'snapshots.csv', 'trades.csv']);
    const run = JSON.parse(readFileSync(join(dir, 'out', 'flags', 'run.json'), 'utf8'));
    expect(run.config.strategy).toEqual({ name: 'sma_cross', id: 'sma_cross', params: { fast: '2', slow: '4' } });
    expect(run.counts.fills).toBeGreaterThan(0);
  });

  it('generates the same bytes for the same seed', () => {
    expect(qtrader(['generate', '--symbols', 'X', '--bars', '800', '--seed', '3', '--out', 'g1'], dir).code).toBe(0);
    expect(qtrader(['generate', '--symbols', 'X', '--bars', '800', '--seed', '3', '--out', 'g2'], dir).code).toBe(0);
    for (const f of ['X.csv', 'X.parquet']) expect(readFileSync(join(dir, 'g1', f)).equals(readFileSync(join(dir, 'g2', f)))).toBe(true);
    expect(readFileSync(join(dir, 'g1', 'X.csv'), 'utf8').split('\n')[0]).toBe(HEADER);
  });

  const bad: [string, string, RegExp][] = [
    ['a missing file', '', /nope\.csv.*(not found|no such file|does not exist)/i],
    ['a missing column', `timestamp,open,high,low,volume\n2024-01-02T14:30:00Z,1,1,1,5\n`, /bad\.csv.*close/],
    ['an unparsable number', `${HEADER}\n2024-01-02T14:30:00Z,1,2,0.5,abc,5\n`, /bad\.csv:2.*close/],
    ['an unparsable timestamp', `${HEADER}\n2024-13-45T99:30:00Z,1,2,0.5,1,5\n`, /bad\.csv:2.*timestamp/],
    ['timestamps out of order', `${HEADER}\n2024-01-02T14:31:00Z,1,2,0.5,1,5\n2024-01-02T14:30:00Z,1,2,0.5,1,5\n`, /bad\.csv:3.*timestamp/],
    ['high below low', `${HEADER}\n2024-01-02T14:30:00Z,1,0.5,2,1,5\n`, /bad\.csv:2.*(high|low)/],
    ['a negative price', `${HEADER}\n2024-01-02T14:30:00Z,-1,2,-2,1,5\n`, /bad\.csv:2.*(open|low|price)/],
  ];
  it.each(bad)('stops on %s with the file and line, a non-zero exit code and no output', (_what, text, message) => {
    const file = text ? 'bad.csv' : 'nope.csv';
    if (text) writeFileSync(join(dir, 'bad.csv'), text);
    const out = `out/bad-${Math.random().toString(36).slice(2)}`;
    const r = qtrader(['run', '--data', file, '--strategy', 'sma_cross', '--out', out], dir);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/internal error/);
    expect(existsSync(join(dir, out))).toBe(false);
  });

  const badConfig: [string, string, RegExp][] = [
    ['an unknown strategy', 'strategy: {name: sma_crosss}', /`strategy.name`: unknown strategy "sma_crosss"; expected one of: sma_cross, indicator_cross, buy_and_hold/],
    ['an unknown parameter', 'strategy: {name: sma_cross, params: {fats: 3}}', /`strategy.params.fats`: unknown parameter of sma_cross/],
    ['a key of the wrong type', 'strategy: {name: sma_cross}\nsizing: {method: fixed_quantity, quantity: "many"}', /cfg\.yaml:\d+: `sizing.quantity` must be integer; got "many"/],
    ['a misspelt key', 'strategy: {name: sma_cross}\nportfolo: {initial_cash: 5}', /cfg\.yaml:\d+: `portfolo` is not a known key/],
    ['an invalid enum', 'strategy: {name: sma_cross}\nrun: {engine: gpu}', /`run.engine` must be one of: "wasm", "js"; got "gpu"/],
    ['a parameter that is not a number', 'strategy: {name: sma_cross, params: {fast: ten}}', /`strategy.params.fast`: expected a number; got "ten"/],
    ['broken YAML', 'strategy: {name: sma_cross\n', /cfg\.yaml:\d+:\d+: invalid YAML/],
  ];
  it.each(badConfig)('stops on %s in a YAML config, naming the key', (_what, body, message) => {
    writeFileSync(join(dir, 'cfg.yaml'), `data: {path: AAA.csv}\n${body}\noutput: {dir: out/cfg-bad}\n`);
    const r = qtrader(['run', '-c', 'cfg.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(join(dir, 'out', 'cfg-bad'))).toBe(false);
  });

  it('names the flag when a flag is bad', () => {
    expect(qtrader(['run', '--data', 'AAA.csv', '--strategy', 'sma_cross', '--param', 'fast'], dir).err).toMatch(/--param fast: expected name=value/);
    expect(qtrader(['run', '--data', 'AAA.csv', '--strategy', 'sma_cross', '--size', 'x'], dir).err).toMatch(/--size: expected a number; got "x"/);
    expect(qtrader(['run'], dir).err).toMatch(/give a config with `-c, --config <path>`, or data with `--data <file>`/);
    expect(qtrader(['generate', '--bars', '0'], dir).err).toMatch(/--bars: expected a positive integer/);
  });
});
