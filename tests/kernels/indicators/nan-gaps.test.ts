// Missing bars (NaN in the aligned layout): the bar neither enters the window nor produces a value.
// Checked by equivalence: the output with gaps equals, at the present bars, the output on the
// series with the missing bars removed, and is NaN (signals: 0) at the missing bars.
import { describe, expect, it } from 'vitest';
import { Workspace, INDICATOR_SPECS } from '../../../src/kernels/index.js';
import { addGaps, firstMismatch, paramSets, randomColumns, runSliced, type Columns } from './helpers.js';

const LEN = 500;

/** The columns without the missing bars; a session open on a missing bar moves to the next present bar. */
function compact(cols: Columns, gap: Uint8Array): { cols: Columns; len: number } {
  const keep: number[] = [];
  for (let i = 0; i < gap.length; i++) if (!gap[i]) keep.push(i);
  const out = {} as Columns;
  for (const name of ['open', 'high', 'low', 'close', 'volume', 'a', 'b'] as const) {
    out[name] = Float64Array.from(keep, (i) => cols[name][i]!);
  }
  const session = new Uint8Array(keep.length);
  let pending = 0;
  let j = 0;
  for (let i = 0; i < gap.length; i++) {
    pending |= cols.session[i]!;
    if (!gap[i]) {
      session[j++] = pending;
      pending = 0;
    }
  }
  out.session = session;
  return { cols: out, len: keep.length };
}

describe.each(INDICATOR_SPECS.map((s) => [s.name, s] as const))('%s: a missing bar is skipped', (_name, spec) => {
  it('equals the output on the series without the missing bars; NaN (or 0) at missing bars', () => {
    for (const [q, params] of paramSets(spec, 60).entries()) {
      const cols = randomColumns(300 + q, 1, LEN);
      const gap = addGaps(cols, 400 + q, 0.25);
      const ws = new Workspace('wasm');
      const withGaps = runSliced(ws, spec, params, cols, 1, LEN);
      const c = compact(cols, gap);
      const without = runSliced(ws, spec, params, c.cols, 1, c.len);
      for (const name of spec.outputs) {
        const got = withGaps[name]!;
        const present = Float64Array.from(got.filter((_v, i) => !gap[i]));
        const at = firstMismatch(present, without[name]!);
        expect(at, `${spec.name}.${name} ${JSON.stringify(params)} at present bar ${at}`).toBe(-1);
        const missing = [...got.filter((_v, i) => gap[i])];
        const blank = spec.outputType === 'i32' ? 0 : NaN;
        expect(missing.every((v) => Object.is(v, blank)), `${spec.name}.${name}: value at a missing bar`).toBe(true);
      }
    }
  });
});
