// The one small hierarchy of faults. Outcomes (a refused order) are events, not errors.

/** Base class of every qtrader fault; `exitCode` is what the CLI exits with. */
export class QtraderError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A configuration value is missing, of the wrong type or out of range. */
export class ConfigError extends QtraderError {
  override readonly exitCode = 2;
}

/** Market data is missing, malformed or inconsistent. */
export class DataError extends QtraderError {
  override readonly exitCode = 3;
}

/** An event or result does not match its JSON Schema contract. */
export class ContractError extends QtraderError {
  override readonly exitCode = 4;
}

/** A WebAssembly kernel returned a failure status or could not be loaded. */
export class KernelError extends QtraderError {
  override readonly exitCode = 5;
}

/**
 * Builds a data error message that names the place: `file:line:column`.
 * Line and column are 1-based; either may be omitted.
 */
export function dataErrorAt(file: string, line: number | undefined, column: string | number | undefined, what: string): DataError {
  let where = file;
  if (line !== undefined) where += `:${line}`;
  if (column !== undefined) where += typeof column === 'number' ? `:${column}` : ` (column "${column}")`;
  return new DataError(`${where}: ${what}`);
}
