// The event log: every event on the bus, in order, one JSON object per line (events.jsonl).

/** Collects events as JSON lines in large string chunks, for writing at the end of a run. */
export class EventLog {
  private readonly chunks: string[] = [];
  private current = '';
  private lines = 0;

  /** Appends one event. */
  append(event: unknown): void {
    this.current += JSON.stringify(event) + '\n';
    this.lines++;
    if (this.current.length > 1 << 20) {
      this.chunks.push(this.current);
      this.current = '';
    }
  }

  /** Number of events logged. */
  get count(): number {
    return this.lines;
  }

  /** The log's text chunks, in order. */
  text(): string[] {
    return this.current ? [...this.chunks, this.current] : [...this.chunks];
  }
}
