// Integer codes shared with TypeScript (src/kernels/codes.ts mirrors them; a test asserts they agree).

/** The kernel finished its work. */
export const STATUS_OK: i32 = 0;
/** simulate: a pending order can fill at the cursor's bar. */
export const EVENT_FILL: i32 = 1;
/** simulate: a signal column is non-zero at the cursor's bar. */
export const EVENT_SIGNAL: i32 = 2;
/** simulate: the cursor's bar is the last of a trading day (snapshot boundary). */
export const EVENT_DAY_END: i32 = 3;
/** simulate: an IOC or FOK order is left working after the bar it was checked at; it expires. */
export const EVENT_EXPIRE: i32 = 4;
/** simulate: a stop-limit order triggered without filling; it now rests as a limit order. */
export const EVENT_TRIGGER: i32 = 5;
/** simulate: the equity just valued is at or below the book's watch level (a risk halt may be due). */
export const EVENT_WATCH: i32 = 6;
/** An argument is out of range (negative size, period < 1, …). */
export const STATUS_BAD_ARGS: i32 = 100;
/** An output buffer is full; the caller should grow it and call again. */
export const STATUS_CAPACITY: i32 = 101;

/** Signal column values. */
export const CROSS_UP: i32 = 1;
export const CROSS_DOWN: i32 = -1;
