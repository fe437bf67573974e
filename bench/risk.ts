// `node dist/bench/risk.js [bars] [reps]`: what risk rules cost on the foundation's sparse workload
// (SMA 50/200 on one symbol of synthetic minute bars, 1M bars by default), in one process, runs
// interleaved. Sizing changes the quantities the ledger and execution handle, so each policy is
// compared with the run of the same sizing and no limit: fixed quantity 100 (the foundation) with and
// without naive.yaml's limits; fixed 10% of equity (naive.yaml's sizing) alone, as naive.yaml, and with
// every limit on; and every limit plus enforced exits (which also measures execution: every position
// then rests two bracket legs that the kernel checks each bar). Reports bars/s, the ratio to the
// case's baseline, and the manager's signals handled per second (time inside PortfolioManager.onSignal).
// Run with `node --expose-gc` to collect garbage between runs, so one case's garbage is not collected
// in the next case's time; the process CPU time of each run is reported beside the wall time.
// `--fresh`: every run in a process of its own (as each `qtrader run` is), cases interleaved: in one
// process V8 drops a run's optimised code with the run's objects and compiles it again in the next
// run, at a moment that depends on garbage collection, which makes in-process ratios swing.
// `--fresh --per-process N`: each process runs one case N times and keeps its best, which is how the
// foundation's bars/s are measured (bench/run-all.ts: a process per scenario, best of 3): the cold
// first run, when the checks run before they are optimised, is then paid in every case alike.
// With --fresh and 2+ repetitions it also prints, per case, the median over the repetitions (rounds)
// of each round's ratio to its baseline: the steadier figure on a machine whose speed drifts.
import { generateBars, alignBars } from '../src/data/index.js';
import { normalizeConfig, type RunConfig } from '../src/config/index.js';
import { runEngine } from '../src/engine/index.js';
import { PortfolioManager } from '../src/manager/index.js';

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const flagAt = (name: string): number => argv.indexOf(name);
const onlyCase = flagAt('--case') >= 0 ? argv[flagAt('--case') + 1] : undefined;
const fresh = argv.includes('--fresh');
// --per-process N (with --fresh): each child runs its case N times and reports the best, as the
// foundation's bench (bench/run-all.ts: each scenario in its own process, best of 3) measures bars/s
const perProcess = flagAt('--per-process') >= 0 ? Number(argv[flagAt('--per-process') + 1]) : 1;
if (!(Number.isInteger(perProcess) && perProcess >= 1)) throw new Error('--per-process: expected a whole number of runs ≥ 1');
const [barsArg, repsArg] = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--case' && argv[i - 1] !== '--per-process');
const bars = Number(barsArg ?? 1_000_000);
// a child of --fresh runs its one case `repsArg` times (1 unless --per-process)
const reps = onlyCase !== undefined ? Number(repsArg ?? 1) : Number(repsArg ?? 3);

// time spent in the manager's signal handler (the subscription calls the prototype method)
let managerMs = 0;
let managerSignals = 0;
const onSignal = PortfolioManager.prototype.onSignal;
PortfolioManager.prototype.onSignal = function (this: PortfolioManager, e) {
  const t0 = performance.now();
  onSignal.call(this, e);
  managerMs += performance.now() - t0;
  managerSignals++;
};

const series = generateBars({ symbols: ['SYN'], bars, seed: 7, start: '2000-01-03', zone: 'America/New_York' });
const aligned = alignBars(series, 'America/New_York', {});

// every limit on, set wide enough that the run trades like the others (the checks run; they rarely bind)
const allLimits = {
  max_position_pct: 5, max_gross_leverage: 5, max_net_leverage: 5, cash_buffer: 0.01, max_open_positions: 10,
  max_sector_pct: 5, max_industry_pct: 5, max_adv_pct: 1, adv_days: 20, max_drawdown: 0.9, drawdown_action: 'flatten', daily_loss_limit: 0.5,
};
const every = {
  sizing: { method: 'volatility_target', target_risk: 0.0005, volatility: 'atr', window: 20, lot_size: 1, min_ticket_value: 100 },
  limits: allLimits,
  classification: { sectors: { SYN: 'Synthetic' }, industries: { SYN: 'Noise' } },
};
// exits far from the price: the legs rest (execution's cost) but never fill, so trades stay comparable
const everyExits = { ...every, stops: { stop_loss: { percent: 0.9 }, take_profit: { percent: 9 } } };

const naiveLimits = { cash_buffer: 0.05, max_gross_leverage: 1 };
const fraction = { method: 'fixed_fraction', fraction: 0.1 };
/** name, config over the defaults, the baseline case it is compared with */
const cases: Array<[string, Record<string, unknown>, string]> = [
  ['qty 100, no policy', { sizing: { method: 'fixed_quantity', quantity: 100 } }, 'qty 100, no policy'],
  ['qty 100, naive limits', { sizing: { method: 'fixed_quantity', quantity: 100 }, risk: { limits: naiveLimits } }, 'qty 100, no policy'],
  ['10%, no policy', { sizing: fraction }, '10%, no policy'],
  ['naive.yaml', { risk: 'naive' }, '10%, no policy'],
  ['10%, every limit', { risk: { ...every, sizing: fraction } }, '10%, no policy'],
  ['10%, every limit+exits', { risk: { ...everyExits, sizing: fraction } }, '10%, no policy'],
  ['vol target, every limit', { risk: every }, '10%, no policy'],
];
const baseline = new Map(cases.map(([n, , b]) => [n, b] as const));
if (onlyCase !== undefined && !cases.some(([n]) => n === onlyCase)) throw new Error(`--case: no case named "${onlyCase}"`);
const configs: Array<[string, RunConfig]> = cases.filter(([n]) => onlyCase === undefined || n === onlyCase).map(([name, over]) => [name, normalizeConfig({
  run: { engine: 'wasm', id: 'bench' }, data: { files: [{ path: 'SYN.parquet', symbol: 'SYN' }] },
  strategy: { name: 'sma_cross', params: { fast: 50, slow: 200 } }, portfolio: { initial_cash: '1000000' },
  execution: { commission: { per_share: '0.005', minimum: '1' } }, ...over,
}, 'bench')]);

interface Row {
  case: string; seconds: number; cpu_seconds: number; bars_per_s: number; signals: number; orders: number; violations: Record<string, number>; trades: number; final_equity: string;
  manager_ms: number; manager_signals_per_s: number;
}
// the manager's time is the least of the repetitions too (a loaded machine inflates single runs)
const managerBest = new Map<string, number>();
const best = new Map<string, Row>();
const cpuBest = new Map<string, number>();
const gc = (globalThis as { gc?: () => void }).gc;
// --fresh: this process only starts one child per case and repetition and keeps the best of each
const self = fileURLToPath(import.meta.url);
// --fresh: each round's time of every case, for the ratios of cases run minutes apart in one round
const rounds: Array<Map<string, Row>> = [];
for (let r = 0; fresh && r < reps; r++) {
  const round = new Map<string, Row>();
  rounds.push(round);
  for (const [name] of cases) {
    const out = execFileSync(process.execPath, [...process.execArgv, self, String(bars), String(perProcess), '--case', name], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const row = (JSON.parse(out.trim().split('\n').pop()!) as Row[])[0]!;
    round.set(name, row);
    cpuBest.set(name, Math.min(cpuBest.get(name) ?? Infinity, row.cpu_seconds));
    managerBest.set(name, Math.min(managerBest.get(name) ?? Infinity, row.manager_ms));
    const prev = best.get(name);
    if (!prev || row.seconds < prev.seconds) best.set(name, { ...row });
  }
}
for (let r = 0; !fresh && r < reps; r++) {
  for (const [name, cfg] of configs) {
    managerMs = 0;
    managerSignals = 0;
    gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = runEngine(cfg, aligned, { runId: 'bench' });
    const s = (performance.now() - t0) / 1000;
    const c1 = process.cpuUsage(c0);
    cpuBest.set(name, Math.min(cpuBest.get(name) ?? Infinity, (c1.user + c1.system) / 1e6));
    managerBest.set(name, Math.min(managerBest.get(name) ?? Infinity, managerMs));
    const prev = best.get(name);
    if (!prev || s < prev.seconds) {
      const c = res.reporting.counts;
      best.set(name, {
        case: name, seconds: s, cpu_seconds: 0, bars_per_s: Math.round(aligned.length / s), signals: c.signals, orders: c.orders, violations: { ...res.reporting.violationsByRule },
        trades: c.trades, final_equity: res.finalSnapshot.current_portfolio_equity, manager_ms: 0, manager_signals_per_s: managerSignals,
      });
    }
  }
}
// a child of --fresh: its one row, for the parent
if (onlyCase !== undefined) {
  const row = best.get(onlyCase)!;
  process.stdout.write(JSON.stringify([{ ...row, cpu_seconds: cpuBest.get(onlyCase)!, manager_ms: managerBest.get(onlyCase)! }]) + '\n');
  process.exit(0);
}
for (const row of best.values()) {
  row.manager_ms = managerBest.get(row.case)!;
  row.cpu_seconds = cpuBest.get(row.case)!;
  row.manager_signals_per_s = Math.round(row.manager_signals_per_s / (row.manager_ms / 1000));
}

const load = (await import('node:os')).loadavg()[0]!.toFixed(2);
const mode = !fresh ? '' : perProcess > 1 ? `, each process the best of ${perProcess} runs of one case` : ', each run in a fresh process';
process.stdout.write(`risk bench: ${aligned.length.toLocaleString('en-US')} bars, SMA 50/200, best of ${reps} interleaved${mode}, load average ${load}${gc ? ', gc between runs' : ''}\n`);
for (const row of best.values()) {
  const baseName = baseline.get(row.case)!;
  const base = best.get(baseName)!;
  const ratio = row.bars_per_s / base.bars_per_s;
  const cpuRatio = base.cpu_seconds / row.cpu_seconds;
  process.stdout.write(`${row.case.padEnd(24)} ${row.seconds.toFixed(3)} s  ${row.bars_per_s.toLocaleString('en-US').padStart(11)} bars/s  ×${ratio.toFixed(3)} of "${baseName}"  ` +
    `cpu ${row.cpu_seconds.toFixed(3)} s (×${cpuRatio.toFixed(3)})  ` +
    `manager ${row.manager_ms.toFixed(1)} ms (${row.manager_signals_per_s.toLocaleString('en-US')} signals/s; +${((row.manager_ms - managerBest.get(baseName)!) / 10 / base.seconds).toFixed(1)}% of the baseline run)  ` +
    `${row.signals} signals, ${row.orders} orders, ${row.trades} trades, violations ${JSON.stringify(row.violations)}, equity ${row.final_equity}\n`);
}
// On a shared machine per-core speed drifts by up to 1.5× over minutes, so the best times of two cases
// may come from different phases: the ratio of each round's two runs (run seconds apart) and their
// median across rounds is the steadier figure.
if (fresh && rounds.length > 1) {
  const median = (xs: number[]): number => {
    const v = [...xs].sort((a, b) => a - b);
    return v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
  };
  process.stdout.write(`median over ${rounds.length} rounds of each round's bars/s ratio to its baseline (wall, then CPU; min–max of the wall ratios):\n`);
  for (const [name, , baseName] of cases) {
    if (name === baseName) continue;
    const wall = rounds.map((r) => r.get(baseName)!.seconds / r.get(name)!.seconds);
    const cpu = rounds.map((r) => r.get(baseName)!.cpu_seconds / r.get(name)!.cpu_seconds);
    process.stdout.write(`${name.padEnd(24)} ×${median(wall).toFixed(3)} wall, ×${median(cpu).toFixed(3)} cpu of "${baseName}" (${Math.min(...wall).toFixed(2)}–${Math.max(...wall).toFixed(2)})\n`);
  }
}
process.stdout.write(JSON.stringify([...best.values()]) + '\n');
