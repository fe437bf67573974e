// Price modes: raw (as traded), split-adjusted and total-return adjusted, back-adjusted to the last
// date of the factors. From Algoseek daily factors: total return raw × CPF_t / CPF_last, split only
// raw × CVF_t / CVF_last, volume × CVF_last / CVF_t; from the adjusted minute files' own columns:
// round(PriceAdjFactor × raw, 4) and round(raw ÷ VolumeAdjFactor) as Algoseek defines them.
import { zoneOffsets } from '../calendar.js';
import { DAY_MS } from '../../model/civil-date.js';
import { int64Words, readMs } from '../int64-ns.js';
import type { RowBatch } from '../catalog/row-stream.js';

/** How prices are presented: as traded, adjusted for splits, or for splits and dividends. */
export type PriceMode = 'raw' | 'split_adjusted' | 'total_return';

/** Price modes, in the order the config lists them. */
export const PRICE_MODES: readonly PriceMode[] = ['raw', 'split_adjusted', 'total_return'];

const PRICE_COLUMNS = new Set(['open', 'high', 'low', 'close', 'vwap', 'daily_vwap', 'adj_close']);

/** Column positions a schedule multiplies: prices and volumes. */
export interface AdjustTargets {
  readonly prices: readonly number[];
  readonly volumes: readonly number[];
}

/** Which of `columns` are prices (open, high, low, close, vwap) and volumes (volume) to adjust. */
export function adjustTargets(columns: readonly string[]): AdjustTargets {
  const prices: number[] = [];
  const volumes: number[] = [];
  columns.forEach((c, i) => {
    if (PRICE_COLUMNS.has(c)) prices.push(i);
    else if (c === 'volume') volumes.push(i);
  });
  return { prices, volumes };
}

/** Multipliers by local trade date: a step function over sorted day numbers. */
export class FactorSchedule {
  constructor(readonly days: Int32Array, readonly price: Float64Array, readonly volume: Float64Array) {}

  /**
   * From daily cumulative factors (one row per trade date, in order). Before the first date the first
   * row's multipliers apply (no earlier events known); dates between rows take the last row before them.
   */
  static fromCumulative(days: Int32Array, cpf: Float64Array, cvf: Float64Array, mode: Exclude<PriceMode, 'raw'>): FactorSchedule {
    const n = days.length;
    const price = new Float64Array(n);
    const volume = new Float64Array(n);
    const lastP = cpf[n - 1]!;
    const lastV = cvf[n - 1]!;
    for (let i = 0; i < n; i++) {
      price[i] = mode === 'total_return' ? cpf[i]! / lastP : cvf[i]! / lastV;
      volume[i] = lastV / cvf[i]!;
    }
    return new FactorSchedule(days, price, volume);
  }

  /** Index of the schedule row that applies to `day`. */
  indexOf(day: number): number {
    const d = this.days;
    let a = 0;
    let b = d.length - 1;
    if (day <= d[0]!) return 0;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (d[m]! <= day) a = m;
      else b = m - 1;
    }
    return a;
  }

  /** Multiplies the batch's price and volume columns in place by the multipliers of each row's local date. */
  apply(batch: RowBatch, t: AdjustTargets, zone: string): void {
    if (this.days.length === 0 || batch.n === 0) return;
    const w = int64Words(batch.ts);
    const table = zoneOffsets(zone);
    let day = NaN;
    let p = 1;
    let v = 1;
    for (let i = 0; i < batch.n; i++) {
      const ms = readMs(w, i);
      const d = Math.floor((ms + table.offsetAt(ms)) / DAY_MS);
      if (d !== day) {
        day = d;
        const k = this.indexOf(d);
        p = this.price[k]!;
        v = this.volume[k]!;
      }
      for (const c of t.prices) batch.cols[c]![i]! *= p;
      for (const c of t.volumes) batch.cols[c]![i]! *= v;
    }
  }
}

/**
 * Applies the per-row factors of Algoseek's adjusted minute files: total return price round(pf × raw, 4),
 * split-adjusted price raw × vf (the volume factor is the cumulative split factor), volume round(raw ÷ vf).
 */
export function applyVendorFactors(batch: RowBatch, t: AdjustTargets, pfCol: number, vfCol: number, mode: Exclude<PriceMode, 'raw'>): void {
  const pf = batch.cols[pfCol]!;
  const vf = batch.cols[vfCol]!;
  for (let i = 0; i < batch.n; i++) {
    const mp = mode === 'total_return' ? pf[i]! : vf[i]!;
    for (const c of t.prices) {
      const x = batch.cols[c]![i]! * mp;
      batch.cols[c]![i] = mode === 'total_return' ? Math.round(x * 1e4) / 1e4 : x;
    }
    for (const c of t.volumes) batch.cols[c]![i] = Math.round(batch.cols[c]![i]! / vf[i]!);
  }
}
