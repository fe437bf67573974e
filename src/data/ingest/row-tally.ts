// What happens to bad input: an error naming file, line and column (the default), or, with the
// `skip` policy, the row is dropped and counted under a stable reason code, so no row goes uncounted.
import { dataErrorAt } from '../../model/errors.js';

/** Why a row (or a whole file's rows) was not written; stable codes used in manifests and summaries. */
export const REJECT_REASONS = [
  'bad-header', 'field-count', 'bad-number', 'nan', 'missing-value', 'bad-date', 'bad-time',
  'non-positive-price', 'negative-volume', 'high-below-low', 'price-outside-range',
  'duplicate-timestamp', 'out-of-order', 'overlapping-source', 'truncated-file', 'empty-file', 'unreadable-file',
] as const;

/** One of {@link REJECT_REASONS}. */
export type RejectReason = (typeof REJECT_REASONS)[number];

/** `error` stops at the first bad row; `skip` drops and counts it. */
export type BadRowPolicy = 'error' | 'skip';

/** Rows read, written and skipped (per reason). Invariant once settled: read = written + Σ skipped. */
export class RowTally {
  read = 0;
  written = 0;
  readonly skipped = new Map<RejectReason, number>();

  /** Counts `n` rows skipped for `reason`. */
  skip(reason: RejectReason, n = 1): void {
    if (n > 0) this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + n);
  }

  /** Total rows skipped. */
  get skippedTotal(): number {
    let t = 0;
    for (const v of this.skipped.values()) t += v;
    return t;
  }

  /** Adds another tally into this one. */
  add(other: RowTally): void {
    this.read += other.read;
    this.written += other.written;
    for (const [r, n] of other.skipped) this.skip(r, n);
  }

  /** Skipped counts as a plain object with reasons in {@link REJECT_REASONS} order (stable JSON). */
  skippedObject(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of REJECT_REASONS) {
      const n = this.skipped.get(r);
      if (n) out[r] = n;
    }
    return out;
  }
}

/**
 * Applies the bad-row policy for one file: {@link BadRows.reject} throws a DataError naming
 * `file:line (column)` under `error`, or counts the row under `skip`.
 */
export class BadRows {
  /** The first file-level problem (a rejection of 0 rows: empty file, bad header), if any. */
  fileProblem: RejectReason | undefined;
  /** The message of the first rejection, for summaries. */
  firstMessage: string | undefined;

  constructor(readonly file: string, readonly policy: BadRowPolicy, readonly tally: RowTally) {}

  /**
   * Rejects one row, or `n` rows (0 for a problem of the whole file); returns normally only under
   * `skip`. The message says what was expected; the error names `file:line (column)`.
   */
  reject(line: number | undefined, column: string | number | undefined, reason: RejectReason, message: string, n = 1): void {
    if (this.policy === 'error') throw dataErrorAt(this.file, line, column, message);
    if (n === 0) this.fileProblem ??= reason;
    this.firstMessage ??= dataErrorAt(this.file, line, column, message).message;
    this.tally.skip(reason, n);
  }
}
