// The corporate-action record of the data layer, field for field the payload of
// contracts/schemas/data/corporate_action.v1.json (decimals as strings, dates YYYY-MM-DD).

/** Kinds of corporate action in the contract. */
export type CorporateActionKind =
  | 'split' | 'reverse_split' | 'dividend' | 'special_dividend' | 'rights_issue'
  | 'merger' | 'spinoff' | 'symbol_change' | 'delisting';

/**
 * One corporate action. Algoseek gives no announcement or payment dates: both are set to the ex date
 * (the effective date of the factor row), which is also all a backtest may know without look-ahead.
 */
export interface CorporateActionRecord {
  readonly symbol: string;
  readonly asset_class: string;
  readonly action_type: CorporateActionKind;
  readonly announcement_date: string;
  readonly ex_date: string;
  readonly effective_date: string;
  readonly source: string;
  readonly split_ratio?: string;
  readonly split_from?: string;
  readonly split_to?: string;
  readonly dividend_amount?: string;
  readonly dividend_currency?: string;
  readonly dividend_type?: 'ordinary' | 'qualified' | 'special' | 'capital_return' | 'stock';
  readonly price_adjustment_factor?: string;
  readonly volume_adjustment_factor?: string;
  readonly new_symbol?: string;
}
