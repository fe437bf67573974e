import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempPathFor, writeFileAtomic, writeFileAtomicStream } from '../../src/model/atomic-write.js';
import { tempDir, thrown } from '../data/helpers.js';

describe('atomic writes', () => {
  it('writes strings, bytes and chunk lists, leaving no temp file', () => {
    const dir = tempDir();
    writeFileAtomic(join(dir, 'a.txt'), 'héllo');
    writeFileAtomic(join(dir, 'b.bin'), Uint8Array.from([1, 2, 3]));
    writeFileAtomic(join(dir, 'c.txt'), ['x', 'y', Buffer.from('z')]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('héllo');
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('xyz');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin', 'c.txt']);
  });

  it('names the temp file <path>.<pid>.tmp and writes through it', () => {
    const dir = tempDir();
    const path = join(dir, 'out.csv');
    writeFileAtomicStream(path, (write) => {
      write('a,');
      expect(existsSync(tempPathFor(path))).toBe(true);
      expect(tempPathFor(path)).toBe(`${path}.${process.pid}.tmp`);
      expect(existsSync(path)).toBe(false);
      write('b\n');
    }, { fsync: true });
    expect(readFileSync(path, 'utf8')).toBe('a,b\n');
  });

  it('removes the temp file and keeps the old file when the producer fails', () => {
    const dir = tempDir();
    const path = join(dir, 'keep.txt');
    writeFileSync(path, 'old');
    const err = thrown(() => writeFileAtomicStream(path, (write) => {
      write('partial');
      throw new Error('boom');
    }));
    expect(err.message).toBe('boom');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['keep.txt']);
  });

  it('fails cleanly when the folder does not exist', () => {
    const dir = tempDir();
    expect(() => writeFileAtomic(join(dir, 'missing', 'x.txt'), 'x')).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
