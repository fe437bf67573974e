// Deterministic ids: a run id and a sequence number give the same uuids on every run of the same input.
import { createHash } from 'node:crypto';

/** The three hex digits of 0..4095, for the low end of sequence numbers. */
const HEX3: readonly string[] = Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(3, '0'));

/** Makes lowercase RFC 9562 version-8 uuids: 60 bits from the run id's hash, 62 bits of sequence. */
export class IdFactory {
  private readonly prefix: string;
  private readonly variant: string;
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
}

/** A run id derived from the canonical text of a run's inputs (config and data fingerprints). */
export function deriveRunId(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
