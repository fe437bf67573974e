// Where the qtrader package lives on disk, whether running from src/ (tests) or dist/src/ (built).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding qtrader's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'contracts'))) return (root = dir);
    dir = dirname(dir);
  }
  throw new Error(`cannot find the qtrader package root above ${fileURLToPath(import.meta.url)}`);
}

/** qtrader's version from package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
