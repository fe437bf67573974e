// The catalog keys of the `data:` section of a run config: their JSON Schema and their normalized
// form (which catalog, dataset, session, price modes and bar size the run reads).
import type { Session } from '../data/catalog/session.js';
import type { PriceMode } from '../data/corporate-actions/adjustment.js';

const priceMode = { enum: ['raw', 'split_adjusted', 'total_return'] };

/** Schema properties added to `data:` for catalog runs. */
export const DATA_CATALOG_PROPERTIES = {
  catalog: { type: 'string', minLength: 1, description: 'catalog folder written by `qtrader ingest`; replaces path/files' },
  dataset: { type: 'string', minLength: 1, description: 'catalog dataset (1m, 1s, taq-1m, 1d, …); default: the only one, else 1m' },
  session: { enum: ['regular', 'extended'], description: 'regular: 09:30–16:00 exchange time only; extended (default): every bar the data has' },
  prices: { ...priceMode, description: 'what open/high/low/close/volume hold: raw (as traded, default), split_adjusted or total_return' },
  signal_prices: { ...priceMode, description: 'also provide adjusted adj_* columns for signals while fills use `prices`' },
  bar: { type: 'string', pattern: '^\\d+(m|h)$|^1d$', description: 'resample to this bar size: 5m, 15m, 1h, 1d, …' },
  quotes: {
    type: 'boolean',
    description: 'read the bid/ask of trade-and-quote datasets (Algoseek TAQ: open_bid, open_ask, close_bid, close_ask) so market orders fill at the quote (buys at the ask, sells at the bid) and `execution.slippage.model: spread` works; default true (with data.prices raw only: quotes are not adjusted)',
  },
  corporate_actions: {
    type: 'boolean',
    description: 'apply the catalog\'s corporate actions in the ledger (splits, dividends from the Algoseek daily factors; symbol changes, delistings from the security master) on their ex dates; default true (nothing happens for symbols the catalog has no factors for). Actions already in the prices are left out: splits with prices split_adjusted, splits and dividends with total_return',
  },
} as const;

/** The normalized catalog settings of a run. */
export interface DataCatalogSection {
  readonly dir: string;
  readonly dataset?: string;
  readonly session: Session;
  readonly prices: PriceMode;
  readonly signal_prices?: PriceMode;
  readonly bar?: string;
  /** Read the dataset's bid/ask columns for quote-side fills (default true; raw prices only). */
  readonly quotes: boolean;
  /** Apply the catalog's corporate actions in the ledger (default true). */
  readonly corporate_actions: boolean;
}

/**
 * The catalog settings of a raw `data:` object, or undefined when it names no catalog. `fail` reports
 * a key and what is wrong with it (e.g. path or files given too, or symbols missing).
 */
export function catalogSection(data: Record<string, any>, fail: (key: string, what: string) => never): DataCatalogSection | undefined {
  if (data['catalog'] === undefined) {
    for (const k of ['dataset', 'session', 'prices', 'signal_prices', 'bar', 'quotes', 'corporate_actions']) if (data[k] !== undefined) fail(`data.${k}`, 'applies to catalog runs only; add `data.catalog`');
    return undefined;
  }
  if (data['path'] !== undefined) fail('data.path', 'cannot be given together with `data.catalog`');
  if (data['files'] !== undefined) fail('data.files', 'cannot be given together with `data.catalog`');
  if (data['generate'] !== undefined) fail('data.generate', 'cannot be given together with `data.catalog`');
  if (!Array.isArray(data['symbols']) || data['symbols'].length === 0) fail('data.symbols', 'is required with `data.catalog`: list the symbols to run (`qtrader catalog ls` shows what is there)');
  return {
    dir: data['catalog'], session: data['session'] ?? 'extended', prices: data['prices'] ?? 'raw', quotes: data['quotes'] ?? true, corporate_actions: data['corporate_actions'] ?? true,
    ...(data['dataset'] !== undefined ? { dataset: data['dataset'] } : {}),
    ...(data['signal_prices'] !== undefined ? { signal_prices: data['signal_prices'] } : {}),
    ...(data['bar'] !== undefined ? { bar: data['bar'] } : {}),
  };
}
