// `node dist/bench/execution.js [bars] [symbols] [reps]`: end-to-end engine throughput (SMA 50/200 on
// synthetic minute bars) with 0, 10 and 1,000 resting orders per symbol, each case in its own process
// (so its peak memory is its own), and the 10-orders / 0-orders time ratio of this one invocation.
// Resting orders are GTC buy limits far below and buy stops far above the price (they never fill);
// a last case rests 10 trailing stops per symbol, whose levels the kernel moves every bar.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { generateBars, alignBars } from '../src/data/index.js';
import { normalizeConfig } from '../src/config/index.js';
import { runEngine, type EngineContext } from '../src/engine/index.js';

interface Row { orders: number; kind: string; seconds: number; bars: number; events: number; peak_rss_mib: number; final_equity: string }

/** Places `n` resting orders per symbol before the first bar. */
function resting(n: number, kind: string, symbols: readonly string[]) {
  return (c: EngineContext): void => {
    const f = c.events('bench');
    let k = 0;
    for (const symbol of symbols) {
      for (let i = 0; i < n; i++) {
        const id = f.id();
        const base = { order_id: id, timestamp: '2000-01-03T14:30:00Z', symbol, quantity: '1', intent_id: id, idempotency_key: `rest-${k++}`, time_in_force: 'GTC' as const };
        const order = kind === 'trailing'
          ? { ...base, side: 'buy' as const, order_type: 'trailing_stop' as const, stop_price: String(10_000 + i), trail_amount: '5000' }
          : i % 2 === 0
            ? { ...base, side: 'buy' as const, order_type: 'limit' as const, limit_price: String(1 + (i % 50) / 100) }
            : { ...base, side: 'buy' as const, order_type: 'stop' as const, stop_price: String(100_000 + i) };
        c.bus.publish(f.make('order', base.timestamp, order));
      }
    }
  };
}

function child(bars: number, nsym: number, reps: number, orders: number, kind: string): Row {
  const symbols = Array.from({ length: nsym }, (_, i) => `S${i}`);
  const series = generateBars({ symbols, bars: Math.floor(bars / nsym), seed: 7, start: '2000-01-03', zone: 'America/New_York' });
  const aligned = alignBars(series, 'America/New_York', {});
  const cfg = normalizeConfig({
    run: { engine: 'wasm', id: 'bench' }, data: { files: symbols.map((s) => ({ path: `${s}.parquet`, symbol: s })) },
    strategy: { name: 'sma_cross', params: { fast: 50, slow: 200 } }, portfolio: { initial_cash: '10000000' },
    sizing: { method: 'fixed_quantity', quantity: 100 }, execution: { commission: { per_share: '0.005', minimum: '1' } },
  }, 'bench');
  let best = Infinity;
  let res;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    res = runEngine(cfg, aligned, { runId: 'bench', services: resting(orders, kind, symbols) });
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return {
    orders, kind, seconds: best, bars: aligned.length * nsym, events: res!.reporting.counts.events,
    peak_rss_mib: m ? Number(m[1]) / 1024 : 0, final_equity: res!.finalSnapshot.current_portfolio_equity,
  };
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const [bars, nsym, reps, orders, kind] = args.slice(1);
  process.stdout.write(JSON.stringify(child(Number(bars), Number(nsym), Number(reps), Number(orders), kind!)) + '\n');
} else {
  const bars = Number(args[0] ?? 1_000_000), nsym = Number(args[1] ?? 4), reps = Number(args[2] ?? 3);
  const me = fileURLToPath(import.meta.url);
  const run = (orders: number, kind: string): Row => JSON.parse(execFileSync(process.execPath, [me, '--child', String(bars), String(nsym), String(reps), String(orders), kind], { encoding: 'utf8' }).trim().split('\n').pop()!) as Row;
  console.log(`qtrader execution bench: SMA 50/200, ${nsym} symbols, ${bars.toLocaleString('en-US')} bars in all, best of ${reps} (node ${process.version})\n`);
  console.log(['resting orders / symbol'.padEnd(34), 'bars/s'.padStart(12), 'seconds'.padStart(9), 'events'.padStart(8), 'peak MiB'.padStart(9), 'final equity'.padStart(14)].join(' '));
  const rows: Row[] = [];
  for (const [orders, kind, label] of [[0, 'limit+stop', '0'], [10, 'limit+stop', '10 (limits and stops, far away)'], [1000, 'limit+stop', '1,000 (limits and stops, far away)'], [10, 'trailing', '10 trailing stops (move every bar)']] as const) {
    const r = run(orders, kind);
    rows.push(r);
    console.log([label.padEnd(34), Math.round(r.bars / r.seconds).toLocaleString('en-US').padStart(12), r.seconds.toFixed(3).padStart(9), String(r.events).padStart(8), r.peak_rss_mib.toFixed(0).padStart(9), r.final_equity.padStart(14)].join(' '));
  }
  const same = rows.every((r) => r.final_equity === rows[0]!.final_equity);
  console.log(`\n10 resting orders / 0: ${(rows[1]!.seconds / rows[0]!.seconds).toFixed(2)}× the time (target ≤ 2×); 1,000 / 0: ${(rows[2]!.seconds / rows[0]!.seconds).toFixed(2)}×; ` +
    `10 trailing / 0: ${(rows[3]!.seconds / rows[0]!.seconds).toFixed(2)}×; the resting orders change no result: ${same ? 'yes' : 'NO'}`);
}
