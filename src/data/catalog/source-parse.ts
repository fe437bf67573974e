// Parsing one source file for an ingest: the reader of the format, the dataset its rows belong to
// (from the format and what the file turned out to be), and the file's tally of rows and problems.
import { statSync } from 'node:fs';
import { DataError } from '../../model/errors.js';
import { DailyBarParser, ADJ_REASON_COLUMN } from '../algoseek/daily-bars.js';
import { parseSecurityMaster, type SecurityRecord } from '../algoseek/security-master.js';
import { TaqBarParser, TAQ_COLUMNS } from '../algoseek/taq-bars.js';
import { TradeBarParser } from '../algoseek/trade-bars.js';
import { GenericCsvParser } from '../generic/generic-csv.js';
import type { CsvMapping } from '../generic/csv-mapping.js';
import type { BarBlock } from '../ingest/bar-block.js';
import type { CsvChunkParser } from '../ingest/csv-chunk-parser.js';
import { BadRows, RowTally, type BadRowPolicy, type RejectReason } from '../ingest/row-tally.js';
import { feedWhole, gunzipWhole, isGzip, readSource } from '../ingest/source-reader.js';

/** Ingest formats. */
export const INGEST_FORMATS = ['algoseek-trades', 'algoseek-taq', 'algoseek-daily', 'algoseek-master', 'csv'] as const;
/** One of {@link INGEST_FORMATS}. */
export type IngestFormat = (typeof INGEST_FORMATS)[number];

/** What one source file gave. */
export interface ParsedSource {
  readonly dataset: string;
  readonly columns: readonly string[];
  readonly textColumns: readonly string[];
  readonly partition: 'year' | 'none';
  readonly blocks: readonly (BarBlock & { readonly reasons?: readonly (string | null)[] })[];
  readonly tally: RowTally;
  readonly truncated: boolean;
  /** A file-level problem under the skip policy (the file contributed no rows). */
  readonly rejected?: RejectReason;
  readonly message?: string;
  readonly master?: readonly SecurityRecord[];
}

/** How to parse sources. */
export interface ParseOptions {
  readonly format: IngestFormat;
  readonly policy: BadRowPolicy;
  readonly zone: string;
  readonly dataset?: string;
  readonly mapping?: CsvMapping;
  /** Name of the mapping's preset (picks the default dataset: daily presets → `1d`). */
  readonly preset?: string;
  readonly streamAbove?: number;
}

/**
 * Parses one source. `raw` are the file's bytes when already read (small files); otherwise the file is
 * streamed. Under the skip policy, a file that cannot be read at all is returned as rejected.
 */
export async function parseSource(path: string, raw: Uint8Array | undefined, o: ParseOptions): Promise<ParsedSource> {
  const tally = new RowTally();
  const bad = new BadRows(path, o.policy, tally);
  if (o.format === 'algoseek-master') return parseMaster(path, raw, bad, o);
  let parser: CsvChunkParser & { blocks(): BarBlock[] };
  if (o.format === 'algoseek-trades') parser = new TradeBarParser(bad, o.zone);
  else if (o.format === 'algoseek-taq') parser = new TaqBarParser(bad, o.zone);
  else if (o.format === 'algoseek-daily') parser = new DailyBarParser(bad, o.zone);
  else {
    if (!o.mapping) throw new DataError('csv ingest needs a mapping (--mapping FILE or --preset NAME)');
    parser = new GenericCsvParser(bad, o.mapping, path);
  }
  let truncated = false;
  // Expected text size: the file's, or for gzip about four times it (CSV compresses about 4:1).
  parser.sizeHint = (raw ? raw.length : statSync(path).size) * (isGzip(path) ? 4 : 1);
  try {
    if (raw) truncated = feedWhole(path, raw, parser, o.policy === 'skip');
    else truncated = (await readSource(path, parser, { streamAbove: 0, allowTruncated: o.policy === 'skip', hash: false })).truncated;
  } catch (err) {
    if (o.policy === 'error' || !(err instanceof DataError)) throw err;
    return { ...describe(parser, o), blocks: [], tally, truncated: false, rejected: 'unreadable-file', message: err.message };
  }
  const rejected = bad.fileProblem;
  return {
    ...describe(parser, o), blocks: rejected === 'bad-header' ? [] : parser.blocks(), tally, truncated,
    ...(rejected ? { rejected } : {}), ...(bad.firstMessage ? { message: bad.firstMessage } : {}),
  };
}

/** Dataset name, columns and partitioning of what a parser read. */
function describe(p: CsvChunkParser, o: ParseOptions): Pick<ParsedSource, 'dataset' | 'columns' | 'textColumns' | 'partition'> {
  if (p instanceof TradeBarParser) {
    const base = p.seconds ? '1s' : '1m';
    const columns = p.adjusted ? ['open', 'high', 'low', 'close', 'volume', 'vwap', 'trades', 'price_factor', 'volume_factor'] : ['open', 'high', 'low', 'close', 'volume', 'vwap', 'trades'];
    return { dataset: o.dataset ?? (p.adjusted ? `${base}-adjusted` : base), columns, textColumns: [], partition: 'year' };
  }
  if (p instanceof TaqBarParser) return { dataset: o.dataset ?? 'taq-1m', columns: TAQ_COLUMNS, textColumns: [], partition: 'year' };
  if (p instanceof DailyBarParser) {
    const standard = p.kind === 'standard';
    return { dataset: o.dataset ?? (standard ? '1d' : '1d-primary'), columns: p.columns(), textColumns: standard ? [ADJ_REASON_COLUMN] : [], partition: 'none' };
  }
  const g = p as GenericCsvParser;
  const daily = o.preset === 'yahoo' || o.preset === 'lean-daily';
  return { dataset: o.dataset ?? (daily ? '1d' : o.preset === 'lean-minute' ? '1m' : 'csv'), columns: g.columnNames(), textColumns: [], partition: daily ? 'none' : 'year' };
}

async function parseMaster(path: string, raw: Uint8Array | undefined, bad: BadRows, o: ParseOptions): Promise<ParsedSource> {
  const base = { dataset: 'reference', columns: [], textColumns: [], partition: 'none' as const, blocks: [], tally: bad.tally };
  let bytes: Uint8Array = raw ?? (await import('node:fs')).readFileSync(path);
  let truncated = false;
  try {
    if (isGzip(path)) ({ data: bytes, truncated } = gunzipWhole(path, bytes, o.policy === 'skip'));
  } catch (err) {
    if (o.policy === 'error') throw err;
    return { ...base, truncated: false, rejected: 'unreadable-file', message: (err as Error).message };
  }
  if (bytes.length === 0) {
    bad.reject(undefined, undefined, 'empty-file', 'file is empty; expected the security master header', 0);
    return { ...base, truncated, rejected: 'empty-file' };
  }
  const master = parseSecurityMaster(bytes, bad);
  return { ...base, truncated, master, ...(bad.fileProblem ? { rejected: bad.fileProblem } : {}), ...(bad.firstMessage ? { message: bad.firstMessage } : {}) };
}
