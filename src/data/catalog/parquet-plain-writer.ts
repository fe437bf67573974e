// A Parquet writer for the catalog's numeric partitions: int64 nanosecond timestamps and float64
// columns, all required, PLAIN, uncompressed, one data page per column chunk. It copies column bytes
// instead of building Arrow tables for parquet-wasm, and writes what the reader's fast path reads.

/** Thrift compact-protocol encoder for the few Parquet structs written here. */
class CompactWriter {
  private buf = new Uint8Array(1024);
  private pos = 0;
  private readonly last: number[] = [0];

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
  }

  private byte(x: number): void {
    this.ensure(1);
    this.buf[this.pos++] = x;
  }

  /** Unsigned varint of a non-negative integer below 2^53. */
  private varint(x: number): void {
    while (x >= 128) {
      this.byte((x % 128) | 128);
      x = Math.floor(x / 128);
    }
    this.byte(x);
  }

  private header(id: number, type: number): void {
    const delta = id - this.last[this.last.length - 1]!;
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.varint(id * 2);
    }
    this.last[this.last.length - 1] = id;
  }

  /** An i32 or i64 field (non-negative values only here: zigzag = 2n). */
  int(id: number, x: number, type: 5 | 6 = 5): this {
    this.header(id, type);
    this.varint(x * 2);
    return this;
  }

  bool(id: number, x: boolean): this {
    this.header(id, x ? 1 : 2);
    return this;
  }

  binary(id: number, b: Uint8Array): this {
    this.header(id, 8);
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** A struct field: `fill` writes its fields. */
  struct(id: number, fill: (w: this) => void): this {
    this.header(id, 12);
    this.last.push(0);
    fill(this);
    this.byte(0);
    this.last.pop();
    return this;
  }

  /** A list of structs (element type 12) or of i32 (5) or binaries (8). */
  list<T>(id: number, type: 5 | 8 | 12, items: readonly T[], each: (w: this, item: T) => void): this {
    this.header(id, 9);
    if (items.length < 15) this.byte((items.length << 4) | type);
    else {
      this.byte(0xf0 | type);
      this.varint(items.length);
    }
    for (const it of items) {
      if (type === 12) {
        this.last.push(0);
        each(this, it);
        this.byte(0);
        this.last.pop();
      } else if (type === 5) this.varint((it as unknown as number) * 2);
      else {
        const b = it as unknown as Uint8Array;
        this.varint(b.length);
        this.ensure(b.length);
        this.buf.set(b, this.pos);
        this.pos += b.length;
      }
    }
    return this;
  }

  /** Ends the top-level struct and returns its bytes. */
  end(): Uint8Array {
    this.byte(0);
    return this.buf.slice(0, this.pos);
  }
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const TYPE_INT64 = 2;
const TYPE_DOUBLE = 5;
const PLAIN = 0;
const RLE = 3;

/** Little-endian bytes of one int64 element, for statistics. */
function int64Bytes(ts: BigInt64Array, i: number): Uint8Array {
  return new Uint8Array(ts.buffer, ts.byteOffset + 8 * i, 8).slice();
}

/**
 * Encodes a partition as a Parquet file: `timestamp` INT64 with logical type TIMESTAMP(NANOS, UTC),
 * then each float column as DOUBLE; every column REQUIRED, PLAIN, uncompressed; row groups of
 * `rowGroupRows` rows; min/max statistics on `timestamp` (the reader skips row groups by date).
 * Timestamps must be sorted (min/max are the first and last of each group).
 */
export function encodePlainParquet(ts: BigInt64Array, columns: readonly (readonly [string, Float64Array])[], rowGroupRows: number): Uint8Array {
  const n = ts.length;
  const parts: Uint8Array[] = [utf8('PAR1')];
  let offset = 4;
  const groups: { rows: number; bytes: number; chunks: { name: string; type: number; offset: number; size: number; min?: Uint8Array; max?: Uint8Array }[] }[] = [];
  for (let a = 0; a < n || (a === 0 && n === 0); a += rowGroupRows) {
    const b = Math.min(n, a + rowGroupRows);
    const rows = b - a;
    const chunks: (typeof groups)[number]['chunks'] = [];
    const all: [string, number, Uint8Array][] = [
      ['timestamp', TYPE_INT64, new Uint8Array(ts.buffer, ts.byteOffset + 8 * a, 8 * rows)],
      ...columns.map(([name, v]) => [name, TYPE_DOUBLE, new Uint8Array(v.buffer, v.byteOffset + 8 * a, 8 * rows)] as [string, number, Uint8Array]),
    ];
    let bytes = 0;
    for (const [name, type, data] of all) {
      const head = new CompactWriter()
        .int(1, 0).int(2, data.length).int(3, data.length)
        .struct(5, (w) => w.int(1, rows).int(2, PLAIN).int(3, RLE).int(4, RLE))
        .end();
      parts.push(head, data);
      const size = head.length + data.length;
      chunks.push({ name, type, offset, size, ...(type === TYPE_INT64 && rows > 0 ? { min: int64Bytes(ts, a), max: int64Bytes(ts, b - 1) } : {}) });
      offset += size;
      bytes += size;
    }
    groups.push({ rows, bytes, chunks });
    if (n === 0) break;
  }
  const meta = new CompactWriter().int(1, 1);
  const fields: [string, number][] = [['timestamp', TYPE_INT64], ...columns.map(([c]) => [c, TYPE_DOUBLE] as [string, number])];
  meta.list(2, 12, [undefined, ...fields], (w, f) => {
    if (!f) {
      w.binary(4, utf8('schema')).int(5, fields.length);
      return;
    }
    w.int(1, f[1]).int(3, 0).binary(4, utf8(f[0]));
    if (f[1] === TYPE_INT64) w.struct(10, (l) => l.struct(8, (t) => t.bool(1, true).struct(2, (u) => u.struct(3, () => undefined))));
  });
  meta.int(3, n, 6);
  meta.list(4, 12, groups, (w, g) => {
    w.list(1, 12, g.chunks, (c, ch) => {
      c.int(2, ch.offset, 6).struct(3, (m) => {
        m.int(1, ch.type).list(2, 5, [PLAIN, RLE], () => undefined).list(3, 8, [utf8(ch.name)], () => undefined)
          .int(4, 0).int(5, g.rows, 6).int(6, ch.size, 6).int(7, ch.size, 6).int(9, ch.offset, 6);
        if (ch.min && ch.max) m.struct(12, (st) => st.binary(5, ch.max!).binary(6, ch.min!));
      });
    });
    w.int(2, g.bytes, 6).int(3, g.rows, 6);
  });
  meta.binary(6, utf8('qtrader'));
  const footerBytes = meta.end();
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, footerBytes.length, true);
  parts.push(footerBytes, len, utf8('PAR1'));
  const total = parts.reduce((t, p) => t + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
