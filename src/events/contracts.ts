// Validates events and run results against the JSON Schema contracts in contracts/schemas/,
// turning every mismatch into a ContractError that names the field and what was expected.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Ajv2020Import from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { ContractError } from '../model/errors.js';
import { packageRoot } from '../model/package-root.js';
import { EVENT_SCHEMAS, type BusEvent } from './types.js';

// ajv is CommonJS: under NodeNext the default import is typed as the module object, whose
// `.default` is the class; at run time the import is the class itself, which also has `.default`.
const Ajv2020 = Ajv2020Import.default;

const ENVELOPE_SCHEMA = 'envelope.v1.json';
const RUN_RESULT_SCHEMA = 'reporting/run_result.v1.json';

let schemasDir: string | undefined;
let ajv: InstanceType<typeof Ajv2020> | undefined;
const compiled = new Map<string, ValidateFunction>();

/** contracts/schemas/ of the package. */
function schemasRoot(): string {
  return (schemasDir ??= join(packageRoot(), 'contracts', 'schemas'));
}

/** The compiled validator of one schema, compiled on first use. */
function validatorFor(schemaPath: string): ValidateFunction {
  const cached = compiled.get(schemaPath);
  if (cached) return cached;
  const known = schemaFiles();
  if (!known.includes(schemaPath)) {
    throw new ContractError(`unknown schema "${schemaPath}": no such file under ${schemasRoot()}; known schemas: ${known.join(', ')}`);
  }
  const file = join(schemasRoot(), schemaPath);
  // allErrors so one message lists every bad field; verbose so errors carry the offending value.
  // strictRequired is off because if/then and anyOf branches require properties declared at the top.
  ajv ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id?: string };
  try {
    const validate = ajv.compile(schema);
    compiled.set(schemaPath, validate);
    return validate;
  } catch (err) {
    // ajv registers the $id before compiling; drop it so a fixed file can be compiled again.
    if (schema.$id !== undefined) ajv.removeSchema(schema.$id);
    throw new ContractError(`contracts/schemas/${schemaPath} is not a valid schema: ${(err as Error).message}`);
  }
}

/** Lists every schema file under contracts/schemas/, relative to it with `/` separators, sorted. */
export function schemaFiles(): string[] {
  const root = schemasRoot();
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Validates an event's envelope and its payload (against `EVENT_SCHEMAS[event_type]`); throws ContractError listing every mismatch. */
export function validateEvent(event: BusEvent): void {
  const raw: unknown = event;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ContractError(`an event must be a JSON object; got ${show(raw)}`);
  }
  const { event_type: type, event_id: id, event_version: version } = event;
  const name = `${typeof type === 'string' ? type : show(type)} event ${typeof id === 'string' ? id : show(id)}`;
  const problems = check(ENVELOPE_SCHEMA, event, '');
  const schemaPath = typeof type === 'string' && Object.hasOwn(EVENT_SCHEMAS, type) ? EVENT_SCHEMAS[type as keyof typeof EVENT_SCHEMAS] : undefined;
  if (schemaPath === undefined) {
    problems.push(`/event_type: no contract for ${show(type)}; known event types: ${Object.keys(EVENT_SCHEMAS).join(', ')} (new types need a schema and an entry in EVENT_SCHEMAS, src/events/types.ts)`);
  } else {
    const schemaVersion = Number(/\.v(\d+)\.json$/.exec(schemaPath)?.[1]);
    if (Number.isInteger(version) && version !== schemaVersion) {
      problems.push(`/event_version: got ${version}, but the ${type} contract is ${schemaPath} (version ${schemaVersion})`);
    }
    const payload: unknown = event.payload;
    // The envelope schema already reports a payload that is not an object.
    if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) problems.push(...check(schemaPath, payload, '/payload'));
  }
  if (problems.length > 0) {
    throw new ContractError(report(`${name} does not match its contract (contracts/schemas/${ENVELOPE_SCHEMA}${schemaPath ? ` + ${schemaPath}` : ''})`, problems));
  }
}

/** Validates the contents of a run.json against reporting/run_result.v1.json; `where` names the file in the message. */
export function validateRunResult(obj: unknown, where = 'run result'): void {
  validatePayload(RUN_RESULT_SCHEMA, obj, where);
}

/** Validates any object against one schema, given by its path under contracts/schemas/ (e.g. `data/bar.v1.json`). */
export function validatePayload(schemaPath: string, obj: unknown, where = 'object'): void {
  const problems = check(schemaPath, obj, '');
  if (problems.length > 0) throw new ContractError(report(`${where} does not match contracts/schemas/${schemaPath}`, problems));
}

function report(header: string, problems: readonly string[]): string {
  return `${header}:\n${problems.map((p) => `  ${p}`).join('\n')}\nFix the code or file that produced it so every listed field matches the schema.`;
}

/** Runs one schema and returns its failures as `pointer: problem` lines, pointers prefixed with `prefix`. */
function check(schemaPath: string, data: unknown, prefix: string): string[] {
  const validate = validatorFor(schemaPath);
  if (validate(data)) return [];
  return explain(validate.errors ?? [], prefix);
}

/**
 * Turns ajv errors into lines. The sub-errors of an anyOf become the alternatives of one line;
 * the errors of a failed if/then are reported with the rule's description instead of "must match then".
 * Sub-errors are found by schema path, so anyOf branches must not use $ref (the schemas write
 * nullable fields as `type: [string, null]` with a pattern instead).
 */
function explain(errors: readonly ErrorObject[], prefix: string): string[] {
  const consumed = new Set<ErrorObject>();
  const groups = new Map<ErrorObject, ErrorObject[]>();
  for (const err of errors) {
    if (err.keyword !== 'anyOf' && err.keyword !== 'oneOf' && err.keyword !== 'if') continue;
    const base = err.keyword === 'if' ? err.schemaPath.slice(0, -'/if'.length) : err.schemaPath;
    const subs = errors.filter((e) => e !== err && e.schemaPath.startsWith(`${base}/`));
    subs.forEach((e) => consumed.add(e));
    groups.set(err, subs);
  }
  const lines: string[] = [];
  for (const err of errors) {
    if (consumed.has(err)) continue;
    const subs = groups.get(err);
    if (subs === undefined) {
      lines.push(line(err, prefix));
    } else if (err.keyword === 'if') {
      const rule = (err.parentSchema as { description?: string } | undefined)?.description;
      lines.push(...subs.map((e) => `${line(e, prefix)}${rule ? ` (${sentence(rule)})` : ''}`));
    } else {
      const alternatives = subs.map((e) => line(e, prefix)).join(' | ');
      lines.push(`${pointer(prefix, err.instancePath)}: must satisfy ${err.keyword === 'oneOf' ? 'exactly one' : 'at least one'} of: ${alternatives}`);
    }
  }
  return [...new Set(lines)];
}

/** One error as `pointer: problem; expected …, got …`. */
function line(err: ErrorObject, prefix: string): string {
  const params = err.params as Record<string, unknown>;
  const at = pointer(prefix, err.instancePath);
  switch (err.keyword) {
    case 'required':
      return `${pointer(prefix, `${err.instancePath}/${escape(String(params.missingProperty))}`)}: missing; it is required`;
    case 'additionalProperties': {
      const allowed = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `${pointer(prefix, `${err.instancePath}/${escape(String(params.additionalProperty))}`)}: unexpected property; allowed: ${allowed.join(', ') || 'none'}`;
    }
    case 'type':
    case 'pattern':
      return `${at}: expected ${expected(err)}, got ${show(err.data)}`;
    case 'enum':
      return `${at}: expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${show(err.data)}`;
    case 'const':
      return `${at}: expected ${JSON.stringify(params.allowedValue)}, got ${show(err.data)}`;
    default:
      return `${at}: ${err.message ?? `fails ${err.keyword}`}, got ${show(err.data)}`;
  }
}

/**
 * What a type or pattern error wanted. The schemas word their shared definitions and their
 * pattern fields as the value they want ("A decimal number as a string, …"), so those descriptions
 * are the answer; a plain type mismatch on any other field names the JSON type.
 */
function expected(err: ErrorObject): string {
  const parent = err.parentSchema as { description?: string; type?: unknown; pattern?: string } | undefined;
  const fromDefs = err.schemaPath.startsWith('#/$defs/');
  if (parent?.description && (fromDefs || err.keyword === 'pattern')) return sentence(parent.description);
  const type = Array.isArray(parent?.type) ? parent.type.join(' or ') : String(parent?.type ?? (err.params as { type?: string }).type);
  return parent?.pattern ? `${type} matching /${parent.pattern}/` : type;
}

/** A schema description as a clause: first letter lowercase, no final period. */
function sentence(description: string): string {
  const text = description.replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function pointer(prefix: string, instancePath: string): string {
  return prefix + instancePath || '/';
}

/** Escapes a property name for a JSON pointer (RFC 6901). */
function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'number' ? `the number ${value}` : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
