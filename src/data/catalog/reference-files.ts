// Reference data kept in a catalog (the security master), read back for point-in-time look-ups.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../model/errors.js';
import type { SecurityRecord } from '../algoseek/security-master.js';

/** Reads the security-master records stored in a catalog file. */
export function readMasterFile(catalog: string, file: string): SecurityRecord[] {
  const p = join(catalog, file);
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as SecurityRecord[];
  } catch (err) {
    throw new DataError(`${p}: cannot read the catalog's security master (${(err as Error).message}); re-ingest it with --format algoseek-master`);
  }
}
