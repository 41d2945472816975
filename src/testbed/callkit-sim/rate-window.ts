/**
 * The vendor's limit as a sliding one-second window: a request is accepted when fewer than
 * `limit` were accepted in the `windowMs` before it; otherwise the answer is 70005.
 */
export class SlidingWindow {
  private readonly accepted: number[] = [];
  private head = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 1000,
  ) {}

  /** Accepts (and remembers) a request at `nowMs`, or refuses it. */
  tryAcquire(nowMs: number): boolean {
    while (
      this.head < this.accepted.length &&
      nowMs - (this.accepted[this.head] as number) >= this.windowMs
    ) {
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.accepted.length) {
      this.accepted.splice(0, this.head);
      this.head = 0;
    }
    if (this.accepted.length - this.head >= this.limit) return false;
    // Arrival times come in nearly in order (a request's body may finish reading after a later
    // one's): keep the list sorted so the oldest is always at `head`.
    let at = this.accepted.length;
    while (at > this.head && (this.accepted[at - 1] as number) > nowMs) at--;
    this.accepted.splice(at, 0, nowMs);
    return true;
  }
}
