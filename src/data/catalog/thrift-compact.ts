// A small decoder of the Thrift compact protocol, enough for Parquet footers and page headers: structs
// become objects keyed by field id, lists become arrays, binaries stay bytes (views, not copies).

/** A decoded struct: field id → value (number, boolean, Uint8Array, array or nested struct). */
export type ThriftStruct = { [field: number]: ThriftValue };
/** Any decoded value. */
export type ThriftValue = number | boolean | Uint8Array | ThriftValue[] | ThriftStruct;

/** A bounds-checked reader of compact-protocol bytes; `pos` is where the next value starts. */
export class CompactDecoder {
  constructor(private readonly b: Uint8Array, public pos: number, private readonly end: number) {}

  private byte(): number {
    if (this.pos >= this.end) throw new RangeError('truncated Thrift data');
    return this.b[this.pos++]!;
  }

  private varint(): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const x = this.byte();
      v += (x & 0x7f) * scale;
      if (x < 0x80) return v;
      scale *= 128;
    }
    throw new RangeError('bad varint in Thrift data');
  }

  private zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  /** Reads a struct (up to its stop byte). */
  struct(): ThriftStruct {
    const out: ThriftStruct = {};
    let field = 0;
    for (;;) {
      const h = this.byte();
      if (h === 0) return out;
      const type = h & 15;
      field = h >> 4 !== 0 ? field + (h >> 4) : this.zigzag();
      out[field] = type === 1 ? true : type === 2 ? false : this.value(type);
    }
  }

  /** Reads one value of compact type `t`. */
  private value(t: number): ThriftValue {
    switch (t) {
      case 1: case 2: return this.byte() === 1;
      case 3: {
        const x = this.byte();
        return x > 127 ? x - 256 : x;
      }
      case 4: case 5: case 6: return this.zigzag();
      case 7: {
        if (this.pos + 8 > this.end) throw new RangeError('truncated Thrift data');
        const v = new DataView(this.b.buffer, this.b.byteOffset + this.pos, 8).getFloat64(0, true);
        this.pos += 8;
        return v;
      }
      case 8: {
        const n = this.varint();
        if (this.pos + n > this.end) throw new RangeError('truncated Thrift data');
        const v = this.b.subarray(this.pos, this.pos + n);
        this.pos += n;
        return v;
      }
      case 9: case 10: {
        const h = this.byte();
        const size = h >> 4 === 15 ? this.varint() : h >> 4;
        const et = h & 15;
        const out: ThriftValue[] = [];
        for (let i = 0; i < size; i++) out.push(this.value(et));
        return out;
      }
      case 11: {
        const size = this.varint();
        if (size === 0) return [];
        const kv = this.byte();
        const out: ThriftValue[] = [];
        for (let i = 0; i < size; i++) out.push([this.value(kv >> 4), this.value(kv & 15)]);
        return out;
      }
      case 12: return this.struct();
      default: throw new RangeError(`unknown Thrift type ${t}`);
    }
  }
}

/** Field `id` of a struct as a number (undefined when absent). */
export function num(s: ThriftStruct, id: number): number | undefined {
  const v = s[id];
  return typeof v === 'number' ? v : undefined;
}

/** Field `id` of a struct as a nested struct. */
export function sub(s: ThriftStruct, id: number): ThriftStruct | undefined {
  const v = s[id];
  return v !== undefined && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) ? (v as ThriftStruct) : undefined;
}

/** Field `id` of a struct as a list. */
export function list(s: ThriftStruct, id: number): ThriftValue[] {
  const v = s[id];
  return Array.isArray(v) ? v : [];
}

/** Field `id` of a struct as bytes. */
export function bytes(s: ThriftStruct, id: number): Uint8Array | undefined {
  const v = s[id];
  return v instanceof Uint8Array ? v : undefined;
}
