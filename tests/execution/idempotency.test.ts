// Idempotency keys: every key is checked exactly, whether it is kept as a bit (the manager's
// `<id of this run>:1`) or as a string; the reading of ids is checked against BigInt parsing.
import { describe, it, expect } from 'vitest';
import { EventFactory, IdFactory } from '../../src/events/index.js';
import { IdempotencyKeys } from '../../src/execution/idempotency.js';
import { lcg } from '../helpers/random.js';
import { runScript, flat } from '../engine/script.js';

// the sequence number written in an id, read independently: its 15 hex digits after the 20-character stem
const seqOf = (id: string): number => Number(BigInt(`0x${id.slice(20, 23)}${id.slice(24, 36)}`));
// a copy of a string that is one flat string, not the concatenation it was built as
const flatCopy = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

function ids(runId = 'keys-test', n = 5000): { factory: EventFactory; made: string[] } {
  const f = new IdFactory(runId);
  const made: string[] = [];
  for (let i = 0; i < n; i++) made.push(f.next());
  return { factory: new EventFactory(f, 'execution'), made };
}

describe('IdFactory.sequenceAt', () => {
  it('reads back the sequence number of every id it made, across the 4096-id blocks', () => {
    const { factory, made } = ids();
    made.forEach((id, i) => {
      // ids are numbered from 1
      expect(seqOf(id)).toBe(i + 1);
      expect(factory.idSequence(id, 1 << 24)).toBe(i + 1);
      expect(factory.idSequence(`${id}:1`, 1 << 24)).toBe(i + 1);
    });
  });

  it('reads nothing from a text that is not exactly an id of this run below the limit', () => {
    const { factory, made } = ids('keys-test', 10);
    const id = made[9]!;
    expect(factory.idSequence(id, 10)).toBe(-1);
    expect(factory.idSequence(id, 11)).toBe(10);
    expect(factory.idSequence(id.toUpperCase(), 11)).toBe(-1);
    expect(factory.idSequence(id.slice(0, 35), 11)).toBe(-1);
    expect(factory.idSequence(`${id.slice(0, 23)}x${id.slice(24)}`, 11)).toBe(-1);
    expect(factory.idSequence(`${id.slice(0, 30)}g${id.slice(31)}`, 11)).toBe(-1);
    expect(factory.idSequence(ids('another-run', 10).made[9]!, 11)).toBe(-1);
  });
});

describe('IdempotencyKeys', () => {
  it('refuses a repeated manager key whether it comes as a concatenation or as one flat string', () => {
    const { factory, made } = ids();
    const keys = new IdempotencyKeys(factory);
    for (const id of made) expect(keys.add(`${id}:1`)).toBe(true);
    for (const id of made) expect(keys.add(flatCopy(`${id}:1`))).toBe(false);
    for (const id of made) expect(keys.add(`${id}:1`)).toBe(false);
  });

  it('tells apart keys that differ from a used one in one character, at every position', () => {
    const { factory, made } = ids('keys-test', 3);
    const keys = new IdempotencyKeys(factory);
    const used = `${made[1]!}:1`;
    expect(keys.add(used)).toBe(true);
    for (let i = 0; i < used.length; i++) {
      // a hex digit becomes another hex digit (another id of the run), anything else becomes 'A'
      const c = used[i]!;
      const other = /[0-9a-f]/.test(c) ? (c === 'f' ? 'e' : 'f') : 'A';
      const near = used.slice(0, i) + other + used.slice(i + 1);
      expect(keys.add(near), near).toBe(true);
      expect(keys.add(flatCopy(near)), near).toBe(false);
    }
    expect(keys.add(used.toUpperCase())).toBe(true);
    expect(keys.add(used)).toBe(false);
  });

  it('keeps ids past the bits (sequence 2^24 and more) and other forms exactly, as strings', () => {
    const { factory, made } = ids('keys-test', 1);
    // the id of sequence number 2^24 + 5 (hex 1000005): the run's 20-character stem, 000, -, 12 digits
    const big = `${made[0]!.slice(0, 20)}000-${(2 ** 24 + 5).toString(16).padStart(12, '0')}:1`;
    expect(seqOf(big)).toBe(2 ** 24 + 5);
    expect(factory.idSequence(big, 1 << 24)).toBe(-1);
    const keys = new IdempotencyKeys(factory);
    for (const k of [big, `${made[0]!}:2`, `${made[0]!}:1 `, 'k1', '']) {
      expect(keys.add(k), k).toBe(true);
      expect(keys.add(flatCopy(k)), k).toBe(false);
    }
  });

  it('answers as a set of strings does, over a random mix of new, repeated and near keys', () => {
    const { factory, made } = ids('keys-test', 2000);
    const rnd = lcg(11);
    const keys = new IdempotencyKeys(factory);
    const reference = new Set<string>();
    for (let i = 0; i < 20000; i++) {
      const id = made[Math.floor(rnd() * made.length)]!;
      const r = rnd();
      const k = r < 0.6 ? `${id}:1` : r < 0.8 ? `${id.slice(0, 35)}${'0123456789abcdef'[Math.floor(rnd() * 16)]}:1` : r < 0.9 ? `${id}:${Math.floor(rnd() * 3)}` : `k${Math.floor(rnd() * 500)}`;
      const key = rnd() < 0.5 ? flatCopy(k) : k;
      expect(keys.add(key)).toBe(!reference.has(key));
      reference.add(key);
    }
  });
});

describe('execution refuses a repeated idempotency key', () => {
  it('refuses the manager-form key of a run id sent again as a flat string', () => {
    let key = '';
    const { of } = runScript({
      bars: { AAA: flat(3, 100) },
      script: {
        0: (c) => {
          const intent = c.events('manager').id();
          key = `${intent}:1`;
          c.order({ side: 'buy', quantity: '1', intent_id: intent, idempotency_key: key });
          c.order({ side: 'buy', quantity: '2', intent_id: intent, idempotency_key: flatCopy(key) });
          c.order({ side: 'buy', quantity: '3', intent_id: intent, idempotency_key: `${key.slice(0, 37)}2` });
        },
      },
    });
    expect(of('risk_violation').map((v) => [v.rule, v.reason])).toEqual([['duplicate_order', `idempotency key ${key} was already used; order refused`]]);
    // the first and the third filled at the next bar
    expect(of('fill').map((f) => f.filled_quantity)).toEqual(['1', '3']);
  });
});
