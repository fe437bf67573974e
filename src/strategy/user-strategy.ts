// Strategies from the user's own .ts / .js files, loaded without a build step: TypeScript is
// transpiled with the `typescript` package, `import … from 'qtrader'` is pointed at the strategy
// API, and the module's default export becomes a factory of strategies.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../model/index.js';
import { isEventStrategy } from './event-strategy.js';
import type { AnyStrategy } from './registry.js';

/** A loaded strategy file: makes one strategy per use with the config's params. */
export interface StrategyFile {
  /** The path as the config wrote it. */
  readonly file: string;
  /** Absolute path. */
  readonly path: string;
  create(params: Readonly<Record<string, unknown>>, where: string): AnyStrategy;
}

const loaded = new Map<string, { mtimeMs: number; size: number; file: StrategyFile }>();
const SOURCE = new Set(['.ts', '.mts', '.js', '.mjs']);
const TS = new Set(['.ts', '.mts']);

/** The URL `qtrader` resolves to inside strategy files: this build's strategy API. */
export function apiUrl(): string {
  const self = import.meta.url;
  return new URL(self.endsWith('.ts') ? './api.ts' : './api.js', self).href;
}

/**
 * Loads (once per path and modification time) the strategy file `file`, relative to the working
 * directory; `where` names the config key in errors (`strategy.file`, `strategies[1].file`).
 */
export async function loadStrategyFile(file: string, where = 'strategy.file'): Promise<StrategyFile> {
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigError(`\`${where}\`: ${file}: strategy file not found (looked for ${path})`);
  const ext = extname(path);
  if (!SOURCE.has(ext)) throw new ConfigError(`\`${where}\`: ${file}: expected a .ts, .mts, .js or .mjs file`);
  const st = statSync(path);
  const hit = loaded.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.file;
  const dir = mkdtempSync(join(tmpdir(), 'qtrader-strategy-'));
  let mod: Record<string, unknown>;
  try {
    const entry = await emit(path, dir, new Map());
    mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`\`${where}\`: ${file}: could not be loaded: ${(err as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const def = mod['default'];
  if (def === undefined) {
    throw new ConfigError(`\`${where}\`: ${file} has no default export; expected \`export default\` a strategy object (event-driven: name and onBar; vectorised: name, warmup, inputs, params, init, signals, decide), a class of one, or a function (params) => strategy`);
  }
  const made: StrategyFile = { file, path, create: (params, w) => checkShape(instantiate(def, params, file, w), file, w) };
  loaded.set(path, { mtimeMs: st.mtimeMs, size: st.size, file: made });
  return made;
}

/** SHA-1 of a strategy file's text (its imports are not followed). */
export function strategyFileHash(file: string): string {
  return createHash('sha1').update(readFileSync(resolve(file))).digest('hex').slice(0, 16);
}

/** A loaded file by its config path, or undefined when it was not loaded yet. */
export function loadedStrategyFile(file: string): StrategyFile | undefined {
  return loaded.get(resolve(file))?.file;
}

function instantiate(def: unknown, params: Readonly<Record<string, unknown>>, file: string, where: string): unknown {
  if (typeof def !== 'function') return def;
  const proto = (def as { prototype?: Record<string, unknown> }).prototype;
  const isClass = /^class[\s{]/.test(Function.prototype.toString.call(def)) || (proto !== undefined && (typeof proto['onBar'] === 'function' || typeof proto['decide'] === 'function'));
  try {
    return isClass ? new (def as new (p: unknown) => unknown)(params) : (def as (p: unknown) => unknown)(params);
  } catch (err) {
    throw new ConfigError(`\`${where}\`: ${file}: the default export threw while making the strategy: ${(err as Error).message}`);
  }
}

function checkShape(s: unknown, file: string, where: string): AnyStrategy {
  const bad = (what: string): never => {
    throw new ConfigError(`\`${where}\`: ${file}: ${what}`);
  };
  if (s === null || typeof s !== 'object') return bad(`the default export gave ${s === null ? 'null' : typeof s}; expected a strategy object (event-driven: name and onBar; vectorised: name, warmup, inputs, params, init, signals, decide)`);
  const o = s as Record<string, unknown>;
  if (typeof o['name'] !== 'string' || o['name'] === '') bad('the strategy has no `name`; expected a non-empty string');
  if (isEventStrategy(s)) {
    for (const k of ['onStart', 'onFill', 'onEnd'] as const) if (o[k] !== undefined && typeof o[k] !== 'function') bad(`\`${k}\` must be a function; got ${typeof o[k]}`);
    if (o['indicators'] !== undefined && (o['indicators'] === null || typeof o['indicators'] !== 'object')) bad('`indicators` must be a mapping of keys to {name, params?, output?}');
    return s;
  }
  const missing = ['init', 'signals', 'decide'].filter((k) => typeof o[k] !== 'function');
  if (missing.length === 3) bad('expected an event-driven strategy (an `onBar(ctx)` method) or a vectorised one (`init`, `signals`, `decide` methods); it has neither');
  if (missing.length > 0) bad(`a vectorised strategy needs the methods init, signals and decide; missing: ${missing.join(', ')}`);
  if (typeof o['warmup'] !== 'number' || !Number.isInteger(o['warmup']) || (o['warmup'] as number) < 0) bad('a vectorised strategy needs `warmup`: a non-negative integer (bars before the first signal)');
  if (!Array.isArray(o['inputs'])) bad('a vectorised strategy needs `inputs`: the columns it reads, e.g. [\'close\']');
  if (o['params'] === null || typeof o['params'] !== 'object') bad('a vectorised strategy needs `params`: an object of its parameter values');
  return s as AnyStrategy;
}

/**
 * Writes `path` as an ES module into `dir` (TypeScript transpiled), with `qtrader` pointed at the
 * API and relative imports made absolute (relative .ts imports are emitted the same way); returns
 * the emitted file.
 */
async function emit(path: string, dir: string, done: Map<string, string>): Promise<string> {
  const seen = done.get(path);
  if (seen) return seen;
  const out = join(dir, `${createHash('sha1').update(path).digest('hex').slice(0, 16)}-${basename(path, extname(path))}.mjs`);
  done.set(path, out);
  const ts = ((await import('typescript')) as unknown as { default: typeof import('typescript') }).default;
  const source = readFileSync(path, 'utf8');
  const nested: string[] = [];
  const api = apiUrl();
  const rewrite = (spec: string): string => {
    if (spec === 'qtrader') return api;
    if (spec.startsWith('./') || spec.startsWith('../')) {
      const target = resolve(dirname(path), spec);
      if (TS.has(extname(target))) {
        nested.push(target);
        return pathToFileURL(join(dir, `${createHash('sha1').update(target).digest('hex').slice(0, 16)}-${basename(target, extname(target))}.mjs`)).href;
      }
      return pathToFileURL(target).href;
    }
    return spec;
  };
  const transformer: import('typescript').TransformerFactory<import('typescript').SourceFile> = (context) => {
    const f = context.factory;
    const visit = (node: import('typescript').Node): import('typescript').Node => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const to = rewrite(node.moduleSpecifier.text);
        if (ts.isImportDeclaration(node)) return f.updateImportDeclaration(node, node.modifiers, node.importClause, f.createStringLiteral(to), node.attributes);
        return f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, f.createStringLiteral(to), node.attributes);
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length >= 1 && ts.isStringLiteral(node.arguments[0]!)) {
        return f.updateCallExpression(node, node.expression, node.typeArguments, [f.createStringLiteral(rewrite((node.arguments[0] as import('typescript').StringLiteral).text)), ...node.arguments.slice(1)]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (sf) => ts.visitNode(sf, visit) as import('typescript').SourceFile;
  };
  const result = ts.transpileModule(source, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false, inlineSourceMap: true, inlineSources: true, allowJs: true },
    transformers: { before: [transformer] },
  });
  const diag = result.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (diag) {
    const pos = diag.file && diag.start !== undefined ? diag.file.getLineAndCharacterOfPosition(diag.start) : undefined;
    throw new ConfigError(`${path}${pos ? `:${pos.line + 1}:${pos.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(diag.messageText, '\n')}`);
  }
  writeFileSync(out, result.outputText);
  for (const n of nested) {
    if (!existsSync(n)) throw new ConfigError(`${path}: imports ${n}, which does not exist`);
    await emit(n, dir, done);
  }
  return out;
}
