// Text of a sweep's progress: runs done, runs/s, bar-evaluations/s and time left, measured from
// what this process computed (rows restored from a checkpoint count as done, not as speed).
import type { SweepProgress } from './execute.js';

/** Rates of a sweep in progress. */
export interface ProgressRates {
  readonly fraction: number;
  readonly runsPerSecond: number;
  readonly barsPerSecond: number;
  /** Seconds left at the current rate (NaN before any work). */
  readonly secondsLeft: number;
}

/** Rates from the first progress report (`start`) to `now`, `seconds` apart. */
export function progressRates(start: SweepProgress, now: SweepProgress, seconds: number): ProgressRates {
  const runs = now.done - start.done, bars = now.barEvals - start.barEvals;
  const barsPerSecond = seconds > 0 ? bars / seconds : 0;
  return {
    fraction: now.total > 0 ? now.done / now.total : 1,
    runsPerSecond: seconds > 0 ? runs / seconds : 0,
    barsPerSecond,
    secondsLeft: barsPerSecond > 0 ? (now.totalBarEvals - now.barEvals) / barsPerSecond : NaN,
  };
}

const int = (x: number): string => Math.round(x).toLocaleString('en-US');

/** Seconds as `12 s`, `3 min 05 s` or `2 h 07 min`. */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.round((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** One plain progress line: `sweep: 1,200/10,000 combinations (12.0%), 450/s, 310,000,000 bars/s, 19 s left`. */
export function progressLine(p: SweepProgress, r: ProgressRates, unit: string): string {
  return `sweep: ${int(p.done)}/${int(p.total)} ${unit} (${(100 * r.fraction).toFixed(1)}%), ${int(r.runsPerSecond)}/s, ${int(r.barsPerSecond)} bars/s, ${formatDuration(r.secondsLeft)} left`;
}
