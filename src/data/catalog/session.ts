// Trading-session filters on wall-clock time in the exchange zone: the regular US session is
// 09:30–16:00 (bars stamped from 09:30:00 up to, not including, 16:00:00), following the NYSE
// calendar in New York time (no session on holidays, 13:00 close on early-close days);
// `extended` keeps every row.
import { zoneOffsets, inNyseRegularSession } from '../calendar.js';
import { DAY_MS } from '../../model/civil-date.js';
import { int64Words, readMs } from '../int64-ns.js';
import type { RowBatch } from './row-stream.js';

/** Which rows a run sees: the regular session only, or everything the data has (pre- and post-market). */
export type Session = 'regular' | 'extended';

/** Start and end (exclusive) of the regular session in ms after local midnight. */
export const REGULAR_SESSION_MS: readonly [number, number] = [(9 * 60 + 30) * 60_000, 16 * 3_600_000];

/**
 * Keeps the rows of the regular session, compacting the batch in place. In America/New_York with
 * the default hours the NYSE calendar decides (src/data/market-calendar.ts: holidays have no
 * session, early closes end at 13:00); in other zones, or with explicit hours, every day keeps
 * [from, to) of local time.
 */
export function keepSession(b: RowBatch, zone: string, hours?: readonly [number, number]): RowBatch {
  const nyse = hours === undefined && zone === 'America/New_York';
  const [from, to] = hours ?? REGULAR_SESSION_MS;
  const n = b.n;
  if (n === 0) return b;
  const w = int64Words(b.ts);
  const table = zoneOffsets(zone);
  table.ensure(readMs(w, 0), readMs(w, n - 1));
  let k = 0;
  for (let i = 0; i < n; i++) {
    const ms = readMs(w, i);
    const local = ms + table.offsetAt(ms);
    const tod = local - Math.floor(local / DAY_MS) * DAY_MS;
    if (nyse ? !inNyseRegularSession(local) : tod < from || tod >= to) continue;
    if (k !== i) {
      w[2 * k] = w[2 * i]!;
      w[2 * k + 1] = w[2 * i + 1]!;
      for (const c of b.cols) c[k] = c[i]!;
    }
    k++;
  }
  return k === n ? b : { n: k, ts: b.ts.subarray(0, k), cols: b.cols.map((c) => c.subarray(0, k)) };
}
