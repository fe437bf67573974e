// Reads the row count from a Parquet footer (Thrift compact protocol, FileMetaData field 3), so
// readers can size their columns once instead of growing them; parquet-wasm has no sync call for it.

/** A bounds-checked cursor over Thrift compact-protocol bytes. */
class CompactReader {
  constructor(private readonly b: Uint8Array, private pos: number, private readonly end: number) {}

  byte(): number {
    if (this.pos >= this.end) throw new RangeError('truncated Parquet footer');
    return this.b[this.pos++]!;
  }

  varint(): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const x = this.byte();
      v += (x & 0x7f) * scale;
      if (x < 0x80) return v;
      scale *= 128;
    }
    throw new RangeError('bad varint in Parquet footer');
  }

  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  skipBytes(n: number): void {
    if (n < 0 || this.pos + n > this.end) throw new RangeError('truncated Parquet footer');
    this.pos += n;
  }

  /** Skips a value of compact type `t`; `inList` because booleans in lists take a byte. */
  skip(t: number, inList = false): void {
    switch (t) {
      case 1: case 2: if (inList) this.skipBytes(1); return;
      case 3: this.skipBytes(1); return;
      case 4: case 5: case 6: this.varint(); return;
      case 7: this.skipBytes(8); return;
      case 8: this.skipBytes(this.varint()); return;
      case 9: case 10: {
        const h = this.byte();
        const size = h >> 4 === 15 ? this.varint() : h >> 4;
        for (let i = 0; i < size; i++) this.skip(h & 15, true);
        return;
      }
      case 11: {
        const size = this.varint();
        if (size === 0) return;
        const kv = this.byte();
        for (let i = 0; i < size; i++) {
          this.skip(kv >> 4, true);
          this.skip(kv & 15, true);
        }
        return;
      }
      case 12:
        for (;;) {
          const h = this.byte();
          if (h === 0) return;
          if (h >> 4 === 0) this.zigzag();
          this.skip(h & 15);
        }
      default:
        throw new RangeError(`unknown Thrift type ${t} in Parquet footer`);
    }
  }
}

/** The number of rows a Parquet file declares in its footer, or undefined if the footer is unreadable. */
export function parquetRowCount(bytes: Uint8Array): number | undefined {
  const n = bytes.length;
  if (n < 12) return undefined;
  const len = (bytes[n - 8]! | (bytes[n - 7]! << 8) | (bytes[n - 6]! << 16) | (bytes[n - 5]! << 24)) >>> 0;
  const start = n - 8 - len;
  if (start < 4) return undefined;
  try {
    const r = new CompactReader(bytes, start, n - 8);
    let field = 0;
    for (;;) {
      const h = r.byte();
      if (h === 0) return undefined;
      const type = h & 15;
      field = h >> 4 !== 0 ? field + (h >> 4) : r.zigzag();
      if (field === 3 && type === 6) {
        const rows = r.zigzag();
        return Number.isSafeInteger(rows) && rows >= 0 ? rows : undefined;
      }
      r.skip(type);
    }
  } catch {
    return undefined;
  }
}
