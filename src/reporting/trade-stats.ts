// Statistics of closed round trips beyond win rate and profit factor: expectancy, average and
// largest win and loss, and the average holding time.

/** Closed round trips as columns: net P&L and entry and exit times (ms since the epoch). */
export interface TradeSample {
  readonly pnl: Float64Array;
  readonly entryMs: Float64Array;
  readonly exitMs: Float64Array;
}

/** Trade statistics in the account's currency (P&L net of commissions); null with no trade of the kind. */
export interface TradeStats {
  /** Mean net P&L per closed trade: Σ pnl / trades. */
  readonly expectancy: number | null;
  /** Mean P&L of the winners (pnl > 0). */
  readonly average_win: number | null;
  /** Mean P&L of the losers (pnl < 0), a negative number. */
  readonly average_loss: number | null;
  /** Largest P&L of a winner. */
  readonly largest_win: number | null;
  /** Most negative P&L of a loser. */
  readonly largest_loss: number | null;
  /** Mean of exit time − entry time over closed trades, in seconds (entry at the first opening fill, exit at the fill that returned to flat). */
  readonly average_holding_seconds: number | null;
}

/** Computes {@link TradeStats}; a break-even trade (pnl 0) counts in the expectancy only. */
export function tradeStats(t: TradeSample): TradeStats {
  const n = t.pnl.length;
  let sum = 0, wins = 0, winSum = 0, losses = 0, lossSum = 0, held = 0;
  let best = -Infinity, worst = Infinity;
  for (let i = 0; i < n; i++) {
    const p = t.pnl[i]!;
    sum += p;
    held += t.exitMs[i]! - t.entryMs[i]!;
    if (p > 0) {
      wins++;
      winSum += p;
      if (p > best) best = p;
    } else if (p < 0) {
      losses++;
      lossSum += p;
      if (p < worst) worst = p;
    }
  }
  return {
    expectancy: n > 0 ? sum / n : null,
    average_win: wins > 0 ? winSum / wins : null,
    average_loss: losses > 0 ? lossSum / losses : null,
    largest_win: wins > 0 ? best : null,
    largest_loss: losses > 0 ? worst : null,
    average_holding_seconds: n > 0 ? held / n / 1000 : null,
  };
}
