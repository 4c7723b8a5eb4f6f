// Text collected from a run (output, log) in the parent, held to a limit: chunks are kept in a
// list and joined once, and what comes beyond the limit is dropped (the worker ends a run that
// prints more than its limit; this is the parent's own guard, so that no run can make the host
// build a string it cannot hold).
export class BoundedText {
  private chunks: string[] = [];
  private size = 0;
  private joined: string | null = '';
  /** True once something was dropped. */
  truncated = false;

  constructor(private readonly limitChars: number) {}

  /** Adds `s`; returns what was kept of it ('' once the limit is reached). */
  add(s: string): string {
    if (s === '') return s;
    const room = this.limitChars - this.size;
    if (room <= 0) {
      this.truncated = true;
      return '';
    }
    const kept = s.length > room ? s.slice(0, room) : s;
    if (kept !== s) this.truncated = true;
    this.chunks.push(kept);
    this.size += kept.length;
    this.joined = null;
    return kept;
  }

  get length(): number {
    return this.size;
  }

  text(): string {
    if (this.joined === null) {
      this.joined = this.chunks.join('');
      this.chunks = this.joined ? [this.joined] : [];
    }
    return this.joined;
  }
}
