/**
 * Which timeline rows have been broadcast. Sequence numbers are taken at insert but become visible at
 * commit, so seq 11 can be read before seq 10 commits: the skipped numbers are remembered as gaps and
 * re-read until they show up or expire (a rolled-back insert leaves a permanent hole).
 */
export class SeqTracker {
  private readonly gaps = new Map<number, number>();

  constructor(
    public lastSeq: number,
    private readonly gapTtlMs = 30_000,
    private readonly maxGaps = 1_000,
  ) {}

  /** Lowest seq a read must start after to see both new rows and late commits. */
  readFloor(now: number): number {
    this.expire(now);
    let floor = this.lastSeq;
    for (const seq of this.gaps.keys()) floor = Math.min(floor, seq - 1);
    return floor;
  }

  /** The seqs skipped by earlier reads that may still commit: a read of these and of what is past the mark misses nothing. */
  pendingGaps(now: number): number[] {
    this.expire(now);
    return [...this.gaps.keys()];
  }

  /** Rows (ascending) that were read; returns the seqs not broadcast before, in order. */
  accept(seqs: readonly number[], now: number): number[] {
    const fresh: number[] = [];
    for (const seq of seqs) {
      if (seq > this.lastSeq) {
        for (let missing = this.lastSeq + 1; missing < seq && this.gaps.size < this.maxGaps; missing++) {
          this.gaps.set(missing, now);
        }
        this.lastSeq = seq;
        fresh.push(seq);
      } else if (this.gaps.delete(seq)) {
        fresh.push(seq);
      }
    }
    return fresh;
  }

  /** Whether a later read may still broadcast `seq`: it is past the mark or a gap not read yet. */
  mayBroadcast(seq: number): boolean {
    return seq > this.lastSeq || this.gaps.has(seq);
  }

  get gapCount(): number {
    return this.gaps.size;
  }

  private expire(now: number): void {
    for (const [seq, since] of this.gaps) if (now - since > this.gapTtlMs) this.gaps.delete(seq);
  }
}
