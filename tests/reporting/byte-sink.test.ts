// Unit tests of src/reporting/byte-sink.ts and the writers built on it: the sink's bytes are
// Node's own UTF-8 encoding (Buffer.from) of what was written, whatever the buffer size; plainCsv
// takes exactly the fields csvEscape leaves alone; results.json's writer gives JSON.stringify's text.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteSink, writeFileAtomicSink } from '../../src/reporting/byte-sink.js';
import { csvEscape } from '../../src/reporting/csv.js';
import { resultsToJson, writeResultsJson } from '../../src/reporting/results.js';
import { handResults } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'qtrader-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sink of `size` bytes that keeps a copy of every flushed piece; `bytes()` flushes and joins them. */
function collecting(size: number): { sink: ByteSink; bytes: () => Buffer; flushes: () => number } {
  const parts: Buffer[] = [];
  const sink = new ByteSink((b) => parts.push(Buffer.from(b)), size);
  return { sink, bytes: () => (sink.flush(), Buffer.concat(parts)), flushes: () => parts.length };
}

// characters that take each path: plain ASCII, CSV and JSON specials, controls, 2-, 3- and 4-byte
// UTF-8, and lone surrogates (which Buffer.from writes as U+FFFD)
const unit = fc.constantFrom('a', 'Z', '0', ' ', '~', '\u007f', ',', '"', '\\', '\n', '\r', '\t', '\u0000', 'é', '€', '株', '😀', '\ud800', '\udfff');
const text = fc.oneof(
  fc.string({ unit, maxLength: 12 }),
  fc.string({ unit, minLength: 60, maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
);
const sizes = [16, 17, 64, 1 << 16];

describe('ByteSink.text', () => {
  it('writes the UTF-8 of each string as Buffer.from does, for any buffer size', () => {
    fc.assert(fc.property(fc.array(text, { maxLength: 40 }), fc.constantFrom(...sizes), (strings, size) => {
      const { sink, bytes } = collecting(size);
      for (const s of strings) sink.text(s);
      // each string encoded on its own: a lone surrogate at the end of one and the start of the next stay two U+FFFD
      expect(bytes().equals(Buffer.concat(strings.map((s) => Buffer.from(s, 'utf8'))))).toBe(true);
    }), { numRuns: 400 });
  });

  it('never splits a surrogate pair between two pieces of a long string', () => {
    // a 16-byte buffer takes 5 code units a piece: every other piece boundary falls inside a pair
    const s = 'x' + '😀'.repeat(40) + '\ud800' + 'é'.repeat(30);
    const { sink, bytes, flushes } = collecting(16);
    sink.text(s);
    expect(bytes().equals(Buffer.from(s, 'utf8'))).toBe(true);
    expect(flushes()).toBeGreaterThan(10);
  });

  it('mixes single bytes and text in order', () => {
    const { sink, bytes } = collecting(16);
    for (let i = 0; i < 50; i++) {
      sink.byte(44);
      sink.text(`é${i}`);
    }
    expect(bytes().toString('utf8')).toBe(Array.from({ length: 50 }, (_, i) => `,é${i}`).join(''));
  });
});

describe('ByteSink.plainCsv', () => {
  it('takes a field exactly when it is ASCII and csvEscape leaves it alone, and then writes it as it is', () => {
    fc.assert(fc.property(text, fc.constantFrom(...sizes), (s, size) => {
      const { sink, bytes } = collecting(size);
      sink.text('>');
      const took = sink.plainCsv(s);
      // eslint-disable-next-line no-control-regex
      expect(took).toBe(csvEscape(s) === s && /^[\u0000-\u007f]*$/.test(s) && s.length <= size);
      expect(bytes().toString('utf8')).toBe(took ? `>${s}` : '>');
    }), { numRuns: 600 });
  });
});

describe('writeFileAtomicSink', () => {
  it('puts the sink\'s bytes in place and leaves nothing when the producer throws', () => {
    const path = join(dir, 'a.txt');
    writeFileAtomicSink(path, (sink) => {
      for (let i = 0; i < 1000; i++) sink.text(`line ${i} €\n`);
    }, 64);
    expect(readFileSync(path, 'utf8')).toBe(Array.from({ length: 1000 }, (_, i) => `line ${i} €\n`).join(''));
    const failing = join(dir, 'b.txt');
    expect(() => writeFileAtomicSink(failing, (sink) => {
      sink.text('x'.repeat(500));
      throw new Error('boom');
    }, 64)).toThrow('boom');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
});

describe('writeResultsJson', () => {
  it('writes JSON.stringify\'s text of the results, for any run length and buffer size', () => {
    const column = fc.array(text, { maxLength: 30 });
    fc.assert(fc.property(column, column, fc.constantFrom(1, 2, 7, 2048), fc.constantFrom(...sizes), (ids, prices, chunk, size) => {
      const base = handResults();
      const n = Math.min(ids.length, prices.length);
      const fills = { ...base.fills, fill_id: ids.slice(0, n), price: prices.slice(0, n), symbol: Array.from({ length: n }, () => 'é,"\\') };
      // a property JSON.stringify leaves out, a nested array of numbers and one of mixed values, as the object has them
      const r = { ...base, fills, extra: undefined, trade_entry_bars: prices.map((_, i) => i * 1.5), benchmark: { symbol: 'X', mixed: [1, null, 'a', { b: [2] }] } } as unknown as typeof base;
      const expected = JSON.stringify(r) + '\n';
      const { sink, bytes } = collecting(size);
      writeResultsJson(sink, r, chunk);
      expect(bytes().toString('utf8')).toBe(expected);
      expect(resultsToJson(r, chunk)).toBe(expected);
    }), { numRuns: 200 });
  });
});
