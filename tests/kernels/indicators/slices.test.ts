// Time slices: computing slice by slice with carried state gives exactly the whole-array result.
import { describe, expect, it } from 'vitest';
import { Workspace, INDICATOR_SPECS } from '../../../src/kernels/index.js';
import { addGaps, firstMismatch, paramSets, randomColumns, randomCuts, runSliced } from './helpers.js';

const NSYM = 7;
const LEN = 300;

describe.each(INDICATOR_SPECS.map((s) => [s.name, s] as const))('%s: slice by slice equals whole array', (_name, spec) => {
  it.each([['wasm'], ['js']] as const)('%s engine, random cuts, with and without NaN gaps', (engine) => {
    for (const [q, params] of paramSets(spec, 40).entries()) {
      for (const gaps of [0, 0.2]) {
        const cols = randomColumns(100 + q, NSYM, LEN);
        if (gaps) addGaps(cols, 200 + q, gaps);
        const ws = new Workspace(engine);
        const whole = runSliced(ws, spec, params, cols, NSYM, LEN);
        for (const seed of [1, 2, 3]) {
          const cuts = randomCuts(seed * 7 + q, LEN, seed * 12);
          const sliced = runSliced(ws, spec, params, cols, NSYM, LEN, cuts);
          for (const name of spec.outputs) {
            const at = firstMismatch(sliced[name]!, whole[name]!);
            expect(at, `${spec.name}.${name} ${JSON.stringify(params)} cuts ${cuts.join(',')}`).toBe(-1);
          }
        }
      }
    }
  });
});
