const TWO32 = 4294967296;
/** 32-bit words a slot takes: key (2), check (1), value (2). */
const STRIDE = 5;

/**
 * A map from 53-bit hashes (plus an optional 32-bit check value, so two keys must agree on 85 bits of
 * hash to be taken as one) to numbers below 2^53, in one typed array (open addressing, linear
 * probing): 20 bytes a slot, a slot's key, check and value side by side so a probe touches one cache
 * line, and nothing for the garbage collector, where a `Map` with non-small-integer keys costs several
 * times that per entry. For table checks that remember a location per row of a million-row sheet.
 */
export class HashLocations {
  private slots = new Int32Array(1024 * STRIDE);
  private capacity = 1024;
  private count = 0;

  /**
   * The value already stored for `hash`, or undefined after storing `value` for it (one probe for
   * "seen before?" and "remember it"). `hash` is a non-negative integer below 2^53, `value` one below 2^53.
   */
  getOrSet(hash: number, value: number, check = 0): number | undefined {
    if ((this.count + 1) * 2 > this.capacity) this.grow();
    const found = this.probe(hash, value, check | 0);
    return found < 0 ? undefined : found;
  }

  get size(): number {
    return this.count;
  }

  /** The stored value (>= 0) for the key, or -1 after storing `value` under it. Room must have been made. */
  private probe(hash: number, value: number, check: number): number {
    const mask = this.capacity - 1;
    const slots = this.slots;
    // Keys are stored plus one, so an all-zero slot is empty.
    const k = hash + 1;
    const klo = k | 0;
    const khi = ((k - (k >>> 0)) / TWO32) | 0;
    // The low 32 bits are as well mixed as the rest; `>>> 0` keeps the index arithmetic in integers.
    for (let i = (hash >>> 0) & mask; ; i = (i + 1) & mask) {
      const at = i * STRIDE;
      const lo = slots[at]!;
      const hi = slots[at + 1]!;
      if (lo === klo && hi === khi && slots[at + 2] === check) return (slots[at + 4]! >>> 0) * TWO32 + (slots[at + 3]! >>> 0);
      if (lo === 0 && hi === 0) {
        slots[at] = klo;
        slots[at + 1] = khi;
        slots[at + 2] = check;
        slots[at + 3] = value | 0;
        slots[at + 4] = ((value - (value >>> 0)) / TWO32) | 0;
        this.count++;
        return -1;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    const oldCapacity = this.capacity;
    this.capacity = oldCapacity * 2;
    this.slots = new Int32Array(this.capacity * STRIDE);
    this.count = 0;
    for (let i = 0; i < oldCapacity; i++) {
      const at = i * STRIDE;
      const lo = old[at]!;
      const hi = old[at + 1]!;
      if (lo === 0 && hi === 0) continue;
      const hash = (hi >>> 0) * TWO32 + (lo >>> 0) - 1;
      this.probe(hash, (old[at + 4]! >>> 0) * TWO32 + (old[at + 3]! >>> 0), old[at + 2]!);
    }
  }
}
