// Deterministic synthetic minute bars for tests, demos and benchmarks: a seeded random walk per
// symbol on the regular US session, generated straight into typed arrays, and written to files.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { BarSeries } from '../model/bars.js';
import { ConfigError } from '../model/errors.js';
import { DEFAULT_ZONE, localToUtcMs, zoneOffsets } from './calendar.js';
import { sessionHours, type CalendarName } from './market-calendar.js';
import { civilFromDays, parseIsoDate, weekdayOfDays } from '../model/civil-date.js';
import { int64Words, writeNs } from './int64-ns.js';
import { hashString, Rng } from './rng.js';
import { writeArrowBars } from './arrow-io.js';
import { writeCsvBars } from './csv-writer.js';
import { writeParquetBars } from './parquet-io.js';

/** Bars in one regular session, 09:30–16:00. */
export const SESSION_BARS = 390;

/** What to generate. */
export interface GenerateOptions {
  /** Symbols; each gets its own stream derived from `seed` and its name. */
  readonly symbols: readonly string[];
  /** Bars per symbol. */
  readonly bars: number;
  /** Any safe integer; the same seed gives the same bars. */
  readonly seed: number;
  /** First session date, `YYYY-MM-DD` (a weekend moves to the next Monday). Default 2024-01-02. */
  readonly start?: string;
  /** Zone of the session clock. Default America/New_York. */
  readonly zone?: string;
  /**
   * Which days trade: `weekdays` (the default: every Monday–Friday a full 390-bar session) or `nyse`
   * (NYSE holidays skipped, early-close days end at 13:00 with 210 bars).
   */
  readonly calendar?: CalendarName;
}

/** File formats {@link writeGenerated} can write. */
export type GeneratedFormat = 'csv' | 'parquet' | 'arrow';

/**
 * Generates minute bars: 390 per weekday session with timestamps at each bar's open, 09:30 … 15:59
 * local time (with the `weekdays` calendar every Monday–Friday is a session; with `nyse`, holidays are
 * skipped and early closes end at 12:59).
 * Prices follow a geometric random walk with a weak pull back to the start level (so decades of bars
 * stay in a plausible range); opens sit near the previous close (wider gap at the session open);
 * high ≥ max(open, close), low ≤ min(open, close); every price is a whole number of cents, at least
 * 0.01; volumes are integers with a U-shaped intraday profile. Deterministic for a seed and Node version.
 */
export function generateBars(options: GenerateOptions): BarSeries[] {
  const { symbols, bars, seed } = options;
  const zone = options.zone ?? DEFAULT_ZONE;
  const startText = options.start ?? '2024-01-02';
  if (!Number.isSafeInteger(bars) || bars < 0) throw new ConfigError(`generate: \`bars\` must be a whole number ≥ 0; got ${bars}`);
  if (!Number.isSafeInteger(seed)) throw new ConfigError(`generate: \`seed\` must be an integer; got ${seed}`);
  if (symbols.length === 0) throw new ConfigError('generate: `symbols` is empty; give at least one symbol');
  const dup = symbols.find((s, i) => symbols.indexOf(s) !== i);
  if (dup !== undefined) throw new ConfigError(`generate: symbol "${dup}" is listed twice`);
  const startDay = parseIsoDate(startText);
  if (startDay === undefined) throw new ConfigError(`generate: \`start\` must be a date YYYY-MM-DD; got "${startText}"`);
  const calendar = options.calendar ?? 'weekdays';
  if (calendar !== 'weekdays' && calendar !== 'nyse') throw new ConfigError(`generate: \`calendar\` must be weekdays or nyse; got "${String(calendar)}"`);
  zoneOffsets(zone);
  const { tsMs, barOfSession } = sessionTimestamps(startDay, bars, zone, calendar);
  return symbols.map((symbol) => generateOne(symbol, tsMs, barOfSession, new Rng(seed, hashString(symbol))));
}

/**
 * Bar-open instants (ms) of `count` bars over consecutive sessions of `calendar` from `startDay`, and
 * each bar's index within its session (with `weekdays` always `i % 390`, as before calendars existed).
 */
function sessionTimestamps(startDay: number, count: number, zone: string, calendar: CalendarName): { tsMs: Float64Array; barOfSession: Uint16Array } {
  const ts = new Float64Array(count);
  const bar = new Uint16Array(count);
  let i = 0;
  for (let day = startDay; i < count; day++) {
    const wd = weekdayOfDays(day);
    if (wd === 0 || wd === 6) continue;
    const hours = calendar === 'nyse' ? sessionHours(day, 'nyse') : undefined;
    if (calendar === 'nyse' && hours === undefined) continue;
    const bars = hours ? (hours.close - hours.open) / 60_000 : SESSION_BARS;
    const { year, month, day: d } = civilFromDays(day);
    const open = localToUtcMs(zone, year, month, d, 9, 30, 0);
    const end = Math.min(count, i + bars);
    for (let k = 0; i < end; k++, i++) {
      ts[i] = open + k * 60_000;
      bar[i] = k;
    }
  }
  return { tsMs: ts, barOfSession: bar };
}

/** Intraday volume shape: busier at the open and the close. */
const VOLUME_PROFILE = Float64Array.from({ length: SESSION_BARS }, (_, k) => 1 + 1.5 * ((k - 195) / 195) ** 2);

// The loop avoids transcendental calls beyond one Box–Muller pair per bar: steps are applied as
// first-order factors (1 + σz), which is what makes 10M bars take about a second.
function generateOne(symbol: string, tsMs: Float64Array, barOfSession: Uint16Array, rng: Rng): BarSeries {
  const n = tsMs.length;
  const ts = new BigInt64Array(n);
  const words = int64Words(ts);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  // Per-symbol character: start price 10–500, daily volatility ~1–3 %, typical volume per minute.
  const p0 = Math.exp(Math.log(10) + Math.log(50) * rng.next());
  const sigma = 0.0006 + 0.0009 * rng.next();
  const baseVolume = 200 + Math.floor(4800 * rng.next());
  const theta = 2e-6;
  let p = p0;
  let prevClose = Math.max(1, Math.round(p * 100));
  for (let i = 0; i < n; i++) {
    const k = barOfSession[i]!;
    const gap = (k === 0 ? 6 * sigma : 0.25 * sigma) * rng.normal();
    const o = Math.max(1, Math.round(prevClose * (1 + gap)));
    // Geometric step with a weak pull towards p0 (half-life of months), so prices stay plausible.
    p *= 1 + sigma * rng.normal() + theta * (p0 / p - 1);
    const c = Math.max(1, Math.round(p * 100));
    const wick = sigma * c;
    const u1 = rng.next();
    const u2 = rng.next();
    const h = Math.max(o, c) + Math.round(u1 * u1 * wick);
    const l = Math.max(1, Math.min(o, c) - Math.round(u2 * u2 * wick));
    const v = Math.round(baseVolume * VOLUME_PROFILE[k]! * (0.4 + 1.2 * rng.next()));
    writeNs(words, i, tsMs[i]!, 0);
    open[i] = o / 100;
    high[i] = h / 100;
    low[i] = l / 100;
    close[i] = c / 100;
    volume[i] = v;
    prevClose = c;
  }
  return { symbol, ts, open, high, low, close, volume };
}

/**
 * Writes each series to `<outDir>/<SYMBOL>.<ext>` for every format asked (csv, parquet, arrow),
 * creating `outDir`; each file is written atomically. Returns the paths written, in order.
 * Identical series give byte-identical files.
 */
export function writeGenerated(series: readonly BarSeries[], outDir: string, formats: readonly GeneratedFormat[] = ['csv', 'parquet']): string[] {
  for (const f of formats) {
    if (f !== 'csv' && f !== 'parquet' && f !== 'arrow') throw new ConfigError(`writeGenerated: unknown format "${String(f)}"; expected csv, parquet or arrow`);
  }
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const s of series) {
    for (const f of formats) {
      const path = join(outDir, `${s.symbol}.${f}`);
      if (f === 'csv') writeCsvBars(path, s, { symbolColumn: false });
      else if (f === 'parquet') writeParquetBars(path, s, { symbolColumn: false });
      else writeArrowBars(path, s, { symbolColumn: false });
      written.push(path);
    }
  }
  return written;
}
