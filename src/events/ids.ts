// Deterministic ids: a run id and a sequence number give the same uuids on every run of the same input.
import { createHash } from 'node:crypto';

/** Makes lowercase RFC 9562 version-8 uuids: 60 bits from the run id's hash, 62 bits of sequence. */
export class IdFactory {
  private readonly prefix: string;
  private readonly variant: string;
  private seq = 0;

  constructor(readonly runId: string) {
    const h = createHash('sha256').update(runId).digest('hex');
    // xxxxxxxx-xxxx-8xxx-Yxxx-xxxxxxxxxxxx: 8 + 4 + 3 hex digits of the hash, Y from the hash (8..b)
    this.prefix = `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(12, 15)}-`;
    this.variant = '89ab'[parseInt(h[15]!, 16) & 3]!;
  }

  /** The next id of this run. */
  next(): string {
    const n = ++this.seq;
    // 15 hex digits of sequence (60 bits): 3 after the variant digit, 12 in the last group
    const hex = n.toString(16).padStart(15, '0');
    return `${this.prefix}${this.variant}${hex.slice(0, 3)}-${hex.slice(3)}`;
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
