// The shortcuts of the whole-engine speed work give exactly what the plain paths give: exact sums
// against decimal.js, memoised and zero formatting against decStr's formula, the snapshot's
// unrealized P&L against Position.unrealized, local times against Intl, column CSV bytes against
// the row writer, and a run's outputs whatever the slice size.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecText, Decimal, DecimalSum, decOf, decStr, numStr } from '../../src/model/index.js';
import { Position } from '../../src/ledger/position.js';
import { isoMs, localDateKey, localDateTime } from '../../src/reporting/local-date.js';
import { writeColumnsCsvAtomic, writeCsvAtomic } from '../../src/reporting/csv.js';
import { normalizeConfig } from '../../src/config/index.js';
import { generateBars, alignBars } from '../../src/data/index.js';
import { runOnBars } from '../../src/engine/index.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

// decimal texts of 1–18 integer digits and 0–16 decimals (some beyond 2^53 when scaled), both signs
function texts(n: number, seed: number): string[] {
  const r = lcg(seed);
  const out = ['0', '-0', '0.000', '100.00', '9007199254740991', '9007199254740992', '-0.000000000000001', '0.1234567890123456'];
  while (out.length < n) {
    const digits = 1 + Math.floor(r() * (r() < 0.8 ? 7 : 18));
    let int = '';
    for (let i = 0; i < digits; i++) int += String(Math.floor(r() * 10));
    const dec = Math.floor(r() * (r() < 0.8 ? 5 : 17));
    let frac = '';
    for (let i = 0; i < dec; i++) frac += String(Math.floor(r() * 10));
    out.push(`${r() < 0.3 ? '-' : ''}${int.replace(/^0+(?=\d)/, '')}${frac ? '.' + frac : ''}`);
  }
  return out;
}

describe('DecimalSum', () => {
  it('sums decimal texts to the value decimal.js gives, through the float path and the spill to decimal.js', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const xs = texts(60, seed);
      const sum = new DecimalSum();
      let want = new Decimal(0);
      for (const x of xs) {
        sum.add(x);
        want = want.plus(new Decimal(x));
      }
      expect(decStr(sum.value()), `seed ${seed}`).toBe(decStr(want));
    }
  });

  it('keeps small money amounts on the exact float path and equals decimal.js (cents, commissions)', () => {
    // 0.1 + 0.2 is the classic float error: as scaled integers 1 + 2 = 3 tenths exactly
    expect(decStr(new DecimalSum().add('0.1').add('0.2').value())).toBe('0.3');
    const r = lcg(9);
    const sum = new DecimalSum();
    let want = new Decimal(0);
    for (let i = 0; i < 5000; i++) {
      const x = (Math.floor(r() * 2_000_000) / 1000 - 1000).toFixed(3);
      sum.add(x);
      want = want.plus(x);
    }
    expect(decStr(sum.value())).toBe(decStr(want));
  });

  it('adds products q × p as decimal.js multiplies and adds them, small and past 2^53', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const xs = texts(40, seed), ys = texts(40, seed + 100);
      const sum = new DecimalSum();
      let want = new Decimal(0);
      xs.forEach((x, i) => {
        sum.addProduct(x, ys[i]!);
        want = want.plus(new Decimal(x).times(new Decimal(ys[i]!)));
      });
      expect(decStr(sum.value()), `seed ${seed}`).toBe(decStr(want));
    }
    // 100 shares × 178.16 = 17816 exactly; − × + is negative
    expect(decStr(new DecimalSum().addProduct('100', '178.16').addProduct('-2', '0.5').value())).toBe('17815');
  });

  it('takes texts that are not plain decimals through decimal.js', () => {
    expect(decStr(new DecimalSum().add('1e3').add('0.5').value())).toBe('1000.5');
  });
});

describe('decimal text', () => {
  it('writes zero of either sign as "0" and everything else as toFixed does', () => {
    expect(decStr(new Decimal('-0'))).toBe('0');
    expect(decStr(new Decimal('0.000'))).toBe('0');
    for (const x of texts(300, 3)) {
      const d = new Decimal(x);
      const plain = d.toFixed() === '-0' ? '0' : d.toFixed();
      expect(decStr(d)).toBe(plain);
    }
  });

  it('gives the text of the value asked, formatting again only for another object', () => {
    const memo = new DecText();
    const a = new Decimal('12.50'), b = new Decimal('-3');
    expect(memo.of(a)).toBe('12.5');
    expect(memo.of(a)).toBe('12.5');
    expect(memo.of(b)).toBe('-3');
    expect(memo.of(a)).toBe('12.5');
  });
});

describe('Position.unrealizedFrom', () => {
  it('equals unrealized() for long and short positions at random marks', () => {
    const r = lcg(5);
    for (let k = 0; k < 200; k++) {
      const sign = r() < 0.5 ? 1 : -1;
      const p = new Position('s', 'AAA', 'fifo', 'lifo');
      const lots = 1 + Math.floor(r() * 3);
      for (let i = 0; i < lots; i++) {
        p.open(sign, new Decimal(1 + Math.floor(r() * 500)), new Decimal((r() * 300).toFixed(2)), new Decimal((r() * 5).toFixed(3)), `f${i}`);
      }
      p.mark = new Decimal((r() * 300).toFixed(4));
      expect(decStr(p.unrealizedFrom(p.marketValue()))).toBe(decStr(p.unrealized()));
    }
    const flat = new Position('s', 'AAA', 'fifo', 'lifo');
    expect(flat.unrealizedFrom(new Decimal(0)).isZero()).toBe(true);
  });
});

describe('localDateTime', () => {
  // Intl itself, the reference the quarter-hour cache must match
  const reference = (ms: number, zone: string): string => {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const p: Record<string, string> = {};
    for (const x of f.formatToParts(ms)) p[x.type] = x.value;
    return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
  };

  it('gives Intl\'s local date and minute across DST changes and quarter-hour zones', () => {
    const r = lcg(11);
    for (const zone of ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC']) {
      for (let i = 0; i < 400; i++) {
        const ms = Date.UTC(1972, 0, 1) + Math.floor(r() * 1.9e12);
        expect(localDateTime(ms, zone), `${zone} ${ms}`).toBe(reference(ms, zone));
      }
      // around New York's 2024 spring-forward (07:00Z) and fall-back (06:00Z), minute by minute
      for (const at of [Date.UTC(2024, 2, 10, 7), Date.UTC(2024, 10, 3, 6)]) {
        for (let m = -70; m <= 70; m++) expect(localDateTime(at + m * 60_000 + 59_999, zone)).toBe(reference(at + m * 60_000 + 59_999, zone));
      }
    }
  });

  it('gives Intl\'s local date (localDateKey) from the formatted string, and from the parts for years of other lengths', () => {
    const r = lcg(12);
    for (const zone of ['America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham']) {
      for (let i = 0; i < 300; i++) {
        const ms = Date.UTC(1972, 0, 1) + Math.floor(r() * 1.9e12);
        expect(localDateKey(ms, zone)).toBe(reference(ms, zone).slice(0, 10));
      }
    }
    // year 812 is written with three digits: the string form does not match MM/DD/YYYY
    expect(localDateKey(Date.UTC(812, 5, 1, 12), 'UTC')).toBe('812-06-01');
  });

  it('asks Intl directly before 1972 (local mean time offsets are not quarter hours)', () => {
    const ms = Date.UTC(1880, 0, 1, 12, 0, 0);
    expect(localDateTime(ms, 'America/New_York')).toBe(reference(ms, 'America/New_York'));
    // New York's mean time was UTC−4:56:02: 12:00Z is 07:03 local
    expect(localDateTime(ms, 'America/New_York')).toBe('1880-01-01 07:03');
  });
});

describe('isoMs', () => {
  it('equals Date.parse on event times and on anything else', () => {
    const r = lcg(17);
    const texts: string[] = ['2024-01-02T15:26:00Z', '2024-02-29T23:59:59Z', '2023-02-29T10:00:00Z', '2024-01-02T24:00:00Z', '2024-01-02T23:60:00Z',
      '2024-01-02T23:59:60Z', '2024-01-02T15:26:00.500Z', '2024-01-02T15:26:00+01:00', '2024-01-02', '2024-13-02T15:26:00Z', '2024-01-0xT15:26:00Z', 'nonsense', ''];
    for (let i = 0; i < 2000; i++) texts.push(new Date(Math.floor(r() * 4e12) * 1000 % 4e12).toISOString().slice(0, 19) + 'Z');
    for (const t of texts) expect(Object.is(isoMs(t), Date.parse(t)), t).toBe(true);
  });
});

describe('writeColumnsCsvAtomic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qtrader-colcsv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes as the row writer, quoting only what needs it, across chunk boundaries', () => {
    const header = ['a', 'b', 'c'];
    const r = lcg(4);
    const pick = ['x', 'y,z', 'q"uote', 'line\nbreak', 'cr\rhere', '', '12.5'];
    const cols: string[][] = [[], [], []];
    for (let i = 0; i < 500; i++) {
      cols[0]!.push(`id${i}`);
      cols[1]!.push(pick[Math.floor(r() * pick.length)]!);
      cols[2]!.push(String(i / 8));
    }
    const keep = (i: number): boolean => i % 3 !== 1;
    const rows = cols[0]!.map((_, i) => [cols[0]![i]!, cols[1]![i]!, cols[2]![i]!]);
    writeColumnsCsvAtomic(join(dir, 'cols.csv'), header, cols, keep, 100);
    writeCsvAtomic(join(dir, 'rows.csv'), header, rows.filter((_, i) => keep(i)), 100);
    expect(readFileSync(join(dir, 'cols.csv'), 'utf8')).toBe(readFileSync(join(dir, 'rows.csv'), 'utf8'));
    expect(readFileSync(join(dir, 'cols.csv'), 'utf8')).toContain('"y,z"');
  });

  it('refuses columns of different lengths or a column count other than the header\'s, leaving no file', () => {
    expect(() => writeColumnsCsvAtomic(join(dir, 'bad1.csv'), ['a', 'b'], [['1'], ['2', '3']])).toThrow(/column lengths differ/);
    expect(() => writeColumnsCsvAtomic(join(dir, 'bad2.csv'), ['a', 'b'], [['1']])).toThrow(/header has 2/);
    expect(readdirSync(dir).filter((f) => f.startsWith('bad'))).toEqual([]);
  });
});

describe('slice size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qtrader-slices-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives byte-identical outputs with the default slices and with one slice for the whole run', () => {
    // 2 symbols × 80,000 bars: the default (2^17 values per column) cuts it into 65,536-bar slices
    const series = generateBars({ symbols: ['AAA', 'BBB'], bars: 80_000, seed: 3, start: '2024-01-02', zone: 'America/New_York' });
    const bars = alignBars(series, 'America/New_York', {});
    const cfg = normalizeConfig({
      run: { engine: 'wasm', id: 'slices' }, data: { files: [{ path: 'AAA.parquet', symbol: 'AAA' }, { path: 'BBB.parquet', symbol: 'BBB' }] },
      strategy: { name: 'sma_cross', params: { fast: 5, slow: 20 } }, portfolio: { initial_cash: '100000' },
      sizing: { method: 'fixed_quantity', quantity: 10 }, execution: { commission: { per_share: '0.005', minimum: '1' } },
    }, 'slices');
    const files = (out: string): Record<string, string> => Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    const a = runOnBars(cfg, bars, 'slices', { outDir: join(dir, 'default'), eventLog: true });
    const b = runOnBars(cfg, bars, 'slices', { outDir: join(dir, 'whole'), eventLog: true, sliceRows: bars.length });
    expect(a.result.counts['fills']).toBeGreaterThan(1000);
    expect(files(a.outDir)).toEqual(files(b.outDir));
  }, 120_000);
});

describe('numStr and decOf tables', () => {
  it('give String(x) and its decimal for every value, whatever other values share a slot', () => {
    const r = lcg(21);
    const xs: number[] = [0, -0, 1e21, 1.5e-7, -123.45, 100, 2 ** 53];
    for (let i = 0; i < 20000; i++) xs.push(r() < 0.5 ? Math.round(r() * 1e6) / 100 : (r() - 0.5) * 10 ** Math.floor(r() * 30 - 10));
    // twice: the second pass reads what the first left in the tables
    for (let pass = 0; pass < 2; pass++) {
      for (const x of xs) {
        const want = new Decimal(x).toFixed() === '-0' ? '0' : new Decimal(x).toFixed();
        expect(numStr(x)).toBe(want);
        expect(decStr(decOf(x))).toBe(want);
      }
    }
    expect(() => numStr(NaN)).toThrow(/finite/);
    expect(() => decOf(Infinity)).toThrow(/finite/);
  });
});
