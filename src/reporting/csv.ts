// Deterministic CSV output: field escaping (RFC 4180), lines, a writer that builds large string
// chunks, and a column writer that encodes fields straight into a buffer (ByteSink); every file is
// put in place atomically (temp file, then rename).
import { ContractError, writeFileAtomic } from '../model/index.js';
import { SINK_BYTES, writeFileAtomicSink } from './byte-sink.js';

export { writeFileAtomic };

/** A CSV field: text, a number, or null for an empty field. */
export type CsvField = string | number | null;

/** Characters of text a {@link CsvWriter} gathers before starting a new chunk. */
export const DEFAULT_CHUNK_CHARS = 1 << 20;

/**
 * Formats one field. Null and non-finite numbers become the empty field; finite numbers use
 * JavaScript's shortest round-trip form (`String(x)`, so −0 is "0"); text containing a comma,
 * a double quote, CR or LF is wrapped in double quotes with each inner quote doubled.
 */
export function csvEscape(field: CsvField): string {
  if (field === null) return '';
  if (typeof field === 'number') return Number.isFinite(field) ? String(field) : '';
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** One CSV record: the escaped fields joined by commas, ending with LF. */
export function csvLine(fields: readonly CsvField[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += csvEscape(fields[i]!);
  }
  return line + '\n';
}

/**
 * Builds a CSV file in memory as a few large string chunks (a header line, then rows), and
 * writes it atomically with {@link writeFileAtomic}. Every row must have as many fields as the
 * header. For rows produced lazily, {@link writeCsvAtomic} streams them instead.
 */
export class CsvWriter {
  // finished chunks are kept as UTF-8 bytes: off the JS heap, and no long-lived string ropes for the GC to trace
  private readonly done: Buffer[] = [];
  private pending: string;
  private rows = 0;

  /** Starts a file with `header` as its first line; chunks close after `chunkChars` characters. */
  constructor(
    readonly header: readonly string[],
    private readonly chunkChars: number = DEFAULT_CHUNK_CHARS,
  ) {
    checkShape('CsvWriter', header, chunkChars);
    this.pending = csvLine(header);
  }

  /** Number of rows added (the header not counted). */
  get rowCount(): number {
    return this.rows;
  }

  /** Appends one row; throws a ContractError when its width differs from the header's. */
  addRow(fields: readonly CsvField[]): this {
    if (fields.length !== this.header.length) throw widthError(this.rows, fields.length, this.header);
    this.pending += csvLine(fields);
    this.rows++;
    if (this.pending.length >= this.chunkChars) {
      this.done.push(Buffer.from(this.pending, 'utf8'));
      this.pending = '';
    }
    return this;
  }

  /** The text so far as chunks, in order; the writer stays usable. */
  *chunks(): IterableIterator<string> {
    for (const b of this.done) yield b.toString('utf8');
    if (this.pending.length > 0) yield this.pending;
  }

  /** The bytes so far as chunks, in order (what `writeTo` writes). */
  *byteChunks(): IterableIterator<Uint8Array> {
    yield* this.done;
    if (this.pending.length > 0) yield Buffer.from(this.pending, 'utf8');
  }

  /** The whole text so far. */
  toString(): string {
    return [...this.chunks()].join('');
  }

  /** Writes the text to `path` atomically: readers see the old file or the whole new one. */
  writeTo(path: string): void {
    writeFileAtomic(path, this.byteChunks());
  }
}

/**
 * Writes a CSV file of `header` then `rows` atomically, turning rows into chunks of about
 * `chunkChars` characters as they are pulled, so the whole text is never held at once. If the
 * rows throw, no file is left at `path` (nor any temp file) and the error propagates.
 */
export function writeCsvAtomic(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly CsvField[]>,
  chunkChars: number = DEFAULT_CHUNK_CHARS,
): void {
  writeFileAtomic(path, csvChunks(header, rows, chunkChars));
}

function* csvChunks(header: readonly string[], rows: Iterable<readonly CsvField[]>, chunkChars: number): Generator<string> {
  checkShape('writeCsvAtomic', header, chunkChars);
  let chunk = csvLine(header);
  let index = 0;
  for (const row of rows) {
    if (row.length !== header.length) throw widthError(index, row.length, header);
    chunk += csvLine(row);
    index++;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Writes a CSV file of `header` then the rows of a column table of text (`columns[k][i]` is row i's
 * field k; `keep` filters rows by index) atomically: the same bytes as {@link writeCsvAtomic} over
 * those rows, without a row array or a line string per row. Fields go straight into a buffer of
 * `bufferBytes` bytes (see ByteSink); only a field that needs quoting or is not ASCII goes through csvEscape.
 */
export function writeColumnsCsvAtomic(
  path: string,
  header: readonly string[],
  columns: ReadonlyArray<readonly string[]>,
  keep?: (i: number) => boolean,
  bufferBytes: number = SINK_BYTES,
): void {
  checkShape('writeColumnsCsvAtomic', header, bufferBytes);
  if (columns.length !== header.length) throw widthError(0, columns.length, header);
  const n = columns[0]!.length;
  for (const c of columns) {
    if (c.length !== n) throw new ContractError(`writeColumnsCsvAtomic: column lengths differ (${c.length} and ${n}); every column needs one entry per row`);
  }
  const width = columns.length;
  writeFileAtomicSink(path, (sink) => {
    sink.text(csvLine(header));
    for (let i = 0; i < n; i++) {
      if (keep !== undefined && !keep(i)) continue;
      for (let k = 0; k < width; k++) {
        if (k > 0) sink.byte(44);
        const field = columns[k]![i]!;
        if (!sink.plainCsv(field)) sink.text(csvEscape(field));
      }
      sink.byte(10);
    }
  }, bufferBytes);
}

function checkShape(where: string, header: readonly string[], chunkChars: number): void {
  if (header.length === 0) throw new ContractError(`${where}: the header must name at least one column`);
  if (!(chunkChars >= 1)) throw new ContractError(`${where}: \`chunkChars\` must be at least 1; got ${chunkChars}`);
}

function widthError(row: number, width: number, header: readonly string[]): ContractError {
  return new ContractError(
    `CSV row ${row} has ${width} fields but the header has ${header.length} (${header.join(',')}); pass one value per column, null for an empty one`,
  );
}

