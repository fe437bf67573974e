// A YAML file read with line numbers, so that config errors can name the line of the key at fault.
import { readFileSync } from 'node:fs';
import { parseDocument, LineCounter, isNode } from 'yaml';
import { ConfigError } from '../model/index.js';

/** A parsed YAML document and the line of any key path in it. */
export interface YamlFile {
  readonly raw: unknown;
  /** 1-based line of the deepest node of `path` that exists (numeric keys index sequences). */
  readonly lineOf: (path: string[]) => number | undefined;
}

/** Parses the YAML file at `path` (which the caller has checked exists); a syntax error names file:line:column. */
export function readYamlFile(path: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lineCounter.linePos(e.pos[0]);
    throw new ConfigError(`${path}:${pos.line}:${pos.col}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const lineOf = (p: string[]): number | undefined => {
    for (let n = p.length; n > 0; n--) {
      const node = doc.getIn(p.slice(0, n).map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { raw: doc.toJS() as unknown, lineOf };
}
