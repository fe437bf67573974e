// The validation rules every bar source shares (CSV, Parquet, Arrow), as one cheap check returning
// a code and one function that turns a code into the column at fault and a message saying the fix.

/** The six required bar columns, in their canonical order. */
export const BAR_COLUMNS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Codes returned by {@link checkBar}; 0 means the bar is valid. */
export const BarProblem = {
  ok: 0,
  open: 1,
  high: 2,
  low: 3,
  close: 4,
  volume: 5,
  highBelowLow: 6,
  highBelowOpen: 7,
  highBelowClose: 8,
  lowAboveOpen: 9,
  lowAboveClose: 10,
} as const;

/**
 * Checks one bar: prices positive and finite, volume finite and not negative, low ≤ open, close ≤ high.
 * Returns a {@link BarProblem} code (0 when valid). NaN fails every comparison, so it is caught too.
 */
export function checkBar(o: number, h: number, l: number, c: number, v: number): number {
  if (!(o > 0 && o < Infinity)) return BarProblem.open;
  if (!(h > 0 && h < Infinity)) return BarProblem.high;
  if (!(l > 0 && l < Infinity)) return BarProblem.low;
  if (!(c > 0 && c < Infinity)) return BarProblem.close;
  if (!(v >= 0 && v < Infinity)) return BarProblem.volume;
  if (h < l) return BarProblem.highBelowLow;
  if (h < o) return BarProblem.highBelowOpen;
  if (h < c) return BarProblem.highBelowClose;
  if (l > o) return BarProblem.lowAboveOpen;
  if (l > c) return BarProblem.lowAboveClose;
  return BarProblem.ok;
}

/** Where a {@link checkBar} failure lies and what to say about it. */
export interface BarProblemReport {
  readonly column: string;
  readonly message: string;
}

function badValue(column: string, x: number, positive: boolean): BarProblemReport {
  const want = positive ? 'a positive finite price' : 'a finite volume of 0 or more';
  if (Number.isNaN(x)) return { column, message: `${column} is NaN; expected ${want}` };
  if (!Number.isFinite(x)) return { column, message: `${column} is ${x}; expected ${want}` };
  const what = positive ? 'must be positive' : 'must not be negative';
  return { column, message: `${column} ${what}; got ${x}` };
}

/** Describes a non-zero {@link checkBar} code for the bar it was computed from. */
export function describeBarProblem(code: number, o: number, h: number, l: number, c: number, v: number): BarProblemReport {
  switch (code) {
    case BarProblem.open: return badValue('open', o, true);
    case BarProblem.high: return badValue('high', h, true);
    case BarProblem.low: return badValue('low', l, true);
    case BarProblem.close: return badValue('close', c, true);
    case BarProblem.volume: return badValue('volume', v, false);
    case BarProblem.highBelowLow: return { column: 'high', message: `high ${h} is below low ${l}; expected low ≤ high` };
    case BarProblem.highBelowOpen: return { column: 'high', message: `high ${h} is below open ${o}; expected high ≥ max(open, close)` };
    case BarProblem.highBelowClose: return { column: 'high', message: `high ${h} is below close ${c}; expected high ≥ max(open, close)` };
    case BarProblem.lowAboveOpen: return { column: 'low', message: `low ${l} is above open ${o}; expected low ≤ min(open, close)` };
    case BarProblem.lowAboveClose: return { column: 'low', message: `low ${l} is above close ${c}; expected low ≤ min(open, close)` };
    default: return { column: 'timestamp', message: `unknown bar problem ${code}` };
  }
}
