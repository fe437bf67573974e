// The ledger's balances are ExactSums: each must give, after any sequence of additions, the value,
// text and float that the same chain of decimal.js operations (addDec / subDec) gives, both while it
// sums scaled integers and after it has moved to decimal.js. Trades reuse a fill's texts only when
// they are in decStr's form (isCanonical).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ExactSum } from '../../src/ledger/exact-sum.js';
import { Decimal, addDec, decStr, isCanonical, scaledText, subDec } from '../../src/model/index.js';

// decimal texts: mostly money-like (cents, shares, 12-place pro-rated parts), some too long for the
// scaled integers (up to 22 integer digits, 20 decimals), some zero
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const decimalText = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99 })).map(([neg, i, c]) => `${neg ? '-' : ''}${i}.${String(c).padStart(2, '0')}`) },
  { weight: 2, arbitrary: fc.tuple(fc.boolean(), digits(1, 6), digits(0, 12)).map(([neg, i, f]) => `${neg ? '-' : ''}${i}${f ? `.${f}` : ''}`) },
  { weight: 1, arbitrary: fc.tuple(fc.boolean(), digits(1, 22), digits(0, 20)).map(([neg, i, f]) => `${neg ? '-' : ''}${i}${f ? `.${f}` : ''}`) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-0', '0.000', '1e-7', '9007199254740991', '-9007199254740991', '0.000000000000001') },
);

type Op = { kind: 'add' | 'sub' | 'set'; x: string } | { kind: 'diff'; a: string; b: string } | { kind: 'sum'; xs: string[] };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('add' as const, 'sub' as const), x: decimalText }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), x: decimalText }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('diff' as const), a: decimalText, b: decimalText }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sum' as const), xs: fc.array(decimalText, { maxLength: 4 }) }) },
);

// the reference: the decimal.js chain the ledger ran before (addDec and subDec skip zero terms)
function reference(start: string, ops: Op[]): Decimal {
  let v = new Decimal(start);
  for (const o of ops) {
    if (o.kind === 'add') v = addDec(v, new Decimal(o.x));
    else if (o.kind === 'sub') v = subDec(v, new Decimal(o.x));
    else if (o.kind === 'set') v = new Decimal(o.x);
    else if (o.kind === 'diff') v = addDec(v, subDec(new Decimal(o.a), new Decimal(o.b)));
    else if (o.kind === 'sum') {
      let t = new Decimal(0);
      for (const x of o.xs) t = addDec(t, new Decimal(x));
      v = addDec(v, t);
    }
  }
  return v;
}

function run(start: string, ops: Op[]): ExactSum {
  const s = new ExactSum(new Decimal(start));
  for (const o of ops) {
    if (o.kind === 'add') s.add(new Decimal(o.x));
    else if (o.kind === 'sub') s.sub(new Decimal(o.x));
    else if (o.kind === 'set') s.set(new Decimal(o.x));
    else if (o.kind === 'diff') s.addDiff(new Decimal(o.a), new Decimal(o.b));
    else if (o.kind === 'sum') {
      const t = new ExactSum();
      for (const x of o.xs) t.add(new Decimal(x));
      s.addSum(t);
    }
  }
  return s;
}

describe('ExactSum', () => {
  it('gives the value, text and float of the decimal.js chain for any sequence of additions (fast-check)', () => {
    fc.assert(fc.property(decimalText, fc.array(op, { maxLength: 30 }), (start, ops) => {
      const want = reference(start, ops);
      const got = run(start, ops);
      expect(got.value().eq(want)).toBe(true);
      expect(got.text()).toBe(decStr(want));
      expect(decStr(got.value())).toBe(decStr(want));
      expect(Object.is(got.toNumber(), want.toNumber())).toBe(true);
      expect(got.isZero()).toBe(want.isZero());
    }), { numRuns: 3000, seed: 7 });
  });

  it('gives decimal.js\'s float for any value it holds as a scaled integer (10^5 random values)', () => {
    // m × 10^−k for safe m and k ≤ 15: the division must round as decimal.js's string conversion does
    fc.assert(fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 15 }), (m, k) => {
      const text = scaledText(m, k);
      const s = new ExactSum(new Decimal(text));
      expect(Object.is(s.toNumber(), new Decimal(text).toNumber())).toBe(true);
    }), { numRuns: 100_000, seed: 11 });
  });

  it('writes m × 10^−k as decStr does', () => {
    fc.assert(fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 15 }), (m, k) => {
      expect(scaledText(m, k)).toBe(decStr(new Decimal(m).div(new Decimal(10).pow(k))));
    }), { numRuns: 20_000, seed: 13 });
  });

  it('moves to decimal.js past 2^53 and stays exact there', () => {
    const s = new ExactSum(new Decimal('9007199254740991'));
    s.add(new Decimal(1));
    // 2^53 − 1 + 1 = 2^53 = 9007199254740992, which a float sum would also give; one more shows exactness
    s.add(new Decimal(1));
    expect(s.text()).toBe('9007199254740993');
    s.sub(new Decimal('9007199254740993'));
    expect(s.value().isZero()).toBe(true);
    expect(s.text()).toBe('0');
  });

  it('keeps a negative zero as decimal.js has it, and returns the decimal it was set to', () => {
    const negZero = new Decimal('-0');
    const s = new ExactSum(negZero);
    expect(s.value()).toBe(negZero);
    expect(Object.is(s.toNumber(), -0)).toBe(true);
    // 0.5 − 0.5: decimal.js gives +0
    const t = new ExactSum(new Decimal('0.5')).sub(new Decimal('0.5'));
    expect(Object.is(t.toNumber(), 0)).toBe(true);
    expect(t.value().isNegative()).toBe(false);
  });

  it('gives the decimal.js values when the same decimal objects are added again, to several sums in turn (fast-check)', () => {
    // the ledger adds one commission object to three sums in a row: a term read again must read as it
    // did, whatever was read in between (each text is parsed once, so repeated texts are one object)
    fc.assert(fc.property(fc.array(decimalText, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(fc.nat(), fc.nat(2), fc.nat(), fc.boolean()), { maxLength: 40 }), (pool, steps) => {
      const decs = pool.map((x) => new Decimal(x));
      const sums = [new ExactSum(), new ExactSum(), new ExactSum()];
      const want = [new Decimal(0), new Decimal(0), new Decimal(0)];
      for (const [i, which, j, diff] of steps) {
        const x = decs[i % decs.length]!, y = decs[j % decs.length]!;
        if (diff) {
          sums[which]!.addDiff(x, y);
          want[which] = addDec(want[which]!, subDec(x, y));
        } else {
          sums[which]!.sub(x);
          want[which] = subDec(want[which]!, x);
        }
      }
      for (let k = 0; k < 3; k++) expect(sums[k]!.text()).toBe(decStr(want[k]!));
    }), { numRuns: 3000, seed: 17 });
  });

  it('gives the same decimal object while the value does not change', () => {
    const s = new ExactSum(new Decimal('100.25'));
    const v = s.value();
    s.add(new Decimal(0));
    expect(s.value()).toBe(v);
    s.add(new Decimal('0.75'));
    expect(s.value()).not.toBe(v);
    expect(s.text()).toBe('101');
  });
});

describe('isCanonical', () => {
  it('accepts exactly the texts decStr writes of their own values (fast-check)', () => {
    const text = fc.tuple(fc.constantFrom('', '-'), digits(1, 4), fc.option(digits(0, 4), { nil: undefined }))
      .map(([sign, i, f]) => `${sign}${i}${f !== undefined ? `.${f}` : ''}`);
    fc.assert(fc.property(text, (s) => {
      const valid = /^-?\d+(\.\d+)?$/.test(s);
      expect(isCanonical(s)).toBe(valid && decStr(new Decimal(s)) === s);
    }), { numRuns: 20_000, seed: 17 });
  });

  it('refuses the forms decStr never writes', () => {
    for (const s of ['-0', '00', '01.5', '1.50', '1.', '.5', '', '-', '1e5', '+1', '1.0']) expect(isCanonical(s), s).toBe(false);
    for (const s of ['0', '-0.5', '10.01', '100', '0.000001', '-12']) expect(isCanonical(s), s).toBe(true);
  });
});
