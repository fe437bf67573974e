// `node --expose-gc dist/bench/event-floor.js [trades] [reps]`: the floor under the whole engine's
// events/s. It publishes the events of the dense workload's round trips (SMA 5/20 on 1M bars: 31,518
// trips, 7 events each) as the services do, with nothing of the services' own work: each event made
// by the run's EventFactory (a uuid, the envelope), its payload with every text the contract carries
// (ids, RFC 3339 times from the engine's time cache, prices and values as decimal texts made by
// numStr), delivered on the real EventBus to the real ReportingService (which keeps the columns
// results.json and the CSVs are written from) and to one empty subscriber per other service. No
// decimal.js, no kernel. Then, timed apart, the outputs of those columns alone: fills.csv, trades.csv
// and the fill and trade columns of results.json, written by the run's own writers. Prints the
// events/s of that floor beside the foundation's target (500,000 events/s for the whole engine,
// outputs included), so that what the event layer alone costs is measured, not guessed.
import { EventBus, EventFactory, IdFactory } from '../src/events/index.js';
import { ReportingService } from '../src/reporting/index.js';
import { isoUtc } from '../src/model/index.js';
import { numStr } from '../src/model/index.js';
import { writeFillsCsv, writeTradesCsv } from '../src/reporting/csv-outputs.js';
import { writeResultsJson, type RunResults } from '../src/reporting/results.js';
import { writeFileAtomicSink } from '../src/reporting/byte-sink.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [tradesArg, repsArg] = process.argv.slice(2);
const trades = Number(tradesArg ?? 31_518);
const reps = Number(repsArg ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;

/** What a run of the floor includes beyond making the events. */
interface Parts {
  /** Publish each event on the bus (else it is made and dropped). */
  readonly deliver: boolean;
  /** Subscribe the ReportingService (its columns). */
  readonly reporting: boolean;
}

/** One run of `trades` round trips: the events published, and the reporting columns. */
function run(parts: Parts = { deliver: true, reporting: true }): { events: number; reporting: ReportingService } {
  const real = new EventBus();
  let made = 0;
  // without delivery, publishing only counts the event
  const bus = parts.deliver ? real : ({ publish: () => void made++, subscribe: real.subscribe.bind(real), get count() { return made; } } as unknown as EventBus);
  const ids = new IdFactory('floor');
  const strategy = new EventFactory(ids, 'strategy');
  const manager = new EventFactory(ids, 'manager');
  const execution = new EventFactory(ids, 'execution');
  const ledger = new EventFactory(ids, 'ledger');
  const reporting = new ReportingService(parts.reporting ? bus : new EventBus());
  // the other services' subscriptions, doing nothing (their work is what this floor leaves out)
  let seen = 0;
  for (const topic of ['signal', 'order', 'fill', 'fill', 'trade', 'order_status']) bus.subscribe(topic, () => void seen++);
  // minute bars from 2000-01-03 14:30 UTC, a trip every 32 bars held 16; prices a walk in cents
  const t0 = Date.UTC(2000, 0, 3, 14, 30);
  let cents = 10_000;
  for (let k = 0; k < trades; k++) {
    const bar = 32 * k;
    const entryAt = isoUtc(t0 + bar * 60_000), entryFillAt = isoUtc(t0 + (bar + 1) * 60_000);
    const exitAt = isoUtc(t0 + (bar + 16) * 60_000), exitFillAt = isoUtc(t0 + (bar + 17) * 60_000);
    cents += (k * 7919) % 41 - 20;
    const pIn = numStr(cents / 100), pOut = numStr((cents + ((k * 104729) % 61) - 30) / 100);
    const trade = ids.next();
    const fills: string[] = [];
    for (const [side, at, fillAt, price] of [['buy', entryAt, entryFillAt, pIn], ['sell', exitAt, exitFillAt, pOut]] as const) {
      const signalId = strategy.id();
      const signal = strategy.make('signal', at, {
        signal_id: signalId, timestamp: at, strategy_id: 'sma_cross', symbol: 'SYN', intention: side === 'buy' ? 'OPEN_LONG' : 'CLOSE_LONG',
        confidence: '1', price, reason: side === 'buy' ? 'SMA(5) crossed above SMA(20)' : 'SMA(5) crossed below SMA(20)', metadata: { fast: 5, slow: 20 },
      }, signalId, null);
      bus.publish(signal);
      const orderId = manager.id();
      const order = manager.make('order', at, {
        order_id: orderId, timestamp: at, symbol: 'SYN', side, quantity: '100', order_type: 'market', intent_id: signalId,
        idempotency_key: `${signalId}:1`, time_in_force: 'GTC', source_strategy_id: 'sma_cross',
      }, signalId, signal.event_id);
      bus.publish(order);
      const fillId = execution.id();
      fills.push(fillId);
      const gross = numStr(Number(price) * 100);
      bus.publish(execution.make('fill', fillAt, {
        fill_id: fillId, order_id: orderId, timestamp: fillAt, symbol: 'SYN', side, filled_quantity: '100', fill_price: price, commission: '0.5',
        gross_value: gross, net_value: side === 'buy' ? `-${gross}` : gross, remaining_quantity: '0', strategy_id: 'sma_cross',
        reason: `market order filled at the next bar's open ${price}`,
      }, signalId, order.event_id));
    }
    bus.publish(ledger.make('trade', exitFillAt, {
      trade_id: trade, strategy_id: 'sma_cross', symbol: 'SYN', side: 'long', status: 'closed', fill_ids: fills, entry_timestamp: entryFillAt,
      exit_timestamp: exitFillAt, entry_price: pIn, exit_price: pOut, quantity: '100', realized_pnl: numStr(Number(pOut) * 100 - Number(pIn) * 100), commission_total: '1',
    }, null, null));
  }
  return { events: bus.count, reporting };
}

const dir = mkdtempSync(join(tmpdir(), 'qtrader-floor-'));
let best = Infinity, bestOut = Infinity, events = 0;
for (let r = 0; r < reps; r++) {
  gc?.();
  const t = performance.now();
  const res = run();
  best = Math.min(best, (performance.now() - t) / 1000);
  events = res.events;
  // the writers read only these columns of the results
  const partial = { fills: res.reporting.fillCols, trades: res.reporting.tradeCols } as unknown as RunResults;
  const t1 = performance.now();
  writeFileAtomicSink(join(dir, 'results.json'), (sink) => writeResultsJson(sink, partial));
  writeFillsCsv(join(dir, 'fills.csv'), partial);
  writeTradesCsv(join(dir, 'trades.csv'), partial);
  bestOut = Math.min(bestOut, (performance.now() - t1) / 1000);
}
rmSync(dir, { recursive: true, force: true });
// the parts of the floor, each the best of `reps` runs, interleaved
const partCases: Array<[string, Parts]> = [['events made, not published', { deliver: false, reporting: false }], ['published to empty subscribers', { deliver: true, reporting: false }]];
const partBest = partCases.map(() => Infinity);
for (let r = 0; r < reps; r++) {
  partCases.forEach(([, parts], i) => {
    gc?.();
    const t = performance.now();
    run(parts);
    partBest[i] = Math.min(partBest[i]!, (performance.now() - t) / 1000);
  });
}
const rate = events / best;
process.stdout.write(`event floor: ${events.toLocaleString('en-US')} events (${trades.toLocaleString('en-US')} round trips × 7) in ${(best * 1000).toFixed(0)} ms, best of ${reps}: ` +
  `${Math.round(rate).toLocaleString('en-US')} events/s, ${(1e6 / rate).toFixed(2)} µs per event; the whole engine's target is 500,000 events/s (2.00 µs per event, outputs included)\n`);
partCases.forEach(([name], i) => process.stdout.write(`  of which ${name}: ${(partBest[i]! * 1000).toFixed(0)} ms, ${(partBest[i]! * 1e6 / events).toFixed(2)} µs per event\n`));
process.stdout.write(`their outputs (fills.csv, trades.csv, results.json's fill and trade columns): ${(bestOut * 1000).toFixed(0)} ms, ${(bestOut * 1e6 / events).toFixed(2)} µs per event; ` +
  `events and outputs: ${Math.round(events / (best + bestOut)).toLocaleString('en-US')} events/s\n`);
process.stdout.write(JSON.stringify({ events, seconds: best, output_seconds: bestOut, events_per_s: rate, with_outputs_per_s: events / (best + bestOut) }) + '\n');
