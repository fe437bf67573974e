// Formatting of numbers and text for report.html: percentages, ratios, money, durations, and HTML
// escaping. The same value always gives the same text (no locale or clock dependence).

/** How a number is shown. */
export type ValueKind = 'pct' | 'num' | 'int' | 'money' | 'days' | 'duration';

const ESCAPED = /[&<>"']/;

/** Escapes text for HTML content and attribute values. */
export function esc(s: string): string {
  // most text has nothing to escape: one scan instead of a replace
  if (!ESCAPED.test(s)) return s;
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Thousands separators on the integer part of a fixed-point text ("-1234567.89" → "-1,234,567.89"). */
function group(fixed: string): string {
  const neg = fixed.startsWith('-');
  const [int, frac] = (neg ? fixed.slice(1) : fixed).split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

/** Rounds half away from zero to `d` decimals as text, without "-0". */
function fixed(x: number, d: number): string {
  const s = x.toFixed(d);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** A duration in seconds as days, hours, minutes or seconds ("2d 3h", "3h 05m", "12m", "45s"), to the minute above a minute. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.round(seconds / 60);
  const d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), mm = m % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(mm).padStart(2, '0')}m`;
  return `${mm}m`;
}

/** A number as the page shows it; null is "n/a". Percentages and ratios to 2 decimals, money with separators. */
export function formatValue(x: number | null, kind: ValueKind): string {
  if (x === null) return 'n/a';
  switch (kind) {
    case 'pct': return `${fixed(x * 100, 2)}%`;
    case 'num': return fixed(x, 2);
    case 'int': return group(String(Math.round(x)));
    case 'money': return group(fixed(x, 2));
    case 'days': return `${group(String(Math.round(x)))} d`;
    case 'duration': return duration(x);
  }
}

/** A decimal string of money as the page shows it (2 decimals, separators). */
export function formatMoney(dec: string): string {
  return formatValue(Number(dec), 'money');
}

/** CSS class of a signed value: "pos", "neg" or "". */
export function signClass(x: number | null): string {
  return x === null || x === 0 ? '' : x > 0 ? 'pos' : 'neg';
}

/**
 * An element showing a number with what a test (or a reader's script) needs to check it:
 * `data-<attr>` names the field, `data-value` holds the exact JSON value from run.json, `data-kind` the format.
 */
export function valueSpan(attr: string, name: string, x: number | null, kind: ValueKind, signed = false): string {
  const cls = signed ? ` ${signClass(x)}` : '';
  return `<span class="v${cls}" data-${attr}="${esc(name)}" data-kind="${kind}" data-value="${x === null ? 'null' : String(x)}">${esc(formatValue(x, kind))}</span>`;
}
