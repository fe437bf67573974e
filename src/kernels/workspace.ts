// Buffers that live in a kernel arena (engine 'wasm') or in plain typed arrays (engine 'js'),
// so that callers hand the same buffers to either implementation.
import type { KernelEngine } from '../model/index.js';
import { Arena, type KernelExports, type WasmTarget } from './wasm-module.js';

type TypedArray = Float64Array | Int32Array | BigInt64Array | Uint8Array;
type Ctor<T extends TypedArray> = { new (buf: ArrayBufferLike, byteOffset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number };

/** A typed buffer with a pointer into kernel memory (wasm) or its own storage (js). */
export class Buf<T extends TypedArray> {
  private cached: T | undefined;
  constructor(
    private readonly ws: Workspace,
    private readonly ctor: Ctor<T>,
    /** Byte address in the arena; -1 for js buffers. */
    readonly ptr: number,
    readonly length: number,
    private readonly own?: T,
  ) {}

  /** A view of the data; re-created after the arena's memory grows. */
  view(): T {
    if (this.own) return this.own;
    // growing the memory detaches its old buffer, and a view of a detached buffer has length 0: a
    // cached view that still has its length is current, without asking the instance for its memory
    // (which costs more than many a caller's own work: the engine asks per signal and per day end)
    const c = this.cached;
    if (c !== undefined && c.length === this.length && this.length > 0) return c;
    const mem = this.ws.arena!.exports.memory.buffer;
    if (!c || c.buffer !== mem) this.cached = new this.ctor(mem, this.ptr, this.length);
    return this.cached!;
  }

  /** A buffer over elements [start, start + length) of this one, sharing its memory. */
  sub(start: number, length: number): Buf<T> {
    if (start < 0 || length < 0 || start + length > this.length) throw new RangeError(`sub(${start}, ${length}) out of ${this.length}`);
    if (this.own) return new Buf(this.ws, this.ctor, -1, length, this.own.subarray(start, start + length) as T);
    return new Buf(this.ws, this.ctor, this.ptr + start * this.ctor.BYTES_PER_ELEMENT, length);
  }

  /** Copies `src` into the buffer at element `at`. */
  set(src: ArrayLike<number> | ArrayLike<bigint>, at = 0): void {
    (this.view() as unknown as { set(a: unknown, o: number): void }).set(src, at);
  }
}

/** Allocates kernel buffers for one engine; `wasm` workspaces own one kernel instance. */
export class Workspace {
  readonly arena: Arena | undefined;

  constructor(readonly engine: KernelEngine = 'wasm', target: WasmTarget = 'release') {
    this.arena = engine === 'wasm' ? new Arena(target) : undefined;
  }

  /** The raw kernel exports; only valid for the wasm engine. */
  get wasm(): KernelExports {
    if (!this.arena) throw new Error('the js engine has no WebAssembly exports');
    return this.arena.exports;
  }

  /**
   * Typed buffers of `length` elements, zero-filled; `zeroed = false` skips clearing arena memory
   * used before (for buffers a kernel writes in full before anything reads them).
   */
  f64(length: number, zeroed = true): Buf<Float64Array> {
    return this.make(Float64Array, length, zeroed);
  }
  i32(length: number, zeroed = true): Buf<Int32Array> {
    return this.make(Int32Array, length, zeroed);
  }
  i64(length: number, zeroed = true): Buf<BigInt64Array> {
    return this.make(BigInt64Array, length, zeroed);
  }
  u8(length: number, zeroed = true): Buf<Uint8Array> {
    return this.make(Uint8Array, length, zeroed);
  }

  /** Arena position to return to with `release` (no-op for js). */
  mark(): number {
    return this.arena ? this.arena.mark() : 0;
  }
  release(mark: number): void {
    if (this.arena) this.arena.release(mark);
  }

  private make<T extends TypedArray>(ctor: Ctor<T>, length: number, zeroed: boolean): Buf<T> {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`buffer length must be a non-negative integer; got ${length}`);
    if (!this.arena) return new Buf(this, ctor, -1, length, new ctor(length));
    const ptr = this.arena.alloc(length * ctor.BYTES_PER_ELEMENT, zeroed);
    return new Buf(this, ctor, ptr, length);
  }
}
