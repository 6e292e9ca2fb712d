/** Values a chunk of a NumberList holds (128 KB of doubles). */
const CHUNK = 16_384;

/**
 * A growable list of numbers in typed arrays: 8 bytes a value, no per-value objects. It grows by
 * chunks rather than by copying into an array twice the size, so each value's memory is written once
 * (on a VM that reports free pages to its host, first touching memory is what a long list costs).
 */
export class NumberList {
  private chunks: Float64Array[] = [];
  private last = new Float64Array(16);
  private used = 0;
  length = 0;
  push(v: number): void {
    if (this.used === this.last.length) {
      if (this.last.length < CHUNK) {
        // Small lists grow by doubling up to one chunk.
        const bigger = new Float64Array(this.last.length * 2);
        bigger.set(this.last);
        this.last = bigger;
      } else {
        this.chunks.push(this.last);
        this.last = new Float64Array(CHUNK);
        this.used = 0;
      }
    }
    this.last[this.used++] = v;
    this.length++;
  }
  at(i: number): number {
    const full = this.chunks.length * CHUNK;
    return i < full ? this.chunks[Math.floor(i / CHUNK)]![i % CHUNK]! : this.last[i - full]!;
  }
  /** The values in order, in one array (a copy once the list is longer than a chunk). */
  values(): Float64Array {
    if (this.chunks.length === 0) return this.last.subarray(0, this.used);
    const out = new Float64Array(this.length);
    this.chunks.forEach((c, k) => out.set(c, k * CHUNK));
    out.set(this.last.subarray(0, this.used), this.chunks.length * CHUNK);
    return out;
  }
}

/** The median of a list (sorts a copy). */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/**
 * The scale of a robust z-score: 1.4826 × MAD, or 1.2533 × the mean absolute deviation when more than
 * half the values are equal (MAD 0) — Iglewicz and Hoaglin's modified z-score, as IBM SPSS does it.
 * Zero when every value is the same.
 */
export function robustScale(values: ArrayLike<number>, med: number): number {
  const dev = Float64Array.from(values, (v) => Math.abs(v - med));
  const mad = median(dev);
  if (mad > 0) return 1.4826 * mad;
  const meanAd = dev.reduce((a, b) => a + b, 0) / (dev.length || 1);
  return 1.2533 * meanAd;
}
