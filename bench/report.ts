// Report bench: for a big single-symbol run (default 10,000,000 minute bars), how long report.html
// takes to build, how big it is, and how fast headless Chromium opens it and draws every chart.
// Usage: npm run build && node --max-old-space-size=4096 dist/bench/report.js [bars]
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { alignBars, generateBars } from '../src/data/index.js';
import { normalizeConfig } from '../src/config/index.js';
import { runOnBars } from '../src/engine/index.js';
import { analyzeRun, parseResults, rebuildRunOutputs } from '../src/reporting/index.js';
import { renderReportHtml } from '../src/reporting/html/report-html.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const ZONE = 'America/New_York';
const bars = Number(process.argv[2] ?? 10_000_000);

/** Best wall time of `reps` calls, in seconds, and the last result. */
function best<T>(reps: number, f: () => T): [number, T] {
  let secs = Infinity;
  let out: T | undefined;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    out = f();
    secs = Math.min(secs, (performance.now() - t0) / 1000);
  }
  return [secs, out!];
}

const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(2)} MiB`;
const dir = mkdtempSync(join(tmpdir(), 'qtrader-bench-report-'));
try {
  const aligned = alignBars(generateBars({ symbols: ['SYN'], bars, seed: 7, start: '2000-01-03', zone: ZONE }), ZONE, {});
  const cfg = normalizeConfig({
    run: { engine: 'wasm', id: 'bench-report' },
    data: { files: [{ path: 'SYN.parquet', symbol: 'SYN' }] },
    strategy: { name: 'sma_cross', params: { fast: 50, slow: 200 } },
    portfolio: { initial_cash: '1000000' },
    sizing: { method: 'fixed_quantity', quantity: 100 },
    execution: { commission: { per_share: '0.005', minimum: '1' } },
  }, 'bench');
  const out = join(dir, 'run');
  const [runSecs, run] = best(1, () => runOnBars(cfg, aligned, 'bench-report', { outDir: out }));
  const resultsText = readFileSync(join(out, 'results.json'), 'utf8');
  const [parseSecs, results] = best(3, () => parseResults(resultsText, 'results.json'));
  const [analyzeSecs, analysis] = best(3, () => analyzeRun(results));
  const [renderSecs, html] = best(3, () => renderReportHtml(results, analysis));
  const [rebuildSecs] = best(3, () => rebuildRunOutputs(out, join(dir, 'rebuilt')));
  console.log(`report bench: ${bars.toLocaleString('en-US')} minute bars of one symbol, SMA 50/200 (node ${process.version})`);
  console.log(`  run (engine + every output)     ${runSecs.toFixed(2)} s; ${run.result.metrics.trade_count.toLocaleString('en-US')} trades, ${run.result.metrics.trading_days.toLocaleString('en-US')} trading days`);
  console.log(`  results.json                    ${mib(statSync(join(out, 'results.json')).size)}; parse ${parseSecs.toFixed(3)} s`);
  console.log(`  metrics and breakdowns          ${analyzeSecs.toFixed(3)} s`);
  console.log(`  report.html build               ${renderSecs.toFixed(3)} s; ${mib(Buffer.byteLength(html))}`);
  console.log(`  qtrader report (every output)   ${rebuildSecs.toFixed(2)} s`);
  if (!existsSync(CHROMIUM)) {
    console.log(`  page load                       skipped: ${CHROMIUM} is missing`);
  } else {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      const url = pathToFileURL(join(out, 'report.html')).href;
      let loadMs = Infinity;
      let busy = { task: Infinity, script: 0, layout: 0, style: 0 };
      for (let i = 0; i < 3; i++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        // the renderer's main-thread time (Chrome's Performance metrics), which other load on the machine does not inflate as much as wall time
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        const t0 = performance.now();
        await page.goto(url);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
        const wall = performance.now() - t0;
        const m = new Map((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value] as const));
        const task = m.get('TaskDuration') ?? NaN;
        if (task < busy.task) busy = { task, script: m.get('ScriptDuration') ?? NaN, layout: m.get('LayoutDuration') ?? NaN, style: m.get('RecalcStyleDuration') ?? NaN };
        loadMs = Math.min(loadMs, wall);
        await page.close();
      }
      console.log(`  page load in Chromium           ${(loadMs / 1000).toFixed(3)} s to every chart drawn (wall time, best of 3)`);
      console.log(`  renderer main thread busy       ${busy.task.toFixed(3)} s (script ${busy.script.toFixed(3)} s, layout ${busy.layout.toFixed(3)} s, style ${busy.style.toFixed(3)} s)`);
    } finally {
      await browser.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
