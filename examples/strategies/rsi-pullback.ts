// An event-driven strategy of one's own: buy a pullback in an uptrend, with an ATR stop.
// Run it with `qtrader run -c config/strategies/user-event.yaml`; no build step is needed.
import type { BarContext, EventStrategy } from 'qtrader';

/** Parameters, all optional in the config (`strategy.params`). */
interface Params {
  /** Bars of the trend filter (SMA of closes). */
  readonly trend?: number;
  /** Period of the RSI. */
  readonly period?: number;
  /** Buy when the RSI is below this while the close is above the trend. */
  readonly entry?: number;
  /** Sell when the RSI is above this, or when the close falls below the trend. */
  readonly exit?: number;
  /** Stop-loss distance in ATRs. */
  readonly stop?: number;
}

/**
 * rsi_pullback: long when close > SMA(trend) and RSI(period) < entry (a dip in an uptrend), with a
 * stop `stop`·ATR(14) below the close; flat when RSI > exit or close < SMA(trend).
 */
export default class RsiPullback implements EventStrategy {
  readonly name = 'rsi_pullback';
  readonly params: Record<string, number>;
  readonly indicators;

  constructor(p: Params = {}) {
    this.params = { trend: p.trend ?? 200, period: p.period ?? 5, entry: p.entry ?? 25, exit: p.exit ?? 70, stop: p.stop ?? 3 };
    this.indicators = {
      trend: { name: 'sma', params: { period: this.params['trend']! } },
      rsi: { name: 'rsi', params: { period: this.params['period']! } },
      atr: { name: 'atr', params: { period: 14 } },
    };
  }

  onBar(ctx: BarContext): void {
    const { entry, exit, stop } = this.params as Required<Params>;
    for (let s = 0; s < ctx.symbols.length; s++) {
      const close = ctx.close(s), trend = ctx.indicator('trend', s), rsi = ctx.indicator('rsi', s);
      if (!(close === close && trend === trend && rsi === rsi) || ctx.pending(s)) continue;
      const held = ctx.position(s);
      if (held === 0 && close > trend && rsi < entry) {
        const atr = ctx.indicator('atr', s);
        ctx.signal({ symbol: s, intention: 'OPEN_LONG', confidence: 1, reason: `pullback: RSI ${rsi.toFixed(1)} above SMA(${this.params['trend']})`, ...(atr === atr ? { stopLoss: Math.round((close - stop * atr) * 100) / 100 } : {}) });
      } else if (held > 0 && (rsi > exit || close < trend)) {
        ctx.signal({ symbol: s, intention: 'CLOSE_LONG', reason: rsi > exit ? `RSI ${rsi.toFixed(1)} > ${exit}` : 'close fell below the trend' });
      }
    }
  }
}
