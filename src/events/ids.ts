// Deterministic ids: a run id and a sequence number give the same uuids on every run of the same input.
import { createHash } from 'node:crypto';

/** The three hex digits of 0..4095, for the low end of sequence numbers. */
const HEX3: readonly string[] = Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(3, '0'));

/** Makes lowercase RFC 9562 version-8 uuids: 60 bits from the run id's hash, 62 bits of sequence. */
export class IdFactory {
  private readonly prefix: string;
  private readonly variant: string;
  /** What every id of this run starts with: `prefix` and the variant digit (20 characters). */
  private readonly stem: string;
  private seq = 0;
  // ids are made for every event: all but the last three hex digits change once per 4,096 ids, so
  // that part is formatted once per block and the last three come from a table
  private block = -1;
  private head = '';

  constructor(readonly runId: string) {
    const h = createHash('sha256').update(runId).digest('hex');
    // xxxxxxxx-xxxx-8xxx-Yxxx-xxxxxxxxxxxx: 8 + 4 + 3 hex digits of the hash, Y from the hash (8..b)
    this.prefix = `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(12, 15)}-`;
    this.variant = '89ab'[parseInt(h[15]!, 16) & 3]!;
    this.stem = this.prefix + this.variant;
  }

  /** The next id of this run. */
  next(): string {
    const n = ++this.seq;
    const block = Math.floor(n / 4096);
    if (block !== this.block) {
      // 15 hex digits of sequence (60 bits): 3 after the variant digit, 12 in the last group
      const hex = n.toString(16).padStart(15, '0');
      this.head = `${this.prefix}${this.variant}${hex.slice(0, 3)}-${hex.slice(3, 12)}`;
      this.block = block;
    }
    return this.head + HEX3[n & 4095]!;
  }

  /** How many ids were made. */
  get issued(): number {
    return this.seq;
  }

  /**
   * The sequence number of the id written in `text`'s first 36 characters when they are exactly an
   * id of this run as {@link next} writes it (lowercase hex) and the number is below `limit` (at most
   * 2^32), else −1. Different texts never give the same number: a text is read only in that one form.
   */
  sequenceAt(text: string, limit: number): number {
    // (the stem's 20 characters are compared one by one: no substring is made)
    const stem = this.stem;
    if (text.length < 36 || text.charCodeAt(23) !== 45) return -1;
    for (let i = 0; i < 20; i++) if (text.charCodeAt(i) !== stem.charCodeAt(i)) return -1;
    let n = 0;
    for (let i = 20; i < 36; i++) {
      if (i === 23) continue;
      const c = text.charCodeAt(i);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
      // n stays below 2^36 here, so every step is exact in a float
      if (d < 0 || (n = n * 16 + d) >= limit) return -1;
    }
    return n;
  }
}

/** A run id derived from the canonical text of a run's inputs (config and data fingerprints). */
export function deriveRunId(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
