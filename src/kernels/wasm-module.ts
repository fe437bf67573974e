// Loads the compiled kernels and manages one arena in the instance's linear memory.
import { readFileSync, existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { join } from 'node:path';
import { KernelError } from '../model/errors.js';
import { packageRoot } from '../model/package-root.js';

/** The raw exports of wasm/index.ts: pointers and scalars in, an i32 status out. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  sma(src: number, dst: number, n: number, period: number, state: number): number;
  crossover(a: number, b: number, dst: number, n: number, state: number): number;
  smaCross(close: number, dst: number, n: number, fast: number, slow: number, scale: number, state: number): number;
  simulate(
    open: number, high: number, low: number, close: number, volume: number, vwap: number, bidOpen: number, askOpen: number, bidClose: number, askClose: number,
    signal: number, dayEnd: number, equity: number, book: number, cursor: number, fill: number,
    orders: number, orderPx: number, symI: number, symF: number, glob: number, nsym: number, len: number, t0: number, participation: number, ticks: number, policy: number,
  ): number;
  scaledPrefix(close: number, out: number, n: number, scale: number): number;
  smaCrossBacktest(
    open: number, close: number, prefix: number, equity: number, trades: number, result: number, n: number, valid: number, cap: number,
    fast: number, slow: number, qty: number, perShare: number, minCommission: number, initialCash: number,
  ): number;
  readonly [code: string]: unknown;
}

/** Which build of the kernels: `release` (-O3) for runs and benchmarks, `debug` (asserts) for tests. */
export type WasmTarget = 'release' | 'debug';

const modules = new Map<WasmTarget, WebAssembly.Module>();

/** Compiles (once per process) the kernels of one build target. */
export function kernelModule(target: WasmTarget = 'release'): WebAssembly.Module {
  let mod = modules.get(target);
  if (!mod) {
    const file = join(packageRoot(), 'dist', 'wasm', `${target}.wasm`);
    if (!existsSync(file)) {
      throw new KernelError(`${file} is missing: build the kernels first with \`npm run build:wasm\``);
    }
    // Compile straight to optimised code: the module is small and runs are long, so the baseline
    // tier (Liftoff) would only slow the first pass over a large slice (measured: about 2× on 10M bars).
    if (modules.size === 0) setFlagsFromString('--no-liftoff');
    mod = new WebAssembly.Module(readFileSync(file));
    modules.set(target, mod);
  }
  return mod;
}

/** A bump allocator over one kernel instance's linear memory; views are made fresh on each call. */
export class Arena {
  readonly exports: KernelExports;
  private readonly base: number;
  private top: number;
  /** End of the highest allocation so far: memory above it has never been written. */
  private highWater: number;

  constructor(target: WasmTarget = 'release') {
    const instance = new WebAssembly.Instance(kernelModule(target), {
      env: {
        abort: (_msg: number, _file: number, line: number, col: number) => {
          throw new KernelError(`kernel assertion failed at line ${line}:${col}`);
        },
      },
    });
    this.exports = instance.exports as unknown as KernelExports;
    this.base = align(this.exports.heapBase(), 16);
    this.top = this.base;
    this.highWater = this.base;
  }

  /**
   * Reserves `bytes` (16-byte aligned, zero-filled unless `zeroed` is false: then memory used before
   * keeps its old bytes) and returns the pointer. Grows memory as needed.
   */
  alloc(bytes: number, zeroed = true): number {
    const ptr = this.top;
    const end = align(ptr + Math.max(bytes, 0), 16);
    const mem = this.exports.memory;
    if (end > MAX_BYTES) throw new KernelError(`kernel arena would exceed 4 GiB (asked for ${bytes} bytes)`);
    const size = mem.buffer.byteLength;
    if (end > size) {
      // grow at least by half of the current size: growing page by page can copy the whole memory each time
      const want = Math.min(MAX_BYTES, Math.max(end, size + (size >> 1)));
      mem.grow(Math.ceil((want - size) / 65536));
    }
    // memory fresh from grow() is zero already; only space used before (and released) needs clearing
    if (zeroed && ptr < this.highWater) new Uint8Array(mem.buffer, ptr, Math.min(end, this.highWater) - ptr).fill(0);
    if (end > this.highWater) this.highWater = end;
    this.top = end;
    return ptr;
  }

  /** Frees everything allocated since `mark()` returned `m`. */
  release(m: number): void {
    if (m < this.base || m > this.top) throw new KernelError(`bad arena mark ${m}`);
    this.top = m;
  }

  /** The current top, for `release`. */
  mark(): number {
    return this.top;
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, ptr, length);
  }
  i64(ptr: number, length: number): BigInt64Array {
    return new BigInt64Array(this.exports.memory.buffer, ptr, length);
  }
  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.exports.memory.buffer, ptr, length);
  }
  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer, ptr, length);
  }
}

/** WebAssembly 32-bit memories stop at 4 GiB (65536 pages of 64 KiB). */
const MAX_BYTES = 65536 * 65536;

function align(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

/** Fails with a KernelError naming the kernel when a status is not one of `allowed`. */
export function checkStatus(kernel: string, status: number, allowed: readonly number[] = [0]): number {
  if (!allowed.includes(status)) throw new KernelError(`${kernel}: kernel returned status ${status}`);
  return status;
}
