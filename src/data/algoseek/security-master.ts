// The Algoseek security master: SecId, ticker and name histories with date ranges, listing status and
// sector/industry; answers point-in-time questions (which SecId was AAPL on a date) and ticker changes.
import { dataErrorAt } from '../../model/errors.js';
import { isoDateOfDays, daysFromCivil } from '../../model/civil-date.js';
import { headerIndex } from '../ingest/row-checks.js';
import { Kind, RowScanner, spanText } from '../ingest/row-scanner.js';
import { splitHeader } from '../ingest/csv-chunk-parser.js';
import type { BadRows } from '../ingest/row-tally.js';

/** A value valid over an inclusive range of dates (`YYYY-MM-DD`); `end` null means still valid. */
export interface Dated<T> {
  readonly value: T;
  readonly start: string;
  readonly end: string | null;
}

/** One security of the master file. */
export interface SecurityRecord {
  readonly secId: number;
  readonly tickers: readonly Dated<string>[];
  readonly names: readonly Dated<string>[];
  readonly isin: string;
  readonly listStatus: string;
  readonly description: string;
  readonly primaryExchange: string;
  readonly sic: string;
  readonly sector: string;
  readonly industry: string;
  readonly figi: string;
}

/** Open ends of date ranges in Algoseek reference files. */
const OPEN_ENDS = new Set(['20991231', '29991231']);

/** Parses `yyyymmdd:yyyymmdd;…` against the `;`-separated values; throws a message on mismatch. */
function dated(values: string, ranges: string, what: string): Dated<string>[] {
  if (values.trim() === '') return [];
  const v = values.split(';');
  const r = ranges.split(';');
  if (v.length !== r.length) throw new Error(`${what}: ${v.length} value(s) but ${r.length} date range(s); expected one yyyymmdd:yyyymmdd range per value`);
  return v.map((value, i) => {
    const m = /^(\d{8}):(\d{8})$/.exec(r[i]!.trim());
    if (!m) throw new Error(`${what}: date range "${r[i]}" is not yyyymmdd:yyyymmdd`);
    const iso = (s: string): string => {
      const y = Number(s.slice(0, 4));
      const mo = Number(s.slice(4, 6));
      const d = Number(s.slice(6, 8));
      if (mo < 1 || mo > 12 || d < 1 || d > 31) throw new Error(`${what}: "${s}" is not a valid date`);
      return isoDateOfDays(daysFromCivil(y, mo, d));
    };
    return { value: value.trim(), start: iso(m[1]!), end: OPEN_ENDS.has(m[2]!) ? null : iso(m[2]!) };
  });
}

const REQUIRED = ['SecId', 'Tickers', 'TickersStartToEndDate'];

/**
 * Parses security-master CSV bytes. Bad rows follow the policy of `bad` (error names file, line and
 * column). Records come out sorted by SecId.
 */
export function parseSecurityMaster(bytes: Uint8Array, bad: BadRows): SecurityRecord[] {
  const buf = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let e = pos;
  while (e < buf.length && buf[e] !== 10) e++;
  const names = splitHeader(Buffer.from(buf.subarray(pos, e)).toString('utf8').replace(/\r$/, ''));
  const at = headerIndex(names);
  for (const r of REQUIRED) {
    if (at(r) < 0) {
      bad.reject(1, r, 'bad-header', `missing column; the security master header starts SecId,Tickers,TickersStartToEndDate,Name,…; found ${names.join(',')}`, 0);
      return [];
    }
  }
  const sc = new RowScanner(names.map(() => Kind.span));
  const get = (name: string): string => {
    const i = at(name);
    return i < 0 || i >= sc.count ? '' : spanText(buf, sc.starts[i]!, sc.ends[i]!).trim();
  };
  const out: SecurityRecord[] = [];
  let line = 1;
  pos = Math.min(buf.length, e + 1);
  while (pos < buf.length) {
    line++;
    if (buf[pos] === 10 || (buf[pos] === 13 && buf[pos + 1] === 10)) {
      pos += buf[pos] === 10 ? 1 : 2;
      continue;
    }
    pos = sc.scan(buf, pos, buf.length);
    bad.tally.read++;
    if (sc.count !== names.length) {
      bad.reject(line, sc.count + 1, 'field-count', `row has ${sc.count} field(s); expected ${names.length} as in the header`);
      continue;
    }
    const secId = Number(get('SecId'));
    if (!Number.isSafeInteger(secId) || secId <= 0) {
      bad.reject(line, 'SecId', get('SecId') === '' ? 'missing-value' : 'bad-number', `expected a positive integer SecId; got "${get('SecId')}"`);
      continue;
    }
    let tickers: Dated<string>[];
    let namesHist: Dated<string>[];
    try {
      tickers = dated(get('Tickers'), get('TickersStartToEndDate'), 'Tickers');
      namesHist = dated(get('Name'), get('NameStartToEndDate'), 'Name');
    } catch (err) {
      bad.reject(line, 'TickersStartToEndDate', 'bad-date', (err as Error).message);
      continue;
    }
    out.push({
      secId, tickers, names: namesHist, isin: get('ISIN'), listStatus: get('ListStatus'), description: get('SecurityDescription'),
      primaryExchange: get('PrimaryExchange'), sic: get('Sic'), sector: get('Sector'), industry: get('Industry'), figi: get('FIGI'),
    });
    bad.tally.written++;
  }
  return out.sort((a, b) => a.secId - b.secId);
}

/** A change of ticker of one security, effective on `date` (the new ticker's first day). */
export interface TickerChange {
  readonly secId: number;
  readonly from: string;
  readonly to: string;
  readonly date: string;
}

/** Point-in-time look-ups over security-master records. */
export class SecurityMaster {
  private readonly bySecId = new Map<number, SecurityRecord>();
  private readonly byTicker = new Map<string, { secId: number; range: Dated<string> }[]>();

  constructor(readonly records: readonly SecurityRecord[]) {
    for (const r of records) {
      if (this.bySecId.has(r.secId)) throw dataErrorAt('security master', undefined, 'SecId', `SecId ${r.secId} is listed twice`);
      this.bySecId.set(r.secId, r);
      for (const t of r.tickers) {
        let list = this.byTicker.get(t.value);
        if (!list) this.byTicker.set(t.value, (list = []));
        list.push({ secId: r.secId, range: t });
      }
    }
  }

  /** The record of a SecId. */
  record(secId: number): SecurityRecord | undefined {
    return this.bySecId.get(secId);
  }

  /** The SecId that carried `ticker` on `date` (`YYYY-MM-DD`), or undefined. */
  secIdAt(ticker: string, date: string): number | undefined {
    return this.byTicker.get(ticker)?.find((e) => inRange(e.range, date))?.secId;
  }

  /** The ticker of `secId` on `date`, or undefined. */
  tickerAt(secId: number, date: string): string | undefined {
    return this.bySecId.get(secId)?.tickers.find((t) => inRange(t, date))?.value;
  }

  /** Sector and industry of the security that carried `ticker` on `date`. */
  sectorOf(ticker: string, date: string): { sector: string; industry: string } | undefined {
    const id = this.secIdAt(ticker, date);
    const r = id === undefined ? undefined : this.bySecId.get(id);
    return r ? { sector: r.sector, industry: r.industry } : undefined;
  }

  /** Every ticker change, ordered by date then SecId. */
  tickerChanges(): TickerChange[] {
    const out: TickerChange[] = [];
    for (const r of this.records) {
      const ts = [...r.tickers].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      for (let i = 1; i < ts.length; i++) {
        if (ts[i]!.value !== ts[i - 1]!.value) out.push({ secId: r.secId, from: ts[i - 1]!.value, to: ts[i]!.value, date: ts[i]!.start });
      }
    }
    return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.secId - b.secId));
  }
}

function inRange(r: Dated<string>, date: string): boolean {
  return r.start <= date && (r.end === null || date <= r.end);
}
