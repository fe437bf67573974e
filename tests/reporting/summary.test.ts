// The console summary (src/cli/summary.ts): aligned, plain in pipes, coloured on a terminal.
import { afterEach, describe, expect, it } from 'vitest';
import { colorFor, formatSummary } from '../../src/cli/summary.js';
import { analyzeRun } from '../../src/reporting/run-result.js';
import { handResults } from './fixtures.js';

const { result } = analyzeRun(handResults());
const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

describe('formatSummary', () => {
  it('prints aligned plain lines in a pipe', () => {
    const text = formatSummary(result, 'out/x', 1.5, { color: false });
    expect(text).not.toContain('\x1b[');
    const lines = text.split('\n');
    // every value starts in the same column: after the longest label and two spaces
    const col = Math.max(...lines.map((l) => /^(\S.*?)\s{2,}/.exec(l)![1]!.length)) + 2;
    for (const l of lines) expect(l[col - 1], l).toBe(' ');
    for (const l of lines) expect(l[col], l).not.toBe(' ');
    expect(text).toMatch(/^total return\s+10\.00%  \(BBB buy and hold 20\.00%\)$/m);
    expect(text).toMatch(/^Sharpe\s+\S+  Sortino \S+  Calmar \S+  PSR \S+%$/m);
    expect(text).toMatch(/^max drawdown\s+2\.00%  \(longest 2 days; under water 20\.00% of days\)$/m);
    expect(text).toMatch(/^vs benchmark\s+alpha /m);
    expect(text).toMatch(/^trades\s+2 \(win rate 50\.00%, profit factor 3\.00, expectancy 10\.00, avg hold 1d 0h\)$/m);
    expect(text).toMatch(/^outputs\s+out\/x  \(open report\.html\)$/m);
  });

  it('tells refused signals from orders a risk rule reduced', () => {
    const base = handResults();
    // 5 violations, 2 of them reductions (the order went out, smaller): 3 refused, 2 reduced
    const counted = analyzeRun(handResults({ run: { ...base.run, counts: { ...base.run.counts, risk_violations: 5, risk_reductions: 2 } } })).result;
    expect(formatSummary(counted, 'o', undefined, { color: false })).toMatch(/^events\s+3 signals, 3 orders, 5 fills, 3 refused, 2 reduced, 6 snapshots$/m);
    expect(formatSummary(result, 'o', undefined, { color: false })).toMatch(/^events\s+3 signals, 3 orders, 5 fills, 0 refused, 6 snapshots$/m);
  });

  it('colours gains green and losses red on a terminal', () => {
    const text = formatSummary(result, 'out/x', undefined, { color: true });
    expect(text).toContain('\x1b[32m10.00%\x1b[0m');
    expect(text).toContain('\x1b[2mtotal return');
    const loss = analyzeRun(handResults({ run: { ...handResults().run, initial_cash: '2000' } })).result;
    expect(formatSummary(loss, 'o', undefined, { color: true })).toContain('\x1b[31m-45.00%\x1b[0m'); // 1100 / 2000 − 1
  });

  it('colours only on a TTY without NO_COLOR or CI', () => {
    delete process.env['NO_COLOR'];
    delete process.env['CI'];
    expect(colorFor({ isTTY: true })).toBe(true);
    expect(colorFor({ isTTY: false })).toBe(false);
    process.env['NO_COLOR'] = '1';
    expect(colorFor({ isTTY: true })).toBe(false);
  });
});
