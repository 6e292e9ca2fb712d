/** Values a chunk of a NumberList holds (128 KB of doubles, 64 KB of words). */
const CHUNK = 16_384;

/** What a NumberList keeps its values in: 32-bit words while every value is one, else doubles. */
type Chunk = Uint32Array | Float64Array;

/** Whether `v` is kept exactly by a Uint32Array: a whole number from 0 to 2^32 − 1, and not −0. */
function isWord(v: number): boolean {
  return v >>> 0 === v && (v !== 0 || 1 / v > 0);
}

/**
 * A growable list of numbers in typed arrays, no per-value objects: 4 bytes a value while every value
 * is a whole number from 0 to 2^32 − 1 (counts, row places, 32-bit checks), 8 bytes once one is not
 * (the list is then widened to doubles, once). It grows by chunks rather than by copying into an
 * array twice the size, so each value's memory is written once: on a VM a fresh page costs ~15 µs,
 * so a long list's memory is what it costs.
 */
export class NumberList {
  private chunks: Chunk[] = [];
  private last: Chunk = new Uint32Array(16);
  private wide = false;
  private used = 0;
  length = 0;
  push(v: number): void {
    if (this.used === this.last.length) this.grow();
    if (!this.wide && !isWord(v)) this.widen();
    this.last[this.used++] = v;
    this.length++;
  }
  at(i: number): number {
    const full = this.chunks.length * CHUNK;
    return i < full ? this.chunks[Math.floor(i / CHUNK)]![i % CHUNK]! : this.last[i - full]!;
  }
  /** The values in order, as the arrays that hold them (views, not a copy: a million values are 4–8 MB of fresh memory). */
  segments(): Chunk[] {
    return [...this.chunks, this.last.subarray(0, this.used)];
  }
  /**
   * The values in order, as doubles in one array: a copy unless the list is doubles in one chunk,
   * into `into` when given (at least `length` long; several lists read in turn can share one).
   */
  values(into?: Float64Array): Float64Array {
    if (this.chunks.length === 0 && !into && this.last instanceof Float64Array) return this.last.subarray(0, this.used);
    const out = into ? into.subarray(0, this.length) : new Float64Array(this.length);
    this.chunks.forEach((c, k) => out.set(c, k * CHUNK));
    out.set(this.last.subarray(0, this.used), this.chunks.length * CHUNK);
    return out;
  }
  /** Room for one more: small lists grow by doubling up to one chunk, then a chunk at a time. */
  private grow(): void {
    if (this.last.length < CHUNK) {
      const bigger = this.wide ? new Float64Array(this.last.length * 2) : new Uint32Array(this.last.length * 2);
      bigger.set(this.last);
      this.last = bigger;
    } else {
      this.chunks.push(this.last);
      this.last = this.wide ? new Float64Array(CHUNK) : new Uint32Array(CHUNK);
      this.used = 0;
    }
  }
  /** Keep doubles from now on: the words so far become doubles, once. */
  private widen(): void {
    this.wide = true;
    this.chunks = this.chunks.map((c) => Float64Array.from(c));
    this.last = Float64Array.from(this.last);
  }
}

/**
 * The median of a list, found by selection on a copy (linear time: a full sort of a million event
 * totals cost ~0.1 s here, several times over for the outlier check's medians and deviations). The copy
 * goes into `scratch` when given (at least as long as the list), else into fresh memory.
 */
export function median(values: ArrayLike<number>, scratch?: Float64Array): number {
  if (!scratch) return medianInPlace(Float64Array.from(values));
  const a = scratch.subarray(0, values.length);
  for (let i = 0; i < a.length; i++) a[i] = values[i]!;
  return medianInPlace(a);
}

/** The median of `a`, which it reorders (for a caller whose array is its own). */
function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return NaN;
  const hi = n >> 1;
  select(a, hi);
  if (n % 2) return a[hi]!;
  // The other middle value is the largest of those left of it.
  let lo = a[0]!;
  for (let i = 1; i < hi; i++) if (a[i]! > lo) lo = a[i]!;
  return (lo + a[hi]!) / 2;
}

/** Reorder `a` so that `a[k]` is the k-th smallest, smaller ones before it and larger ones after (Hoare's selection, median of three pivots). */
function select(a: Float64Array, k: number): void {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    // Median of three as the pivot, kept at `mid`.
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * The scale of a robust z-score: 1.4826 × MAD, or 1.2533 × the mean absolute deviation when more than
 * half the values are equal (MAD 0) — Iglewicz and Hoaglin's modified z-score, as IBM SPSS does it.
 * Zero when every value is the same. The deviations are worked out in `scratch` when given (at least as
 * long as the list).
 */
export function robustScale(values: ArrayLike<number>, med: number, scratch?: Float64Array): number {
  const dev = scratch ? scratch.subarray(0, values.length) : new Float64Array(values.length);
  for (let i = 0; i < dev.length; i++) dev[i] = Math.abs(values[i]! - med);
  // The mean deviation first, in the list's order; then the median of the deviations, reordering them.
  let sum = 0;
  for (let i = 0; i < dev.length; i++) sum += dev[i]!;
  const mad = medianInPlace(dev);
  if (mad > 0) return 1.4826 * mad;
  return 1.2533 * (sum / (dev.length || 1));
}
