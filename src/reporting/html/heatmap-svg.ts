// The monthly-returns heatmap of report.html as inline SVG, drawn in Node: a row per year, a
// column per month and one for the year, green for gains and red for losses.
import type { PeriodBreakdown } from '../breakdowns.js';
import { esc, formatValue } from './format.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LABEL_W = 48, CELL_W = 58, YEAR_W = 66, ROW_H = 26, HEAD_H = 22;

/** Fill colour of a return: white blended towards green (gain) or red (loss) by |value| / scale. */
export function heatColour(value: number | null, scale: number): string {
  if (value === null) return '#f1f3f5';
  const t = Math.min(1, Math.abs(value) / scale);
  const [r, g, b] = value >= 0 ? [26, 152, 80] : [215, 48, 39];
  const mix = (c: number): number => Math.round(255 + (c - 255) * t);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

function cell(x: number, y: number, w: number, attr: string, period: string, value: number | null, scale: number): string {
  const t = value === null ? 0 : Math.min(1, Math.abs(value) / scale);
  const text = value === null ? '' : formatValue(value, 'pct').replace(/(\.\d)\d%$/, '$1%');
  const ink = t > 0.6 ? '#fff' : '#212529';
  return `<g><rect x="${x}" y="${y}" width="${w - 2}" height="${ROW_H - 2}" rx="2" fill="${heatColour(value, scale)}" data-${attr}="${esc(period)}" data-value="${value === null ? 'null' : String(value)}"><title>${esc(period)}: ${esc(formatValue(value, 'pct'))}</title></rect>`
    + `<text x="${x + (w - 2) / 2}" y="${y + ROW_H / 2 + 2}" fill="${ink}">${esc(text)}</text></g>`;
}

/**
 * The heatmap of monthly returns (and each year's return in the last column), scaled to the
 * largest monthly |return|. Empty months (before the first or after the last day) are grey.
 */
export function monthlyHeatmapSvg(months: readonly PeriodBreakdown[], years: readonly PeriodBreakdown[]): string {
  const yearKeys = years.map((y) => y.period);
  let scale = 0.001;
  for (const m of months) if (m.return !== null) scale = Math.max(scale, Math.abs(m.return));
  const byMonth = new Map(months.map((m) => [m.period, m.return] as const));
  const width = LABEL_W + 12 * CELL_W + YEAR_W;
  const height = HEAD_H + yearKeys.length * ROW_H;
  const parts: string[] = [];
  parts.push(`<svg class="heatmap" data-chart="monthly" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Monthly returns">`);
  parts.push('<g class="head">');
  MONTHS.forEach((m, k) => parts.push(`<text x="${LABEL_W + k * CELL_W + (CELL_W - 2) / 2}" y="15">${m}</text>`));
  parts.push(`<text x="${LABEL_W + 12 * CELL_W + (YEAR_W - 2) / 2}" y="15">Year</text></g>`);
  yearKeys.forEach((year, row) => {
    const y = HEAD_H + row * ROW_H;
    parts.push(`<text class="year" x="${LABEL_W - 8}" y="${y + ROW_H / 2 + 2}">${esc(year)}</text>`);
    for (let k = 0; k < 12; k++) {
      const key = `${year}-${String(k + 1).padStart(2, '0')}`;
      parts.push(cell(LABEL_W + k * CELL_W, y, CELL_W, 'month', key, byMonth.has(key) ? byMonth.get(key)! : null, scale));
    }
    parts.push(cell(LABEL_W + 12 * CELL_W, y, YEAR_W, 'year', year, years[row]!.return, Math.max(scale, Math.abs(years[row]!.return ?? 0))));
  });
  parts.push('</svg>');
  return parts.join('');
}
