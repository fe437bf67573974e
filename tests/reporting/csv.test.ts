// Unit tests of src/reporting/csv.ts: RFC 4180 escaping, chunked building, and the atomic
// temp-file-then-rename write that leaves nothing behind on failure.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ContractError } from '../../src/model/index.js';
import { csvEscape, csvLine, CsvWriter, writeCsvAtomic, writeFileAtomic, type CsvField } from '../../src/reporting/csv.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qtrader-csv-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Files in the test directory, sorted; a leftover `.tmp` would show here. */
function listing(): string[] {
  return fs.readdirSync(dir).sort();
}

/** A minimal RFC 4180 reader, written independently of the code under test. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      // Quoted field: runs to the next quote not followed by another quote.
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') break;
        else field += text[i++];
      }
      i++;
    } else if (c === ',') (record.push(field), (field = ''), i++);
    else if (c === '\n') (record.push(field), records.push(record), (record = []), (field = ''), i++);
    else (field += c), i++;
  }
  return records;
}

describe('csvEscape', () => {
  it('leaves plain text alone', () => {
    expect(csvEscape('AAPL')).toBe('AAPL');
    expect(csvEscape('')).toBe('');
    expect(csvEscape(' padded ')).toBe(' padded ');
  });

  it('quotes a field containing a comma, quote, LF or CR and doubles inner quotes', () => {
    expect(csvEscape('a,b')).toBe('"a,b"');
    expect(csvEscape('say "hi"')).toBe('"say ""hi"""');
    expect(csvEscape('"')).toBe('""""');
    expect(csvEscape('line1\nline2')).toBe('"line1\nline2"');
    expect(csvEscape('cr\rhere')).toBe('"cr\rhere"');
    expect(csvEscape('x\r\ny')).toBe('"x\r\ny"');
  });

  it('writes null and non-finite numbers as the empty field', () => {
    expect(csvEscape(null)).toBe('');
    expect(csvEscape(NaN)).toBe('');
    expect(csvEscape(Infinity)).toBe('');
    expect(csvEscape(-Infinity)).toBe('');
  });

  it('writes numbers in their shortest round-trip form', () => {
    expect(csvEscape(0.1)).toBe('0.1');
    expect(csvEscape(-0)).toBe('0');
    expect(csvEscape(42)).toBe('42');
    expect(csvEscape(1e21)).toBe('1e+21');
    expect(csvEscape(-1.5e-7)).toBe('-1.5e-7');
  });
});

describe('csvLine', () => {
  it('joins escaped fields with commas and ends with LF', () => {
    expect(csvLine(['2020-01-02T14:30:00Z', 'AAPL', 101.25, null, 'a "b", c'])).toBe(
      '2020-01-02T14:30:00Z,AAPL,101.25,,"a ""b"", c"\n',
    );
    expect(csvLine([])).toBe('\n');
    expect(csvLine([null])).toBe('\n');
  });

  it('round-trips any text through an RFC 4180 reader', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\n', '\r', ' ', 'é', '😀'), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(text, { minLength: 2, maxLength: 6 }), (fields) => {
        expect(parseCsv(csvLine(fields))).toEqual([fields]);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('CsvWriter', () => {
  const header = ['ts', 'symbol', 'qty', 'note'];
  const rows: CsvField[][] = [
    ['2020-01-02T14:30:00Z', 'AAPL', 10, null],
    ['2020-01-03T14:30:00Z', 'MSFT', -5.5, 'partial, capped'],
    ['2020-01-06T14:30:00Z', 'SPY', 1, 'he said "go"\nthen stopped'],
  ];
  const expected =
    'ts,symbol,qty,note\n' +
    '2020-01-02T14:30:00Z,AAPL,10,\n' +
    '2020-01-03T14:30:00Z,MSFT,-5.5,"partial, capped"\n' +
    '2020-01-06T14:30:00Z,SPY,1,"he said ""go""\nthen stopped"\n';

  it('builds the header and rows as text', () => {
    const w = new CsvWriter(header);
    for (const r of rows) w.addRow(r);
    expect(w.rowCount).toBe(3);
    expect(w.toString()).toBe(expected);
    expect([...w.chunks()]).toEqual([expected]);
  });

  it('closes a chunk once it passes the chunk size, keeping the text the same', () => {
    const w = new CsvWriter(header, 40);
    for (const r of rows) w.addRow(r);
    const chunks = [...w.chunks()];
    // Header (19) + row 1 (30) passes 40 → chunk; row 2 (49) → chunk; row 3 (57) → chunk; nothing pending.
    expect(chunks.length).toBe(3);
    expect(chunks.join('')).toBe(expected);
    expect(w.toString()).toBe(expected);
  });

  it('writes the file atomically and leaves no temp file', () => {
    const file = path.join(dir, 'fills.csv');
    const w = new CsvWriter(header);
    for (const r of rows) w.addRow(r);
    w.writeTo(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
    expect(listing()).toEqual(['fills.csv']);
    // Writing again replaces the file whole.
    new CsvWriter(['only']).addRow(['x']).writeTo(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('only\nx\n');
    expect(listing()).toEqual(['fills.csv']);
  });

  it('rejects a row whose width differs from the header', () => {
    const w = new CsvWriter(header).addRow(rows[0]!);
    expect(() => w.addRow(['too', 'short'])).toThrow(ContractError);
    expect(() => w.addRow(['too', 'short'])).toThrow(/row 1 has 2 fields but the header has 4/);
    expect(w.rowCount).toBe(1);
  });

  it('rejects an empty header and a chunk size below 1', () => {
    expect(() => new CsvWriter([])).toThrow(ContractError);
    expect(() => new CsvWriter(['a'], 0)).toThrow(/chunkChars/);
    expect(() => new CsvWriter(['a'], NaN)).toThrow(/chunkChars/);
  });
});

describe('writeCsvAtomic', () => {
  it('streams rows from a generator into chunks and one file', () => {
    const file = path.join(dir, 'equity.csv');
    function* days(): Generator<CsvField[]> {
      for (let i = 0; i < 1000; i++) yield [i, 100 + i / 4];
    }
    writeCsvAtomic(file, ['day', 'equity'], days(), 64);
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    expect(lines.length).toBe(1002); // header + 1000 rows + the empty string after the last LF
    expect(lines[0]).toBe('day,equity');
    expect(lines[1000]).toBe('999,349.75');
    expect(listing()).toEqual(['equity.csv']);
    // A chunk size of 1 closes a chunk after every line, leaving nothing pending at the end.
    writeCsvAtomic(file, ['day'], [[1], [2]], 1);
    expect(fs.readFileSync(file, 'utf8')).toBe('day\n1\n2\n');
  });

  it('leaves no file and no temp file when the row producer throws mid-way', () => {
    const file = path.join(dir, 'trades.csv');
    function* failing(): Generator<CsvField[]> {
      for (let i = 0; i < 500; i++) yield [i, 'x'.repeat(50)];
      throw new Error('ledger exploded at row 500');
    }
    // A chunk size of 100 means several chunks reach the temp file before the throw.
    expect(() => writeCsvAtomic(file, ['n', 'pad'], failing(), 100)).toThrow('ledger exploded at row 500');
    expect(listing()).toEqual([]);
  });

  it('keeps the previous file when a rewrite fails', () => {
    const file = path.join(dir, 'trades.csv');
    writeCsvAtomic(file, ['n'], [[1], [2]]);
    function* failing(): Generator<CsvField[]> {
      yield [3];
      throw new Error('boom');
    }
    expect(() => writeCsvAtomic(file, ['n'], failing(), 1)).toThrow('boom');
    expect(fs.readFileSync(file, 'utf8')).toBe('n\n1\n2\n');
    expect(listing()).toEqual(['trades.csv']);
  });

  it('rejects a row of the wrong width and leaves nothing behind', () => {
    const file = path.join(dir, 'bad.csv');
    expect(() => writeCsvAtomic(file, ['a', 'b'], [[1, 2], [3]])).toThrow(/row 1 has 1 fields but the header has 2/);
    expect(() => writeCsvAtomic(file, [], [])).toThrow(ContractError);
    expect(listing()).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('writes multi-byte UTF-8 chunks byte for byte', () => {
    const file = path.join(dir, 'u.txt');
    writeFileAtomic(file, ['café,', '😀\n', '', 'end']);
    expect(fs.readFileSync(file, 'utf8')).toBe('café,😀\nend');
  });

  it('writes an empty file from no chunks', () => {
    const file = path.join(dir, 'empty.csv');
    writeFileAtomic(file, []);
    expect(fs.readFileSync(file, 'utf8')).toBe('');
  });

  it('names the temp file <path>.<pid>.tmp while writing', () => {
    const file = path.join(dir, 'seen.csv');
    let during: string[] = [];
    function* chunks(): Generator<string> {
      yield 'a\n';
      during = listing();
      yield 'b\n';
    }
    writeFileAtomic(file, chunks());
    expect(during).toEqual([`seen.csv.${process.pid}.tmp`]);
    expect(listing()).toEqual(['seen.csv']);
  });

  it('removes the temp file when the rename fails', () => {
    // The target is a non-empty directory, so renaming a file over it fails (EISDIR).
    const target = path.join(dir, 'out');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'keep'), 'k');
    expect(() => writeFileAtomic(target, ['x'])).toThrow();
    expect(listing()).toEqual(['out']);
    expect(fs.readdirSync(target)).toEqual(['keep']);
  });

  it('throws and leaves nothing when the directory does not exist', () => {
    expect(() => writeFileAtomic(path.join(dir, 'missing', 'f.csv'), ['x'])).toThrow(/ENOENT/);
    expect(listing()).toEqual([]);
  });
});
