import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNumber, writeCsvBars } from '../../src/data/csv-writer.js';
import { series, tempDir } from './helpers.js';

describe('formatNumber', () => {
  it('prints whole cents exactly as String does', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (c) => {
      expect(formatNumber(c / 100)).toBe(String(c / 100));
    }), { numRuns: 5000 });
  });

  it('falls back to String for everything else', () => {
    for (const x of [0.001, 1e-7, -3.25, 1e21, 123.456, Number.MAX_VALUE]) expect(formatNumber(x)).toBe(String(x));
  });
});

describe('writeCsvBars', () => {
  it('writes RFC 3339 UTC timestamps, fractions only when needed, and a symbol column on request', () => {
    const dir = tempDir();
    const s = series('AB', [[1704205800000, 10.5, 11, 10, 10.25, 100], [1704205860250, 10.25, 10.5, 10.1, 10.2, 0]]);
    writeCsvBars(join(dir, 'x.csv'), s, { symbolColumn: true });
    expect(readFileSync(join(dir, 'x.csv'), 'utf8')).toBe(
      'symbol,timestamp,open,high,low,close,volume\n'
      + 'AB,2024-01-02T14:30:00Z,10.5,11,10,10.25,100\n'
      + 'AB,2024-01-02T14:31:00.250Z,10.25,10.5,10.1,10.2,0\n',
    );
  });

  it('leaves no temp file behind and writes large files in chunks', () => {
    const dir = tempDir();
    const rows = Array.from({ length: 50_000 }, (_, i) => [1704205800000 + i * 60000, 1, 2, 0.5, 1.5, i] as const);
    writeCsvBars(join(dir, 'big.csv'), series('BIG', rows));
    const text = readFileSync(join(dir, 'big.csv'), 'utf8');
    expect(text.split('\n').length).toBe(50_002);
    expect(text.endsWith('1,2,0.5,1.5,49999\n')).toBe(true);
  });
});
