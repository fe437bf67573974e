// Corporate action records in ex-date order, handed out at the session end before their ex date.
import { DataError } from '../model/index.js';
import { validatePayload } from '../events/contracts.js';
import type { CorporateActionPayload } from '../events/index.js';
import { parseIsoDate } from '../data/index.js';

/** Records sorted by ex date (stable), each checked against contracts/schemas/data/corporate_action.v1.json. */
export class CorporateActionSchedule {
  private readonly records: { readonly day: number; readonly rec: CorporateActionPayload }[];
  private next = 0;

  constructor(records: readonly CorporateActionPayload[], symbols: readonly string[]) {
    // a symbol change carries its symbol's later actions under the new name
    const known = new Set(symbols);
    for (const r of records) if (r.action_type === 'symbol_change' && r.new_symbol !== undefined && known.has(r.symbol)) known.add(r.new_symbol);
    this.records = records.map((rec, i) => {
      validatePayload('data/corporate_action.v1.json', rec, `corporate action #${i + 1} (${rec.symbol} ${rec.action_type})`);
      const day = parseIsoDate(rec.ex_date);
      if (day === undefined) throw new DataError(`corporate action #${i + 1}: ex_date ${rec.ex_date} is not a calendar date`);
      return { day, rec };
    }).filter((r) => known.has(r.rec.symbol)).sort((a, b) => a.day - b.day);
  }

  /** Records whose ex date is after day `from` and on or before day `to` (day numbers); earlier ones are skipped. */
  due(from: number, to: number): CorporateActionPayload[] {
    while (this.next < this.records.length && this.records[this.next]!.day <= from) this.next++;
    const out: CorporateActionPayload[] = [];
    while (this.next < this.records.length && this.records[this.next]!.day <= to) out.push(this.records[this.next++]!.rec);
    return out;
  }
}
