// report.html as a user sees it: a real run's report opened in headless Chromium (Debian's
// chromium, driven by playwright-core). No console error, every chart drawn, every number on the
// page equal to run.json; the screenshot is kept in out/test-artifacts/report.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runOnBars } from '../../src/engine/index.js';
import { runConfig, syntheticBars } from '../reporting/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const ARTIFACTS = resolve(import.meta.dirname, '..', '..', 'out', 'test-artifacts');
const present = existsSync(CHROMIUM);
const inCi = Boolean(process.env['CI']) && process.env['CI'] !== 'false';
if (!present && !inCi) {
  console.warn(`tests/browser: SKIPPED — ${CHROMIUM} is missing; install it with \`apt-get install -y chromium\` (in CI, .ci/run installs it and these tests fail without it)`);
}

interface ShownNumber { attr: string; name: string; kind: string | null; value: string; text: string }
interface ChartPixels { chart: string; tag: string; empty: boolean; width: number; height: number; painted: number; hits: number[] }

/** Pixels of each chart: painted (alpha > 0) and, per target colour, how many are within 60 of it (RGB distance). */
const CHART_PIXELS = (targets: Record<string, number[][]>): string => `(() => {
  const targets = ${JSON.stringify(targets)};
  return [...document.querySelectorAll('[data-chart]')].map((el) => {
    const name = el.getAttribute('data-chart');
    if (el.tagName.toLowerCase() === 'svg') {
      const filled = [...el.querySelectorAll('rect[data-month]')].filter((r) => r.getAttribute('data-value') !== 'null').length;
      return { chart: name, tag: 'svg', empty: false, width: el.clientWidth, height: el.clientHeight, painted: filled, hits: [] };
    }
    const c = el.querySelector('canvas');
    if (!c) return { chart: name, tag: 'none', empty: el.classList.contains('empty'), width: 0, height: 0, painted: 0, hits: [] };
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const want = targets[name] || [];
    const hits = want.map(() => 0);
    let painted = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] === 0) continue;
      painted++;
      want.forEach((t, k) => { if (Math.hypot(d[i] - t[0], d[i + 1] - t[1], d[i + 2] - t[2]) < 60) hits[k]++; });
    }
    return { chart: name, tag: 'canvas', empty: el.classList.contains('empty'), width: c.width, height: c.height, painted, hits };
  });
})()`;

/** Every element that shows a number with its source in data attributes. */
const SHOWN_NUMBERS = `[...document.querySelectorAll('[data-value]')].map((el) => {
  const attr = [...el.attributes].map((a) => a.name).find((n) => n.startsWith('data-') && !['data-value', 'data-kind', 'data-chart'].includes(n));
  return { attr: attr ? attr.slice(5) : '', name: attr ? el.getAttribute(attr) : '', kind: el.getAttribute('data-kind'), value: el.getAttribute('data-value'), text: el.textContent.trim() };
})`;

/** The number a formatted text shows, and how far from the exact value its rounding may be. */
function shown(text: string, kind: string): { value: number; tol: number } {
  const plain = Number(text.replace(/[,%]/g, '').replace(/ d$/, ''));
  if (kind === 'pct') return { value: plain / 100, tol: 0.00005 + 1e-12 };
  if (kind === 'duration') {
    const unit: Record<string, number> = { d: 86_400, h: 3600, m: 60, s: 1 };
    let secs = 0;
    for (const m of text.matchAll(/(\d+)([dhms])/g)) secs += Number(m[1]) * unit[m[2]!]!;
    return { value: secs, tol: text.includes('d') ? 3600 : 60 };
  }
  return { value: plain, tol: kind === 'int' || kind === 'days' ? 0.5 : 0.005 + 1e-9 };
}

describe('report.html in headless Chromium', () => {
  it.runIf(!present && inCi)('has Chromium in CI', () => {
    expect.fail(`${CHROMIUM} is missing in CI: .ci/run must install Debian's chromium package before the tests`);
  });

  describe.skipIf(!present)('a real run', () => {
    let browser: Browser;
    let page: Page;
    let run: Record<string, any>;
    const errors: string[] = [];
    const requests: string[] = [];
    let loadMs = 0;

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const outDir = join(ARTIFACTS, 'browser-run');
      // 40,000 minute bars of two symbols (~100 days): every chart has data; the trade list and the price are cut for display
      const cfg = runConfig(['AAA', 'BBB'], { reporting: { rolling_window: 10, chart_points: 500, html_trades: 150 } });
      runOnBars(cfg, syntheticBars(['AAA', 'BBB'], 40_000), 'browser-test', { outDir });
      run = JSON.parse(readFileSync(join(outDir, 'run.json'), 'utf8'));
      browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
      const t0 = performance.now();
      await page.goto(pathToFileURL(join(outDir, 'report.html')).href);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      loadMs = performance.now() - t0;
      // a viewport as tall as the page rather than `fullPage`: the trade list is `content-visibility: auto`
      // and is painted only when on screen, which a full-page capture of a short viewport is not
      const height = await page.evaluate<number>('document.documentElement.scrollHeight');
      await page.setViewportSize({ width: 1280, height });
      await page.screenshot({ path: join(ARTIFACTS, 'report.png') });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('loads offline without a console error or a request to the network', () => {
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(loadMs).toBeLessThan(10_000);
      expect(existsSync(join(ARTIFACTS, 'report.png'))).toBe(true);
    });

    it('draws every chart, with its series in their colours', async () => {
      const charts = await page.evaluate<ChartPixels[]>(CHART_PIXELS({
        equity: [[31, 111, 235], [134, 142, 150]],
        drawdown: [[198, 40, 40]],
        rolling: [[111, 66, 193]],
        histogram: [[31, 111, 235]],
        price: [[52, 58, 64], [26, 127, 55], [198, 40, 40]],
      }));
      expect(charts.map((c) => c.chart).sort()).toEqual(['drawdown', 'equity', 'histogram', 'monthly', 'price', 'rolling']);
      for (const c of charts) {
        expect(c.empty, `${c.chart} says it has no data`).toBe(false);
        expect(c.tag, `${c.chart} has no canvas or SVG`).not.toBe('none');
        expect(c.width * c.height, `${c.chart} has no size`).toBeGreaterThan(0);
        expect(c.painted, `${c.chart} is blank`).toBeGreaterThan(c.tag === 'svg' ? 3 : 500);
        c.hits.forEach((h, k) => expect(h, `${c.chart}: series ${k} not drawn`).toBeGreaterThan(20));
      }
      // one heatmap cell per month with data
      expect(charts.find((c) => c.chart === 'monthly')!.painted).toBe(run.breakdowns.by_month.length);
    });

    it('shows the numbers of run.json', async () => {
      const nums = await page.evaluate<ShownNumber[]>(SHOWN_NUMBERS);
      const metrics = nums.filter((n) => n.attr === 'metric');
      // every metric is on the page (the headline ones twice)
      expect(new Set(metrics.map((n) => n.name))).toEqual(new Set(Object.keys(run.metrics)));
      for (const n of metrics) {
        const exact = run.metrics[n.name];
        expect(JSON.parse(n.value), n.name).toBe(exact);
        if (exact === null) {
          expect(n.text).toBe('n/a');
        } else {
          const s = shown(n.text, n.kind!);
          expect(Math.abs(s.value - exact), `${n.name}: page shows ${n.text} for ${exact}`).toBeLessThanOrEqual(s.tol);
        }
      }
      const fields = nums.filter((n) => n.attr === 'field');
      expect(fields.map((n) => n.name).sort()).toEqual(['final_equity', 'initial_cash', 'realized_pl', 'total_commissions', 'total_fees', 'unrealized_pl']);
      for (const n of fields) {
        expect(n.value).toBe(run[n.name]);
        expect(Math.abs(shown(n.text, 'money').value - Number(run[n.name]))).toBeLessThanOrEqual(0.005 + 1e-9);
      }
      const months = nums.filter((n) => n.attr === 'month' && n.value !== 'null');
      expect(months.map((n) => [n.name, JSON.parse(n.value)])).toEqual(run.breakdowns.by_month.map((p: { period: string; return: number }) => [p.period, p.return]));
      const years = nums.filter((n) => n.attr === 'year');
      expect(years.map((n) => [n.name, JSON.parse(n.value)])).toEqual(run.breakdowns.by_year.map((p: { period: string; return: number }) => [p.period, p.return]));
      const totals = nums.filter((n) => n.attr === 'symbol-total');
      expect(totals.map((n) => [n.name, n.value])).toEqual(run.breakdowns.by_symbol.map((g: { key: string; total_pl: string }) => [g.key, g.total_pl]));
    });

    it('lists the most recent trades and says what was downsampled', async () => {
      const rows = await page.evaluate<number>(`document.querySelectorAll('table.trades tbody tr').length`);
      expect(rows).toBe(150);
      const notes = await page.evaluate<string>(`document.querySelector('.notes').textContent`);
      expect(notes).toMatch(/Price of AAA: 40,000 bars drawn as [\d,]+ points/);
      expect(notes).toMatch(new RegExp(`Trades: the 150 most recent of ${run.metrics.trade_count.toLocaleString('en-US')}`));
    });
  });
});
