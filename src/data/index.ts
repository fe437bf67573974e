// Public face of the data layer: calendars, synthetic data, bar readers and writers, loading and
// alignment of symbols into AlignedBars, atomic file output; Algoseek and CSV ingest into the Parquet
// catalog, streaming time slices, corporate actions and price modes.
export { DEFAULT_ZONE, ZoneOffsetTable, zoneOffsets, utcOffsetMs, localToUtcMs, dayEndFlags, isoUtc, isoLocal } from './calendar.js';
export {
  CALENDAR_NAMES, easterSunday, inNyseRegularSession, isNyseTradingDay, nyseEarlyCloses, nyseHolidayName, nyseHolidays, regularSessionEnd, sessionHours,
  NYSE_CLOSE_MS, NYSE_EARLY_CLOSE_MS, NYSE_OPEN_MS, NYSE_SPECIAL_CLOSURES, NYSE_SPECIAL_EARLY_CLOSES, type CalendarDay, type CalendarName, type SessionHours,
} from './market-calendar.js';
export { DAY_MS, daysFromCivil, civilFromDays, weekdayOfDays, daysInMonth, isoDateOfDays, parseIsoDate, type CivilDate } from '../model/civil-date.js';
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
export { RowScanner, Kind, FieldFlag } from './ingest/row-scanner.js';
export { REJECT_REASONS, RowTally, BadRows, type RejectReason, type BadRowPolicy } from './ingest/row-tally.js';
export { LocalDayClock, parseDateField, parseTimeField } from './ingest/wall-clock.js';
export { readSource, identifySource, type ChunkSink, type SourceIdentity } from './ingest/source-reader.js';
export type { BarBlock } from './ingest/bar-block.js';
export { TradeBarParser, TRADE_COLUMNS, TRADE_BAR_HEADER } from './algoseek/trade-bars.js';
export { useTradeRowsScanner, type TradeRowsScanner } from './algoseek/trade-row-fast.js';
export { TaqBarParser, TAQ_COLUMNS, TAQ_FIELDS, type TaqLayout } from './algoseek/taq-bars.js';
export { DailyBarParser, STANDARD_DAILY_FIELDS, PRIMARY_DAILY_FIELDS, type DailyKind } from './algoseek/daily-bars.js';
export { SecurityMaster, parseSecurityMaster, type SecurityRecord, type Dated, type TickerChange } from './algoseek/security-master.js';
export { writeAlgoseekFiles, ALGOSEEK_FORMATS, type AlgoseekFormat, type AlgoseekWriteOptions } from './algoseek/synthetic-files.js';
export { GenericCsvParser } from './generic/generic-csv.js';
export { parseCsvMapping, CSV_PRESETS, type CsvMapping, type TimestampFormat } from './generic/csv-mapping.js';
export { ingest, type IngestOptions, type IngestSummary } from './catalog/ingest.js';
export { INGEST_FORMATS, type IngestFormat } from './catalog/source-parse.js';
export { Catalog, type CatalogSeries, type MsRange } from './catalog/catalog.js';
export { readManifest, manifestHash, type Manifest, type DatasetEntry, type SymbolEntry, type PartitionEntry, type SourceEntry } from './catalog/manifest.js';
export { DEFAULT_ROW_GROUP_ROWS, catalogWriterProperties, type CatalogCodec, type CatalogWriteOptions } from './catalog/partition-writer.js';
export { writeSeriesToCatalog, type SeriesToCatalogOptions } from './catalog/catalog-from-series.js';
export { SliceSource, openSliceSource, type AlignedSlice, type AlignedSliceSource } from './catalog/slice-source.js';
export { MemorySliceSource } from './catalog/memory-slice-source.js';
export { dateRangeMs, type SliceSourceOptions } from './catalog/slice-lanes.js';
export { readCatalogAligned } from './catalog/read-aligned.js';
export { ResampleStream, parseInterval, ruleOf, type Interval, type Rule } from './catalog/resample.js';
export { REGULAR_SESSION_MS, type Session } from './catalog/session.js';
export { CatalogRowStream, type RowStream, type RowBatch } from './catalog/row-stream.js';
export { corporateActionsFor, dailyFactorRows, factorSchedule, hasFactors, type DateRange } from './corporate-actions/catalog-actions.js';
export { actionsFromFactors, SPLIT_REASONS, PRICE_REASONS, type DailyFactorRows } from './corporate-actions/from-factors.js';
export { FactorSchedule, applyVendorFactors, PRICE_MODES, type PriceMode } from './corporate-actions/adjustment.js';
export type { CorporateActionRecord, CorporateActionKind } from './corporate-actions/record.js';
