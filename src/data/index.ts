// Public face of the data layer: calendars, synthetic data, bar readers and writers, loading and
// alignment of symbols into AlignedBars, and atomic file output.
export { DEFAULT_ZONE, ZoneOffsetTable, zoneOffsets, utcOffsetMs, localToUtcMs, dayEndFlags, isoUtc, isoLocal } from './calendar.js';
export { DAY_MS, daysFromCivil, civilFromDays, weekdayOfDays, daysInMonth, isoDateOfDays, parseIsoDate, type CivilDate } from './civil-date.js';
export { MIN_NS_MS, MAX_NS_MS, nsToMs, msToNs } from './int64-ns.js';
export { Rng, hashString } from './rng.js';
export { generateBars, writeGenerated, SESSION_BARS, type GenerateOptions, type GeneratedFormat } from './generate.js';
export { BAR_COLUMNS, checkBar, describeBarProblem, BarProblem, type BarProblemReport } from './bar-rules.js';
export { readCsvBars, parseCsvBars, type ReadBarsOptions } from './csv-reader.js';
export { writeCsvBars, formatNumber, type WriteBarsOptions } from './csv-writer.js';
export { readParquetBars, writeParquetBars, encodeParquetBars, parquetWriterProperties } from './parquet-io.js';
export { readArrowBars, writeArrowBars, encodeArrowBars } from './arrow-io.js';
export { barsToArrowTable, BATCH_ROWS } from './arrow-table.js';
export { loadBars, readerFor, type BarFileSpec, type LoadBarsOptions, type BarReader } from './load.js';
export { alignBars, type AlignRange } from './align.js';
export { writeFileAtomic, writeFileAtomicStream, tempPathFor, type ChunkWriter, type AtomicWriteOptions } from '../model/atomic-write.js';
