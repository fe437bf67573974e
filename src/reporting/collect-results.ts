// Assembles a finished run's saved results (results.json) from what the reporting service
// collected on the bus and what was recorded of the bars (benchmark, chart price, trade bars).
import { decStr, Decimal, isoUtc } from '../model/index.js';
import type { OrderPayload } from '../events/index.js';
import { barIndices } from './market-series.js';
import type { MarketRecord } from './market-record.js';
import { emptyColumns, POSITION_KEYS, RESULTS_FORMAT, type IntrabarBoundsResult, type ReportOptions, type RunResults } from './results.js';
import { appendPositions, type ReportingService } from './reporting-service.js';

/** What the saved results need beyond the reporting service's columns. */
export interface CollectInput {
  readonly runId: string;
  readonly version: string;
  readonly engine: 'wasm' | 'js';
  /** The validated config, echoed into run.json. */
  readonly config: unknown;
  /** What the run saw of the bars (see MarketRecorder; recordBars for whole bars). */
  readonly market: MarketRecord;
  readonly initialCash: string;
  readonly unfilled: readonly OrderPayload[];
  readonly options: ReportOptions;
  readonly flags?: readonly string[];
  /** The fills used the signal bar's own close (same_close): the result is optimistic. */
  readonly optimistic?: boolean;
  /** Worst and best case of the intrabar path, when the run had ambiguous bars. */
  readonly intrabarBounds?: IntrabarBoundsResult | null;
}

/** Builds the {@link RunResults} of a finished run. */
export function collectResults(rep: ReportingService, input: CollectInput): RunResults {
  const bars = input.market;
  const T = bars.length;
  const validBars = bars.validBars;
  const finalPositions = emptyColumns(POSITION_KEYS);
  if (rep.lastSnapshot) appendPositions(finalPositions, rep.lastSnapshot, true);
  return {
    format: RESULTS_FORMAT,
    run: {
      run_id: input.runId,
      qtrader_version: input.version,
      engine: input.engine,
      config: input.config,
      data: {
        symbols: [...bars.symbols],
        timestamps: T,
        bars: validBars,
        first_timestamp: T > 0 ? isoUtc(bars.tsMs[0]!) : null,
        last_timestamp: T > 0 ? isoUtc(bars.tsMs[T - 1]!) : null,
        timezone: bars.timezone,
      },
      initial_cash: decStr(new Decimal(input.initialCash)),
      counts: { bars: validBars, ...rep.counts },
      risk_violations_by_rule: Object.fromEntries(Object.entries(rep.violationsByRule).sort(([a], [b]) => (a < b ? -1 : 1))),
      risk_reductions_by_rule: Object.fromEntries(Object.entries(rep.reductionsByRule).sort(([a], [b]) => (a < b ? -1 : 1))),
      unfilled_orders: input.unfilled.map((o) => ({ order_id: o.order_id, symbol: o.symbol, side: o.side, quantity: o.quantity, timestamp: o.timestamp })),
      flags: [...(input.flags ?? [])],
      optimistic: input.optimistic ?? false,
      intrabar_bounds: input.intrabarBounds ?? null,
    },
    options: input.options,
    snapshots: rep.snapshotCols,
    positions: rep.positionCols,
    final_positions: finalPositions,
    fills: rep.fillCols,
    trades: rep.tradeCols,
    trade_entry_bars: barIndices(rep.tradeCols.entry_time, bars.tsMs),
    trade_exit_bars: barIndices(rep.tradeCols.exit_time, bars.tsMs),
    benchmark: bars.benchmark,
    price: bars.price,
  };
}
