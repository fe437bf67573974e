// Parsed values beside a fill's decimal strings: the service that builds a fill payload notes the
// decimals its text was written from, and a service reading that very payload object takes them
// instead of parsing the text again. Equal values either way; any other payload is parsed.
import type { Decimal } from '../model/index.js';
import type { FillPayload } from './types.js';

/** The decimals of a fill payload's fields (each equal in value to the parsed text). */
export interface FillFacts {
  /** `filled_quantity`. */
  readonly quantity: Decimal;
  /** `fill_price`. */
  readonly price: Decimal;
  /** `commission` (zero when absent). */
  readonly commission: Decimal;
  /** quantity × price, as decimal.js multiplies them. */
  readonly gross: Decimal;
}

// the last fill noted: one slot is enough, since the ledger books a fill right after it is published
let notedPayload: FillPayload | undefined;
let notedFacts: FillFacts | undefined;

/** Notes the decimals `payload`'s text was written from (call before publishing it). */
export function noteFillFacts(payload: FillPayload, facts: FillFacts): void {
  notedPayload = payload;
  notedFacts = facts;
}

/** The decimals noted for this very payload object, or undefined (then parse its text). */
export function fillFactsOf(payload: FillPayload): FillFacts | undefined {
  return payload === notedPayload ? notedFacts : undefined;
}
