// One writer per catalog: an exclusive lock file holding the writer's pid; a lock left by a process
// that no longer exists (a killed ingest) is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../model/errors.js';

/** Name of the lock file inside a catalog folder. */
export const LOCK_FILE = '.ingest.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the catalog's write lock; returns the function that releases it. ConfigError when another live process holds it. */
export function lockCatalog(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new ConfigError(`${dir}: the catalog is being written by process ${pid} (${path}); wait for it to finish`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new ConfigError(`${dir}: cannot take the catalog lock ${path}`);
}
