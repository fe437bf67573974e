// Shared helpers of the data-layer tests: temporary folders, fixture paths, series comparison and
// capture of thrown errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';
import type { BarSeries } from '../../src/model/bars.js';

/** Folder of the small data fixtures. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/data/', import.meta.url));

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the current test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'qtrader-data-'));
  dirs.push(d);
  return d;
}

/** Writes `text` to `<dir>/<name>` and returns the path. */
export function writeTemp(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Asserts two series are equal bit for bit (symbol, timestamps and every column). */
export function expectSeriesEqual(actual: BarSeries, expected: BarSeries): void {
  expect(actual.symbol).toBe(expected.symbol);
  expect(actual.ts.length).toBe(expected.ts.length);
  expect(Buffer.from(actual.ts.buffer, actual.ts.byteOffset, actual.ts.byteLength).equals(Buffer.from(expected.ts.buffer, expected.ts.byteOffset, expected.ts.byteLength))).toBe(true);
  for (const c of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const a = actual[c];
    const e = expected[c];
    expect(a.length, c).toBe(e.length);
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], e[i])) expect(`${c}[${i}] = ${a[i]}`).toBe(`${c}[${i}] = ${e[i]}`);
  }
}

/** Runs `fn`, expecting it to throw; returns the error. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error, but none was thrown');
}

/** A series from plain arrays of ms timestamps and OHLCV tuples. */
export function series(symbol: string, rows: readonly (readonly [number, number, number, number, number, number])[]): BarSeries {
  return {
    symbol,
    ts: BigInt64Array.from(rows.map((r) => BigInt(r[0]) * 1_000_000n)),
    open: Float64Array.from(rows.map((r) => r[1])),
    high: Float64Array.from(rows.map((r) => r[2])),
    low: Float64Array.from(rows.map((r) => r[3])),
    close: Float64Array.from(rows.map((r) => r[4])),
    volume: Float64Array.from(rows.map((r) => r[5])),
  };
}
