// The idempotency keys execution has accepted in a run: a repeated key is refused, whatever its form.
// The keys the manager makes (`<an id of this run>:1`) are kept as one bit per id sequence number.

/** Reads the sequence number of an id of this run at the start of a text (see EventFactory.idSequence). */
export interface IdReader {
  idSequence(text: string, limit: number): number;
}

/** Sequence numbers below this are kept as bits (a bitset of at most 2^24 / 8 = 2 MiB). */
const LIMIT = 1 << 24;

/**
 * Remembers keys and tells a new key from a repeated one, exactly for any string. A key that is
 * exactly an id of this run followed by `:1` (the form the manager writes, one per signal) stands
 * for its id's sequence number n, and different such keys have different numbers: those with
 * n < 2^24 are a bit each, not a string to hash and hold for the rest of the run. Every other key
 * is kept in a set of strings. A key belongs to one of the two by its text alone, so a repeat is
 * always looked up where its first use was recorded.
 */
export class IdempotencyKeys {
  private bits = new Int32Array(1024);
  private readonly others = new Set<string>();

  constructor(private readonly ids: IdReader) {}

  /** Records `key`; false when it was recorded before. */
  add(key: string): boolean {
    // 36 characters of id, then ":1" (58, 49)
    if (key.length === 38 && key.charCodeAt(37) === 49 && key.charCodeAt(36) === 58) {
      const n = this.ids.idSequence(key, LIMIT);
      if (n >= 0) return this.mark(n);
    }
    const known = this.others.size;
    this.others.add(key);
    return this.others.size !== known;
  }

  // sets bit n; false when it was set
  private mark(n: number): boolean {
    const word = n >>> 5, bit = 1 << (n & 31);
    if (word >= this.bits.length) {
      const grown = new Int32Array(Math.max(this.bits.length * 2, word + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    if ((this.bits[word]! & bit) !== 0) return false;
    this.bits[word]! |= bit;
    return true;
  }
}
