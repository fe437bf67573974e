// Formatting of instants as the contracts want them: RFC 3339 UTC with `Z`.

const DAY_MS = 86_400_000;
let cachedDay = NaN;
let cachedPrefix = '';

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

// the texts made lately, in a slot per second (mod SLOTS): the events of one bar (a signal, its order,
// the fills and trades at the next bar) ask for the same instant, and share one string
const SLOTS = 4096;
const slotMs = new Float64Array(SLOTS).fill(NaN);
const slotText: string[] = new Array<string>(SLOTS).fill('');

/**
 * RFC 3339 UTC string of a millisecond instant; milliseconds are shown only when non-zero.
 * Called for every event, so recent texts are kept by instant, and a new one is built by hand.
 */
export function isoUtc(ms: number): string {
  // any instant may take any slot: a hit needs the same instant (NaN never hits)
  const slot = ((ms / 1000) | 0) & (SLOTS - 1);
  if (slotMs[slot] === ms) return slotText[slot]!;
  const text = formatUtc(ms);
  slotMs[slot] = ms;
  slotText[slot] = text;
  return text;
}

// "HH:MM:SSZ" by second of the day ('' until first asked for): an instant's text is then the day's
// prefix and this suffix, one concatenation of two shared strings (the table is made on first use)
let secondsText: string[] | undefined;

// the text of an instant, the date part cached per day
function formatUtc(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    cachedDay = day;
  }
  const r = ms - day * DAY_MS;
  const second = Math.floor(r / 1000);
  const milli = r - second * 1000;
  if (milli === 0) {
    const table = (secondsText ??= new Array<string>(DAY_MS / 1000).fill(''));
    const t = table[second]!;
    return cachedPrefix + (t !== '' ? t : (table[second] = clock(second) + 'Z'));
  }
  return cachedPrefix + clock(second) + '.' + String(milli).padStart(3, '0') + 'Z';
}

// "HH:MM:SS" of a second of the day
function clock(second: number): string {
  return pad2(Math.floor(second / 3600)) + ':' + pad2(Math.floor((second % 3600) / 60)) + ':' + pad2(second % 60);
}

/** Milliseconds of an int64 nanosecond timestamp (exact for millisecond-aligned data). */
export function nsToMs(ns: bigint): number {
  return Number(ns / 1_000_000n);
}
