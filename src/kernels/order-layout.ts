// Mirror of wasm/orders/layout.ts: the order table's memory layout and order codes (a test asserts they agree).

/** i32 fields per order slot. */
export const OI = 12;
/** Symbol index of the order. */
export const O_SYM = 0;
/** Next slot of the same symbol's list (time priority), −1 at the end. */
export const O_NEXT = 1;
/** Order type (TYPE_*). */
export const O_TYPE = 2;
/** +1 buy, −1 sell. */
export const O_SIDE = 3;
/** Time in force (TIF_*); the kernel acts on IOC and FOK only (DAY and GTD expire at day ends, in TypeScript). */
export const O_TIF = 4;
/** FLAG_* bits. */
export const O_FLAGS = 5;
/** Slot of the one-cancels-other partner, −1 when none. */
export const O_OCO = 6;
/** First global bar index at which the order may fill. */
export const O_ELIGIBLE = 7;
/** Global bar index at which the order last filled or triggered (it is done for that bar), −1 before. */
export const O_DONE_BAR = 8;
/** 1 while the order is working, 0 when the slot is free. */
export const O_STATE = 9;
/** Where a market order fills (POINT_*), from the fill policy. */
export const O_POINT = 10;

/** f64 fields per order slot. */
export const OF = 4;
/** Quantity still to fill (unsigned). */
export const F_QTY = 0;
/** Limit price (limit, stop-limit). */
export const F_LIMIT = 1;
/** Stop price; for trailing stops the current level, which the kernel moves. */
export const F_STOP = 2;
/** Trailing distance: a price amount (TYPE_TRAIL_AMOUNT) or a fraction of the price (TYPE_TRAIL_PCT). */
export const F_TRAIL = 3;

/** i32 fields per symbol. */
export const SI = 8;
/** First slot of the symbol's order list, −1 when empty (written by TypeScript). */
export const S_HEAD = 0;
/** Working orders of the symbol (recomputed by the kernel when dirty). */
export const S_COUNT = 1;
/** Orders that fill without a price condition: market, on-open, on-close, triggered stops. */
export const S_IMMEDIATE = 2;
/** Untriggered trailing stops, whose level moves every bar. */
export const S_TRAIL = 3;
/** IOC and FOK orders, which expire after the bar they are first checked at. */
export const S_IOC = 4;
/** 1 after TypeScript changed the symbol's orders: the kernel recomputes the aggregates. */
export const S_DIRTY = 5;
/** 1 when an order of the symbol may fill at the close of its own bar (fill policy same_close). */
export const S_CLOSE_DUE = 6;
/** Global bar index that S_USED_VOL refers to. */
export const S_USED_BAR = 7;

/** f64 fields per symbol. */
export const SF = 4;
/** Highest level at which an order triggers on a move down (buy limits, sell stops); −∞ when none. */
export const S_DOWN = 0;
/** Lowest level at which an order triggers on a move up (sell limits, buy stops); +∞ when none. */
export const S_UP = 1;
/** Volume already filled at bar S_USED_BAR (participation cap). */
export const S_USED_VOL = 2;
/**
 * A bar whose low is above this and whose high is below S_UP has nothing to do for the symbol's
 * orders: S_DOWN when every order waits for a price level, +∞ when one needs every bar (market,
 * on-open, on-close, a triggered stop, IOC/FOK, a trailing stop) (recomputed with S_DOWN).
 */
export const S_QUIET_LOW = 3;

/** i32 fields of the global header. */
export const GI = 4;
/** Working orders over all symbols (written by TypeScript). */
export const G_ACTIVE = 0;
/** Bars where both legs of a one-cancels-other pair could fill and the intrabar policy chose. */
export const G_AMBIGUOUS = 1;
/** Symbols with S_CLOSE_DUE set (written by TypeScript). */
export const G_CLOSE_DUE = 2;

/** Order type: market (fills at the fill policy's point). */
export const TYPE_MARKET = 1;
/** Order type: limit. */
export const TYPE_LIMIT = 2;
/** Order type: stop (a market order once triggered). */
export const TYPE_STOP = 3;
/** Order type: stop-limit (a limit order once triggered). */
export const TYPE_STOP_LIMIT = 4;
/** Order type: market on open (the open of the next session's first bar). */
export const TYPE_MOO = 5;
/** Order type: market on close (the close of a session's last bar). */
export const TYPE_MOC = 6;
/** Order type: trailing stop, a price amount behind the best price. */
export const TYPE_TRAIL_AMOUNT = 7;
/** Order type: trailing stop, a fraction of the best price behind it. */
export const TYPE_TRAIL_PCT = 8;

/** Time in force: good till cancelled. */
export const TIF_GTC = 0;
/** Time in force: the session the order can first fill in. */
export const TIF_DAY = 1;
/** Time in force: immediate or cancel (what fills at the first bar checked; the rest expires). */
export const TIF_IOC = 2;
/** Time in force: fill or kill (all at the first bar checked, or nothing). */
export const TIF_FOK = 3;
/** Time in force: good till the end of a given date's session. */
export const TIF_GTD = 4;

/** The stop condition has triggered: a stop or trailing stop is now a market order, a stop-limit a limit order. */
export const FLAG_TRIGGERED = 1;
/** The order may fill at the close of the bar it was made at (fill policy same_close). */
export const FLAG_SAME_CLOSE = 2;

/** Market orders fill at the open (fill policy next_open). */
export const POINT_OPEN = 0;
/** Market orders fill at the close (next_close, same_close). */
export const POINT_CLOSE = 1;
/** Market orders fill at the bar's VWAP (vwap_next_bar). */
export const POINT_VWAP = 2;

/** Filled at the bar's open. */
export const PX_OPEN = 1;
/** Filled at the bar's close. */
export const PX_CLOSE = 2;
/** Filled at the bar's VWAP. */
export const PX_VWAP = 3;
/** Filled at the limit price (the bar touched it). */
export const PX_LIMIT = 4;
/** Filled at the stop price (the bar touched it). */
export const PX_STOP = 5;
/** Bit added when the price is the quote (ask for buys, bid for sells) at the fill time. */
export const PX_QUOTE = 16;
/** Bit added when the order's stop condition triggered at this bar. */
export const PX_TRIGGERED = 32;

/** Intrabar policy: the leg with the worse price fills. */
export const POLICY_WORST = 0;
/** Intrabar policy: the leg with the better price fills. */
export const POLICY_BEST = 1;
/** Intrabar policy: open → nearer extreme → farther extreme → close. */
export const POLICY_PATH = 2;

/** f64 fields of the fill record: price, quantity, reason (PX_*), and the order's stop level at the fill. */
export const FILL_SIZE = 4;
