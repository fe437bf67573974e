// The event-driven walk: advance bar by bar over a time slice and stop as soon as an event is due.
import { STATUS_OK, STATUS_BAD_ARGS, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END } from './codes';

/**
 * simulate: walks timeline indices t of a slice of `len` bars for `nsym` symbols and returns
 * at the first event that is due, leaving a cursor so that calling again resumes right after it.
 * Per bar t, in this order:
 *  1. fills: for each symbol with a pending order (book.pending[s] ≠ 0) and a valid open at t,
 *     return EVENT_FILL. Orders made at bar t−1's close therefore fill no earlier than t's open.
 *  2. valuation: marks take each valid close; equity[t] = cash + Σ position·mark.
 *     Fills come first so that the bar's equity includes them.
 *  3. signals: for each symbol with signal[s·len + t] ≠ 0, return EVENT_SIGNAL (after valuation,
 *     so that sizing sees the equity at this close).
 *  4. if dayEnd[t] ≠ 0, return EVENT_DAY_END (a snapshot boundary).
 * Layout: open, close f64[nsym·len] symbol-major; signal i32[nsym·len]; dayEnd u8[len];
 * equity f64[len] (output); book f64[1 + 3·nsym] = [cash, position[nsym], mark[nsym],
 * pending[nsym]] (read and written: the caller books fills and writes cash, positions and
 * pending orders back before resuming); cursor i32[5] = [t, s, phase, eventSymbol, eventT],
 * zeroed at the start of each slice. Returns STATUS_OK when the slice is done.
 * Reference: `simulate` in src/kernels/reference/simulate.ts.
 */
export function simulate(
  open: usize, close: usize, signal: usize, dayEnd: usize,
  equity: usize, book: usize, cursor: usize,
  nsym: i32, len: i32,
): i32 {
  if (nsym < 1 || len < 0) return STATUS_BAD_ARGS;
  const positions = book + 8;
  const marks = positions + (<usize>nsym << 3);
  const pending = marks + (<usize>nsym << 3);
  let t = load<i32>(cursor);
  let s = load<i32>(cursor, 4);
  let phase = load<i32>(cursor, 8);
  while (t < len) {
    if (phase == 0) {
      for (; s < nsym; s++) {
        if (load<f64>(pending + (<usize>s << 3)) != 0) {
          const o = load<f64>(open + ((<usize>s * <usize>len + <usize>t) << 3));
          if (o == o) return yieldEvent(cursor, t, s + 1, 0, s, EVENT_FILL);
        }
      }
      // valuation
      let total = load<f64>(book);
      for (let k = 0; k < nsym; k++) {
        const c = load<f64>(close + ((<usize>k * <usize>len + <usize>t) << 3));
        const m = marks + (<usize>k << 3);
        if (c == c) store<f64>(m, c);
        const q = load<f64>(positions + (<usize>k << 3));
        if (q != 0) total += q * load<f64>(m);
      }
      store<f64>(equity + (<usize>t << 3), total);
      phase = 2;
      s = 0;
    }
    if (phase == 2) {
      for (; s < nsym; s++) {
        if (load<i32>(signal + ((<usize>s * <usize>len + <usize>t) << 2)) != 0) {
          return yieldEvent(cursor, t, s + 1, 2, s, EVENT_SIGNAL);
        }
      }
      phase = 3;
    }
    if (load<u8>(dayEnd + <usize>t) != 0) {
      return yieldEvent(cursor, t + 1, 0, 0, -1, EVENT_DAY_END, t);
    }
    t++;
    s = 0;
    phase = 0;
  }
  store<i32>(cursor, t);
  store<i32>(cursor, 0, 4);
  store<i32>(cursor, 0, 8);
  return STATUS_OK;
}

// Saves where to resume and which bar the event is at; returns the event code.
@inline
function yieldEvent(cursor: usize, t: i32, s: i32, phase: i32, evSym: i32, code: i32, evT: i32 = -1): i32 {
  store<i32>(cursor, t);
  store<i32>(cursor, s, 4);
  store<i32>(cursor, phase, 8);
  store<i32>(cursor, evSym, 12);
  store<i32>(cursor, evT < 0 ? t : evT, 16);
  return code;
}
