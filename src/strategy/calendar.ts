// Calendar periods of a timestamp in a time zone (day, ISO week, month), cached so that asking once per bar is cheap.

/** The calendar unit a strategy rebalances on. */
export type CalendarPeriod = 'day' | 'week' | 'month';

/**
 * Maps UTC ms to a period number in a time zone: local days since 1970-01-01, weeks (Monday to
 * Sunday) since the week of 1969-12-29, or months since January 1970. Consecutive bars in one
 * period share the number, so "the first bar of a new period" is a change of number. Every UTC
 * offset in use is a multiple of 15 minutes, so the local date is computed once per 15-minute
 * bucket of UTC time and reused for the bars inside it.
 */
export class LocalCalendar {
  private readonly fmt: Intl.DateTimeFormat;
  private bucket = NaN;
  private day = 0;
  private month = 0;

  constructor(readonly timezone: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric' });
  }

  /** The period number of `ms` for `unit`. */
  period(ms: number, unit: CalendarPeriod): number {
    this.locate(ms);
    if (unit === 'day') return this.day;
    if (unit === 'week') return Math.floor((this.day + 3) / 7);
    return this.month;
  }

  /** The local date of `ms` as YYYY-MM-DD. */
  date(ms: number): string {
    this.locate(ms);
    return new Date(this.day * 86_400_000).toISOString().slice(0, 10);
  }

  private locate(ms: number): void {
    const b = Math.floor(ms / 900_000);
    if (b === this.bucket) return;
    let y = 0, m = 0, d = 0;
    for (const p of this.fmt.formatToParts(ms)) {
      if (p.type === 'year') y = Number(p.value);
      else if (p.type === 'month') m = Number(p.value);
      else if (p.type === 'day') d = Number(p.value);
    }
    this.day = Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
    this.month = (y - 1970) * 12 + (m - 1);
    this.bucket = b;
  }
}
