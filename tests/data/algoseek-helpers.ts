// Helpers of the Algoseek, catalog and corporate-action tests: fixture paths, parsing a file as the
// ingest does, timestamps as RFC 3339 text, gzip copies and bad-input files.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseSource, type ParseOptions, type ParsedSource } from '../../src/data/catalog/source-parse.js';
import { nsToMs } from '../../src/data/int64-ns.js';
import { isoUtc } from '../../src/model/time.js';

/** Folder of the Algoseek and generic CSV fixtures. */
export const ALGO = fileURLToPath(new URL('../fixtures/algoseek/', import.meta.url));

/** Parses one file as `qtrader ingest` does (error policy, New York time unless given). */
export function parse(path: string, format: ParseOptions['format'], o: Partial<ParseOptions> = {}): Promise<ParsedSource> {
  return parseSource(path, undefined, { format, policy: 'error', zone: 'America/New_York', ...o });
}

/** Timestamps as RFC 3339 UTC strings. */
export function isoTimes(ts: BigInt64Array): string[] {
  return [...nsToMs(ts)].map((ms) => isoUtc(ms));
}

/** Writes `text` gzipped to `<dir>/<name>` and returns the path. */
export function writeGz(dir: string, name: string, text: string | Uint8Array): string {
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, gzipSync(text));
  return p;
}

/** Writes `text` to `<dir>/<rel>` (folders created) and returns the path. */
export function put(dir: string, rel: string, text: string): string {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

/** Copies a fixture file to `<dir>/<rel>` (folders created) and returns the path. */
export function copyFixture(rel: string, dir: string, to = rel): string {
  const p = join(dir, to);
  mkdirSync(dirname(p), { recursive: true });
  copyFileSync(join(ALGO, rel), p);
  return p;
}

/** The text of a fixture file. */
export function fixtureText(rel: string): string {
  return readFileSync(join(ALGO, rel), 'utf8');
}

/** The trade-bar header. */
export const TRADE_HEADER = 'Date,Ticker,TimeBarStart,FirstTradePrice,HighTradePrice,LowTradePrice,LastTradePrice,VolumeWeightPrice,Volume,TotalTrades';
