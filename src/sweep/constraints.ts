// Constraints between parameters (`fast < slow`, `slow >= 2 * fast`): a tiny expression language of
// numbers, parameter names, + − * / and parentheses, compared with < <= > >= == !=.
import type { Fail } from './param-space.js';

/** A compiled constraint: true when the combination (values in axis order) satisfies it. */
export type Constraint = (values: Float64Array) => boolean;

type Expr = (v: Float64Array) => number;
const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b, '<=': (a, b) => a <= b, '>': (a, b) => a > b, '>=': (a, b) => a >= b, '==': (a, b) => a === b, '!=': (a, b) => a !== b,
};

/**
 * Compiles `text` over the parameters `names` (value i of a combination is parameter names[i]).
 * Errors name the key and the column: `strategy.constraints[0]`: column 6: expected a number, …
 */
export function compileConstraint(text: string, names: readonly string[], key: string, fail: Fail): Constraint {
  const tokens: { t: string; at: number }[] = [];
  const re = /\s*(<=|>=|==|!=|<|>|[-+*/()]|\d+(?:\.\d+)?(?:e[-+]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|\S)/gy;
  for (let m = re.exec(text); m && m[0].length > 0; m = re.exec(text)) tokens.push({ t: m[1]!, at: m.index + m[0].length - m[1]!.length + 1 });
  let i = 0;
  const peek = (): string | undefined => tokens[i]?.t;
  const where = (): string => (i < tokens.length ? `column ${tokens[i]!.at}` : 'the end');
  const expected = (what: string): never => fail(key, `cannot read \`${text}\` at ${where()}: expected ${what}`);

  function factor(): Expr {
    const tok = peek();
    if (tok === undefined) return expected('a number, a parameter name or (');
    if (tok === '(') {
      i++;
      const e = sum();
      if (peek() !== ')') expected(')');
      i++;
      return e;
    }
    if (tok === '-') {
      i++;
      const e = factor();
      return (v) => -e(v);
    }
    if (/^\d/.test(tok)) {
      i++;
      const x = Number(tok);
      return () => x;
    }
    if (/^[A-Za-z_]/.test(tok)) {
      const k = names.indexOf(tok);
      if (k < 0) fail(key, `\`${text}\` names "${tok}", which is not a swept parameter; the parameters are ${names.join(', ')}`);
      i++;
      return (v) => v[k]!;
    }
    return expected('a number, a parameter name or (');
  }
  function product(): Expr {
    let e = factor();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[i++]!.t, a = e, b = factor();
      e = op === '*' ? (v) => a(v) * b(v) : (v) => a(v) / b(v);
    }
    return e;
  }
  function sum(): Expr {
    let e = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++]!.t, a = e, b = product();
      e = op === '+' ? (v) => a(v) + b(v) : (v) => a(v) - b(v);
    }
    return e;
  }

  const left = sum();
  const op = peek();
  if (op === undefined || !(op in COMPARE)) return expected('a comparison: <, <=, >, >=, == or !=');
  i++;
  const right = sum();
  if (i < tokens.length) expected('the end of the constraint');
  const cmp = COMPARE[op]!;
  return (v) => cmp(left(v), right(v));
}
