#!/usr/bin/env node
// Entry point of the qtrader CLI: runs the program and maps errors to exit codes (the only place that exits).
import { QtraderError } from '../model/index.js';
import { buildProgram } from './index.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  if (err instanceof QtraderError) {
    process.stderr.write(`qtrader: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`qtrader: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(70);
}
