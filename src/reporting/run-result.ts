// Builds the run result (run.json, contract reporting/run_result) from a finished run's collected state.
import type { OrderPayload, SnapshotPayload } from '../events/index.js';
import { decStr, isoUtc, Decimal } from '../model/index.js';
import { computeMetrics, roundMetrics, type Metrics } from './metrics.js';
import type { ReportingService } from './reporting-service.js';

/** Inputs of the run result beyond what the reporting service collected. */
export interface RunResultInput {
  readonly runId: string;
  readonly version: string;
  readonly engine: 'wasm' | 'js';
  readonly config: unknown;
  readonly symbols: readonly string[];
  readonly timestamps: number;
  readonly bars: number;
  readonly firstTsMs: number;
  readonly lastTsMs: number;
  readonly timezone: string;
  readonly initialCash: string;
  readonly finalSnapshot: SnapshotPayload;
  readonly unfilled: readonly OrderPayload[];
  readonly periodsPerYear: number;
  readonly riskFreeRate: number;
  readonly outputs: Readonly<Record<string, string>>;
  readonly flags?: readonly string[];
}

/** The run result object, as written to run.json. */
export interface RunResult {
  readonly run_id: string;
  readonly metrics: Metrics;
  readonly final_equity: string;
  readonly counts: Record<string, number>;
  readonly [key: string]: unknown;
}

/** Computes metrics from daily snapshot equity and closed trades, and assembles run.json. */
export function buildRunResult(input: RunResultInput, rep: ReportingService): RunResult {
  const snap = input.finalSnapshot;
  // daily returns are measured from the initial equity, then close to close
  const daily = new Float64Array(rep.snapshotEquity.length + 1);
  daily[0] = Number(input.initialCash);
  rep.snapshotEquity.forEach((s, i) => (daily[i + 1] = Number(s.equity)));
  const metrics = roundMetrics(computeMetrics({
    dailyEquity: daily,
    firstTsMs: input.firstTsMs,
    lastTsMs: input.lastTsMs,
    initialEquity: Number(input.initialCash),
    finalEquity: Number(snap.current_portfolio_equity),
    tradePnls: rep.tradePnls(),
    periodsPerYear: input.periodsPerYear,
    riskFreeRate: input.riskFreeRate,
  }));
  return {
    run_id: input.runId,
    qtrader_version: input.version,
    engine: input.engine,
    config: input.config,
    data: {
      symbols: [...input.symbols],
      timestamps: input.timestamps,
      bars: input.bars,
      first_timestamp: input.timestamps > 0 ? isoUtc(input.firstTsMs) : null,
      last_timestamp: input.timestamps > 0 ? isoUtc(input.lastTsMs) : null,
      timezone: input.timezone,
    },
    metrics,
    initial_cash: decStr(new Decimal(input.initialCash)),
    final_cash: snap.cash_balance,
    final_equity: snap.current_portfolio_equity,
    realized_pl: snap.total_realized_pl,
    unrealized_pl: snap.total_unrealized_pl,
    total_commissions: snap.total_commissions_paid ?? '0',
    counts: { bars: input.bars, ...rep.counts },
    risk_violations_by_rule: Object.fromEntries(Object.entries(rep.violationsByRule).sort(([a], [b]) => (a < b ? -1 : 1))),
    unfilled_orders: input.unfilled.map((o) => ({ order_id: o.order_id, symbol: o.symbol, side: o.side, quantity: o.quantity, timestamp: o.timestamp })),
    outputs: { ...input.outputs },
    flags: [...(input.flags ?? [])],
  };
}
