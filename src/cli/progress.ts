// Progress on a TTY (bars done, rate, time left); silent in pipes and CI.

/** Returns a progress callback that redraws one stderr line at most 10 times a second on a TTY, or nothing. */
export function progressLine(label: string, unit = 'bars'): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY || process.env['CI']) return undefined;
  const t0 = performance.now();
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (now - last < 100 && done < total) return;
    last = now;
    const secs = (now - t0) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const left = rate > 0 ? (total - done) / rate : 0;
    const pct = total > 0 ? ((100 * done) / total).toFixed(1) : '100.0';
    process.stderr.write(`\r${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit} (${pct}%), ${Math.round(rate).toLocaleString('en-US')} ${unit}/s, ${left.toFixed(1)} s left   `);
    if (done >= total) process.stderr.write('\n');
  };
}
