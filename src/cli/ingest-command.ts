// `qtrader ingest`: converts Algoseek or CSV files into the Parquet catalog once, and prints what was
// read, written and skipped (per reason); re-runs skip unchanged files.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../model/index.js';
import { CSV_PRESETS, ingest, INGEST_FORMATS, parseCsvMapping, useTradeRowsScanner, type IngestFormat, type IngestSummary } from '../data/index.js';
import { TradeRowsKernel } from '../kernels/trade-rows.js';
import { progressLine } from './progress.js';

// Algoseek trade rows are parsed by the WebAssembly kernel (the plain-TypeScript loop if it cannot load).
useTradeRowsScanner(() => TradeRowsKernel.shared());

interface IngestFlags {
  format: string;
  catalog: string;
  onBadRow: 'error' | 'skip';
  dataset?: string;
  zone: string;
  mapping?: string;
  preset?: string;
  codec: 'none' | 'snappy' | 'zstd';
  rowGroup?: string;
  json?: boolean;
}

const PRESET_FORMATS = Object.keys(CSV_PRESETS);
const n = (x: number): string => x.toLocaleString('en-US');
const counts = (o: Record<string, number>): string => Object.entries(o).map(([k, v]) => `${k} ${n(v)}`).join(', ');

/** The summary lines of an ingest. */
export function formatIngestSummary(s: IngestSummary, source: string, seconds: number): string {
  const f = s.files;
  const rows: [string, string][] = [
    ['ingested', `${source} → ${s.catalog}`],
    ['files', `${n(f.seen)} seen: ${n(f.parsed)} read, ${n(f.unchanged)} unchanged${f.replaced ? ` (${n(f.replaced)} changed and replaced)` : ''}${f.truncated ? `, ${n(f.truncated)} truncated` : ''}${Object.keys(f.rejected).length ? `, rejected: ${counts(f.rejected)}` : ''}`],
    ['rows', `${n(s.rows.read)} read, ${n(s.rows.written)} written, ${n(s.rows.skipped)} skipped`],
  ];
  if (s.rows.skipped > 0) rows.push(['skipped', counts(s.rows.skipped_by_reason)]);
  rows.push(['datasets', s.datasets.join(', ') || '(none)'], ['partitions', `${n(s.partitions_written)} written`]);
  rows.push(['time', `${seconds.toFixed(2)} s (${n(Math.round(s.rows.read / Math.max(seconds, 1e-9)))} rows/s)`]);
  const w = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`);
  if (s.problems.length > 0) lines.push('problems (first of each file):', ...s.problems.map((p) => `  ${p}`));
  return lines.join('\n');
}

/** The `ingest` command. */
export function ingestCommand(): Command {
  return new Command('ingest')
    .description('convert Algoseek or CSV files (.csv, .csv.gz; a file or a folder) into the Parquet catalog')
    .argument('<source>', 'a file, or a folder searched for .csv/.txt files and their .gz')
    .addOption(new Option('--format <format>', 'source format').choices([...INGEST_FORMATS, ...PRESET_FORMATS]).makeOptionMandatory())
    .option('--catalog <dir>', 'catalog folder (created if missing)', 'data/catalog')
    .addOption(new Option('--on-bad-row <policy>', 'error: stop at the first bad row; skip: drop and count bad rows').choices(['error', 'skip']).default('error'))
    .option('--dataset <name>', 'dataset to write into (default from the format: 1m, 1s, taq-1m, 1d, 1d-primary, csv)')
    .option('--zone <iana>', 'time zone of the files\' wall-clock times', 'America/New_York')
    .option('--mapping <file>', 'YAML mapping of a generic CSV (columns, timestamp format and zone, price_scale, header)')
    .addOption(new Option('--preset <name>', 'ready-made CSV mapping').choices(PRESET_FORMATS))
    .addOption(new Option('--codec <codec>', 'Parquet codec: none reads fastest (pages copied straight from disk)').choices(['none', 'snappy', 'zstd']).default('none'))
    .option('--row-group <rows>', 'rows per Parquet row group (default 16384)')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', `
Examples:
  $ qtrader ingest /data/algoseek/2022 --format algoseek-trades --catalog data/catalog
  $ qtrader ingest /data/algoseek/daily --format algoseek-daily --catalog data/catalog --on-bad-row skip
  $ qtrader ingest secmaster.csv --format algoseek-master --catalog data/catalog
  $ qtrader ingest quotes/ --format csv --mapping my-layout.yaml --dataset 5m --catalog data/catalog
  $ qtrader ingest SPY.csv --format yahoo --catalog data/catalog`)
    .action(async (source: string, f: IngestFlags) => {
      let format = f.format as IngestFormat;
      let preset = f.preset;
      if (PRESET_FORMATS.includes(f.format)) {
        format = 'csv';
        preset = f.format;
      }
      let mapping;
      if (format === 'csv') {
        if (!f.mapping && !preset) throw new ConfigError('ingest --format csv: give --mapping FILE (or --preset yahoo|lean-minute|lean-daily)');
        let raw: Record<string, unknown> = {};
        if (f.mapping) {
          try {
            raw = (parseYaml(readFileSync(f.mapping, 'utf8')) ?? {}) as Record<string, unknown>;
          } catch (err) {
            throw new ConfigError(`${f.mapping}: cannot read the mapping (${(err as Error).message})`);
          }
        }
        mapping = parseCsvMapping(preset ? { ...raw, preset } : raw, f.mapping ?? `preset ${preset}`);
      } else if (f.mapping || preset) {
        throw new ConfigError(`ingest: --mapping and --preset apply to --format csv only`);
      }
      const rowGroup = f.rowGroup === undefined ? undefined : Number(f.rowGroup);
      if (rowGroup !== undefined && !(Number.isInteger(rowGroup) && rowGroup > 0)) throw new ConfigError(`--row-group: expected a positive integer; got ${JSON.stringify(f.rowGroup)}`);
      const progress = f.json ? undefined : progressLine('ingest', 'files');
      const t0 = performance.now();
      const summary = await ingest({
        source, catalog: f.catalog, format, policy: f.onBadRow, zone: f.zone, codec: f.codec,
        ...(f.dataset ? { dataset: f.dataset } : {}), ...(mapping ? { mapping } : {}), ...(preset ? { preset } : {}),
        ...(rowGroup ? { rowGroupRows: rowGroup } : {}), ...(progress ? { onProgress: progress } : {}),
      });
      const secs = (performance.now() - t0) / 1000;
      process.stdout.write(f.json ? JSON.stringify(summary, null, 2) + '\n' : formatIngestSummary(summary, source, secs) + '\n');
    });
}
