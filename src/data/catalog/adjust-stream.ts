// A stream transform that applies a price mode to a symbol's rows: in place on open…volume (the
// `prices` mode), and/or as extra `adj_*` columns beside the raw ones (the `adjusted` mode), so that
// signals can read adjusted prices while fills and the ledger see the prices as traded.
import { adjustTargets, applyVendorFactors, type FactorSchedule, type PriceMode } from '../corporate-actions/adjustment.js';
import type { RowBatch, RowStream } from './row-stream.js';

/** The adjustment source of one symbol: daily factors, or the vendor's per-row factor columns. */
export type AdjustmentSource =
  | { readonly kind: 'schedule'; readonly split?: FactorSchedule; readonly total?: FactorSchedule }
  | { readonly kind: 'vendor' };

/** Names of the adjusted columns added for signals. */
export const ADJUSTED_COLUMNS = ['adj_open', 'adj_high', 'adj_low', 'adj_close', 'adj_volume'] as const;

/** Applies `prices` in place and appends `adj_*` columns in the `adjusted` mode. */
export class AdjustStream implements RowStream {
  readonly columns: readonly string[];
  private readonly base: number;

  constructor(private readonly inner: RowStream, private readonly src: AdjustmentSource, private readonly zone: string, private readonly prices: PriceMode, private readonly adjusted: PriceMode | undefined) {
    this.base = inner.columns.length;
    this.columns = adjusted ? [...inner.columns, ...ADJUSTED_COLUMNS] : inner.columns;
  }

  next(): RowBatch | null {
    const b = this.inner.next();
    if (!b) return null;
    let cols = b.cols;
    if (this.adjusted) {
      const names = this.inner.columns;
      const copies = ['open', 'high', 'low', 'close', 'volume'].map((c) => b.cols[names.indexOf(c)]!.slice(0, b.n));
      const adj: RowBatch = { n: b.n, ts: b.ts, cols: [...copies, ...this.factorCols(b)] };
      this.apply(adj, ['open', 'high', 'low', 'close', 'volume', ...this.factorNames()], this.adjusted);
      cols = [...cols, ...copies];
    }
    const out: RowBatch = { n: b.n, ts: b.ts, cols };
    if (this.prices !== 'raw') this.apply({ n: b.n, ts: b.ts, cols: cols.slice(0, this.base) }, this.inner.columns, this.prices);
    return out;
  }

  close(): void {
    this.inner.close();
  }

  private factorNames(): string[] {
    return this.src.kind === 'vendor' ? ['price_factor', 'volume_factor'] : [];
  }

  private factorCols(b: RowBatch): Float64Array[] {
    return this.factorNames().map((c) => b.cols[this.inner.columns.indexOf(c)]!);
  }

  private apply(b: RowBatch, names: readonly string[], mode: PriceMode): void {
    if (mode === 'raw') return;
    const t = adjustTargets(names);
    if (this.src.kind === 'vendor') {
      applyVendorFactors(b, t, names.indexOf('price_factor'), names.indexOf('volume_factor'), mode);
    } else {
      const s = mode === 'total_return' ? this.src.total : this.src.split;
      s?.apply(b, t, this.zone);
    }
  }
}
