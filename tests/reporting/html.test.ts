// Unit tests of report.html's pieces: number formats, the heatmap, downsampling, rolling Sharpe,
// the histogram, and the page itself (self-contained, escaped, deterministic).
import { describe, expect, it } from 'vitest';
import { duration, esc, formatValue, valueSpan } from '../../src/reporting/html/format.js';
import { heatColour, monthlyHeatmapSvg } from '../../src/reporting/html/heatmap-svg.js';
import { chartData, histogram, rollingSharpe } from '../../src/reporting/html/chart-data.js';
import { minMaxIndices, pick } from '../../src/reporting/downsample.js';
import { renderReportHtml } from '../../src/reporting/html/report-html.js';
import { analyzeRun } from '../../src/reporting/run-result.js';
import { dailySeries } from '../../src/reporting/run-analysis.js';
import { handResults, OPTIONS } from './fixtures.js';

describe('number formats', () => {
  it('formats each kind', () => {
    expect(formatValue(0.123456, 'pct')).toBe('12.35%');
    expect(formatValue(-0.00001, 'pct')).toBe('0.00%'); // no "-0.00%"
    expect(formatValue(1.005e-3, 'num')).toBe('0.00');
    expect(formatValue(-2.5, 'num')).toBe('-2.50');
    expect(formatValue(1234567, 'int')).toBe('1,234,567');
    expect(formatValue(-1234567.891, 'money')).toBe('-1,234,567.89');
    expect(formatValue(999.999, 'money')).toBe('1,000.00');
    expect(formatValue(1200, 'days')).toBe('1,200 d');
    expect(formatValue(null, 'pct')).toBe('n/a');
  });

  it('formats durations to the minute', () => {
    expect(duration(45)).toBe('45s');
    expect(duration(12 * 60 + 20)).toBe('12m');
    expect(duration(3 * 3600 + 5 * 60)).toBe('3h 05m');
    expect(duration(2 * 86_400 + 3 * 3600 + 59)).toBe('2d 3h');
    expect(formatValue(90, 'duration')).toBe('2m');
  });

  it('escapes text and carries the exact value in data attributes', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(esc('plain text, 1 + 2 = 3; é')).toBe('plain text, 1 + 2 = 3; é');
    expect(['&', '<', '>', '"', "'"].map((c) => esc(`x${c}`))).toEqual(['x&amp;', 'x&lt;', 'x&gt;', 'x&quot;', 'x&#39;']);
    expect(valueSpan('metric', 'sharpe', 1.23456, 'num', true)).toBe('<span class="v pos" data-metric="sharpe" data-kind="num" data-value="1.23456">1.23</span>');
    expect(valueSpan('metric', 'beta', null, 'num')).toContain('data-value="null">n/a<');
  });
});

describe('monthly heatmap', () => {
  it('blends white towards green or red by |return| / scale, grey when empty', () => {
    expect(heatColour(0, 0.1)).toBe('rgb(255,255,255)');
    expect(heatColour(0.1, 0.1)).toBe('rgb(26,152,80)');
    expect(heatColour(-0.2, 0.1)).toBe('rgb(215,48,39)'); // clamped at full colour
    expect(heatColour(null, 0.1)).toBe('#f1f3f5');
  });

  it('draws 12 month cells and a year cell per year', () => {
    const { result } = analyzeRun(handResults());
    const svg = monthlyHeatmapSvg(result.breakdowns.by_month, result.breakdowns.by_year);
    expect(svg.match(/data-month="/g)).toHaveLength(24); // 2024 and 2025
    expect(svg.match(/data-year="/g)).toHaveLength(2);
    expect(svg).toContain('data-month="2024-01" data-value="0.05"');
    expect(svg).toContain('data-month="2024-03" data-value="null"');
  });
});

describe('downsampling', () => {
  it('keeps every valid point of a short series', () => {
    expect(minMaxIndices(Float64Array.from([1, NaN, 3]), 10)).toEqual([0, 2]);
  });

  it('keeps the min and max of each bucket, the ends, and the global extremes', () => {
    const n = 100_000;
    const v = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 500) * 100 + (i === 77_777 ? 1000 : 0) - (i === 12_345 ? 1000 : 0));
    const idx = minMaxIndices(v, 200);
    expect(idx.length).toBeLessThanOrEqual(402);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    expect(idx).toContain(77_777);
    expect(idx).toContain(12_345);
    expect(idx.every((x, i) => i === 0 || x > idx[i - 1]!)).toBe(true);
    expect(Math.max(...pick(v, idx))).toBe(Math.max(...v));
  });

  it('skips NaN inside buckets and leading or trailing NaN', () => {
    const v = Float64Array.from({ length: 50 }, (_, i) => (i < 3 || i > 45 || i % 2 === 0 ? NaN : i));
    const idx = minMaxIndices(v, 5);
    expect(idx[0]).toBe(3);
    expect(idx[idx.length - 1]).toBe(45);
    expect(idx.every((i) => !Number.isNaN(v[i]!))).toBe(true);
  });
});

describe('chart data', () => {
  it('computes a rolling Sharpe over a window of daily returns', () => {
    // window 2 over 0.01, 0.03, −0.01: at 1: mean 0.02, sd √(2 × 0.01²) = 0.01√2 → 0.02 / (0.01√2) × √252 = √2 × √252
    const rs = rollingSharpe(Float64Array.from([0.01, 0.03, -0.01]), 2, 252, 0);
    expect(rs[0]).toBeNull();
    expect(rs[1]).toBeCloseTo(Math.sqrt(2) * Math.sqrt(252), 9);
    expect(rs[2]).toBeCloseTo(((0.01 / (0.02 * Math.sqrt(2))) * Math.sqrt(252)), 9); // mean 0.01, sd 0.02√2
    expect(rollingSharpe(Float64Array.from([0.01, 0.01]), 2, 252, 0)[1]).toBeNull();
  });

  it('bins values between their min and max', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(h.counts).toHaveLength(5); // ⌈√10⌉ = 4, raised to the minimum of 5
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(10);
    expect(h.width).toBeCloseTo(9 / 5, 12);
    expect(histogram([2, 2]).counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(histogram([]).counts).toEqual([]);
  });

  it('says on the page what it downsampled or cut', () => {
    const r = handResults({ options: { ...OPTIONS, chart_points: 1, html_trades: 1 } });
    const c = chartData(r, dailySeries(r));
    expect(c.notes.join(' ')).toMatch(/Equity and benchmark: 6 daily points drawn as \d/);
    expect(c.notes.join(' ')).toMatch(/Trades: the 1 most recent of 2/);
    // entries and exits of the listed trade (BBB) are not on AAA's price; AAA's three closes are
    expect(c.price!.close.filter((x) => x !== null)).toEqual([100, 103, 101]);
  });

  it('puts the price and the trade markers on one time axis in increasing order', () => {
    const base = handResults();
    const day = (d: number, h: number, m = 0): string => new Date(Date.UTC(2024, 0, d, h, m)).toISOString().replace('.000', '');
    // three AAA trades whose times fall before, between and after the three closes (Jan 30, 31, Feb 2 at 15:00), one on a close's time
    const t = { ...base.trades, symbol: ['AAA', 'AAA', 'AAA'], strategy_id: ['s', 's', 's'], side: ['long', 'long', 'long'], status: ['closed', 'closed', 'closed'],
      trade_id: ['a', 'b', 'c'], quantity: ['1', '1', '1'], entry_price: ['1', '2', '3'], exit_price: ['4', '5', '6'], realized_pnl: ['3', '3', '3'], commission: ['0', '0', '0'],
      entry_time: [day(29, 10), day(30, 15), day(31, 20)], exit_time: [day(30, 9, 30), day(31, 16), day(33, 15)] };
    const r = handResults({ trades: t, trade_entry_bars: [0, 1, 2], trade_exit_bars: [1, 2, 3] });
    const p = chartData(r, dailySeries(r)).price!;
    // every distinct instant once, sorted: Jan 29 10:00, Jan 30 09:30, Jan 30 15:00 (close and entry b), Jan 31 15:00, 16:00, 20:00, Feb 2 15:00 (close and exit c)
    expect(p.x).toEqual([day(29, 10), day(30, 9, 30), day(30, 15), day(31, 15), day(31, 16), day(31, 20), day(33, 15)].map((s) => Date.parse(s) / 1000));
    expect(p.close).toEqual([null, null, 100, 103, null, null, 101]);
    expect(p.entry).toEqual([1, null, 2, null, null, 3, null]);
    expect(p.exit).toEqual([null, 4, null, null, 5, null, 6]);
  });
});

describe('report.html', () => {
  it('is self-contained, deterministic and escapes what it shows', () => {
    const base = handResults();
    const r = handResults({ run: { ...base.run, run_id: '</script><b>x</b>' }, trades: { ...base.trades, strategy_id: base.trades.strategy_id.map(() => '<i>s</i>') } });
    const html = renderReportHtml(r, analyzeRun(r));
    expect(renderReportHtml(r, analyzeRun(r))).toBe(html);
    expect(html).toContain('/*! https://github.com/leeoniya/uPlot (v1.6.32) */');
    // nothing loaded from elsewhere: no external script, stylesheet, import or url()
    expect(html).not.toMatch(/<script[^>]+src=|<link |@import|url\(\s*['"]?https?:/);
    expect(html).not.toContain('<b>x</b>');
    expect(html).not.toContain('<i>s</i>');
    expect(html).toContain('&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;');
    // one script element closes per script opened: nothing in the data ended one early
    expect(html.match(/<script/g)!.length).toBe(html.match(/<\/script>/g)!.length);
  });

  it('renders without a benchmark, a price or trades', () => {
    const base = handResults();
    const r = handResults({ benchmark: null, price: null, trades: { ...base.trades, status: base.trades.status.map(() => 'open') } });
    const html = renderReportHtml(r, analyzeRun(r));
    expect(html).toContain('benchmark: none');
    expect(html).not.toContain('data-chart="price"');
    expect(html).toContain('Trades (0 of 0 closed');
  });
});
