// `qtrader catalog ls|show`: what a catalog holds — datasets and symbols with rows and time spans,
// and for one symbol its partitions, sources, corporate actions and security-master record.
import { Command } from 'commander';
import { Catalog, corporateActionsFor, type DatasetEntry } from '../data/index.js';

interface CatalogFlags {
  catalog: string;
  dataset?: string;
  json?: boolean;
}

const n = (x: number): string => x.toLocaleString('en-US');

function table(rows: string[][]): string {
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((x, c) => (c === 0 ? x.padEnd(w[c]!) : x.padStart(w[c]!))).join('  ')).join('\n');
}

function datasetsOf(c: Catalog, only?: string): [string, DatasetEntry][] {
  return (only ? [only] : c.datasets()).map((d) => [d, c.dataset(d)]);
}

/** The lines of `catalog ls`. */
export function formatCatalogList(c: Catalog, only?: string): string {
  const out: string[] = [];
  for (const [name, d] of datasetsOf(c, only)) {
    const syms = Object.entries(d.symbols);
    const rows = syms.reduce((t, [, e]) => t + e.rows, 0);
    out.push(`${name}  ${d.format}, ${n(syms.length)} symbols, ${n(rows)} rows, zone ${d.zone}, columns ${d.columns.join(',')}`);
    if (syms.length > 0) out.push(table([['  symbol', 'rows', 'first', 'last', 'files'], ...syms.map(([s, e]) => [`  ${s}`, n(e.rows), e.first, e.last, String(e.partitions.length)])]));
  }
  const m = c.manifest;
  out.push(`sources  ${n(m.sources.length)} files; rows ${n(m.totals.rows_read)} read, ${n(m.totals.rows_written)} written, ${n(Object.values(m.totals.rows_skipped).reduce((a, b) => a + b, 0))} skipped`);
  if (m.reference.security_master) out.push(`reference  security master: ${n(m.reference.security_master.records)} securities`);
  return out.join('\n');
}

/** What `catalog show SYMBOL` prints, as data (also the --json output). */
export function describeSymbol(c: Catalog, symbol: string, only?: string): Record<string, unknown> {
  const datasets: Record<string, unknown> = {};
  for (const [name, d] of datasetsOf(c, only)) {
    const e = d.symbols[symbol];
    if (e) datasets[name] = e;
  }
  const sources = c.manifest.sources.filter((s) => s.ranges.some((r) => r[0] === symbol));
  const master = c.securityMaster();
  const today = c.manifest.datasets[Object.keys(datasets)[0] ?? '']?.symbols[symbol]?.last.slice(0, 10);
  const secId = master && today ? master.secIdAt(symbol, today) : undefined;
  return {
    symbol, datasets,
    sources: { files: sources.length, rows_read: sources.reduce((t, s) => t + s.rows_read, 0) },
    corporate_actions: corporateActionsFor(c, symbol),
    ...(secId !== undefined ? { security: master!.record(secId) } : {}),
  };
}

/** The `catalog` command with `ls` and `show`. */
export function catalogCommand(): Command {
  const cmd = new Command('catalog').description('list what a catalog holds');
  cmd.command('ls')
    .description('datasets and symbols with row counts and first/last timestamps')
    .option('--catalog <dir>', 'catalog folder', 'data/catalog')
    .option('--dataset <name>', 'only this dataset')
    .option('--json', 'print the manifest\'s datasets as JSON')
    .action((f: CatalogFlags) => {
      const c = Catalog.open(f.catalog);
      process.stdout.write(f.json ? JSON.stringify(Object.fromEntries(datasetsOf(c, f.dataset)), null, 2) + '\n' : formatCatalogList(c, f.dataset) + '\n');
    });
  cmd.command('show')
    .description('one symbol: its partitions, sources, corporate actions and security-master record')
    .argument('<symbol>', 'symbol, e.g. AAPL')
    .option('--catalog <dir>', 'catalog folder', 'data/catalog')
    .option('--dataset <name>', 'only this dataset')
    .option('--json', 'print as JSON')
    .action((symbol: string, f: CatalogFlags) => {
      const c = Catalog.open(f.catalog);
      const d = describeSymbol(c, symbol, f.dataset);
      if (f.json) {
        process.stdout.write(JSON.stringify(d, null, 2) + '\n');
        return;
      }
      const lines: string[] = [];
      for (const [name, e] of Object.entries(d['datasets'] as Record<string, { rows: number; first: string; last: string; partitions: { part: string; rows: number; first: string; last: string; bytes: number; file: string }[] }>)) {
        lines.push(`${symbol} in ${name}: ${n(e.rows)} rows, ${e.first} → ${e.last}`);
        lines.push(table([['  part', 'rows', 'first', 'last', 'bytes', 'file'], ...e.partitions.map((p) => [`  ${p.part}`, n(p.rows), p.first, p.last, n(p.bytes), p.file])]));
      }
      if (lines.length === 0) lines.push(`${symbol}: not in ${f.dataset ? `dataset ${f.dataset}` : 'any dataset'} of ${f.catalog}`);
      const src = d['sources'] as { files: number; rows_read: number };
      lines.push(`sources: ${n(src.files)} files, ${n(src.rows_read)} rows read`);
      const acts = d['corporate_actions'] as { ex_date: string; action_type: string; split_ratio?: string; dividend_amount?: string; new_symbol?: string; symbol: string }[];
      lines.push(`corporate actions: ${acts.length === 0 ? 'none' : ''}`);
      for (const a of acts) lines.push(`  ${a.ex_date}  ${a.action_type}${a.split_ratio ? ` ${a.split_ratio}` : ''}${a.dividend_amount ? ` ${a.dividend_amount}` : ''}${a.new_symbol ? ` ${a.symbol} → ${a.new_symbol}` : ''}`);
      const sec = d['security'] as { secId: number; sector: string; industry: string; primaryExchange: string } | undefined;
      if (sec) lines.push(`security: SecId ${sec.secId}, ${sec.primaryExchange}, ${sec.sector} / ${sec.industry}`);
      process.stdout.write(lines.join('\n') + '\n');
    });
  return cmd;
}
