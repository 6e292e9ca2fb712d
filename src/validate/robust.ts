/** A growable list of numbers in a typed array: 8 bytes a value, no per-value objects. */
export class NumberList {
  private data = new Float64Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i]!;
  }
  values(): Float64Array {
    return this.data.subarray(0, this.length);
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
