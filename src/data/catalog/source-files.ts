// Finding the source files of an ingest and ordering them: Algoseek's intraday layout
// `{yyyymmdd}/{letter}/{TICKER}.csv.gz` is grouped by ticker and year, so each yearly partition is
// written once; other files go in path order.
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { dataErrorAt } from '../../model/errors.js';

/** One source file to ingest. */
export interface SourceFile {
  readonly path: string;
  /** Path relative to the ingest root with `/` separators (its identity in the manifest). */
  readonly key: string;
  /** Files of one group (same ticker and year in the Algoseek layout) are written out together. */
  readonly group: string | null;
}

const DATA_FILE = /\.(csv|txt)(\.gz)?$/i;
const LAYOUT = /(?:^|\/)(\d{4})(\d{4})\/[^/]+\/([^/]+?)\.(?:csv|txt)(?:\.gz)?$/i;

/**
 * Lists the data files (`.csv`, `.txt`, optionally `.gz`) under `root` (or `root` itself when it is a
 * file), ordered for ingest: layout files by ticker, then date; the rest by key. Hidden files and
 * folders (starting with `.`) are skipped.
 */
export function listSourceFiles(root: string): SourceFile[] {
  let st;
  try {
    st = statSync(root);
  } catch {
    throw dataErrorAt(root, undefined, undefined, 'source not found; give a file or a folder of .csv / .csv.gz files');
  }
  if (st.isFile()) return [{ path: root, key: basename(root), group: null }];
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && DATA_FILE.test(e.name)) {
        const key = relative(root, full).split(sep).join('/');
        const m = LAYOUT.exec(key);
        out.push({ path: full, key, group: m ? `${m[3]}\u0000${m[1]}` : null });
      }
    }
  };
  walk(root);
  const sortKey = (f: SourceFile): string => {
    const m = LAYOUT.exec(f.key);
    return m ? `0\u0000${m[3]}\u0000${m[1]}${m[2]}\u0000${f.key}` : `1\u0000${f.key}`;
  };
  return out.map((f) => [sortKey(f), f] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, f]) => f);
}
