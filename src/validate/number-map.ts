/**
 * A map from 53-bit hashes (plus an optional 32-bit check value, so two keys must agree on 85 bits of
 * hash to be taken as one) to numbers in typed arrays (open addressing, linear probing): 20 bytes a
 * slot and nothing for the garbage collector, where a `Map` with non-small-integer keys costs several
 * times that per entry. For table checks that remember a location per row of a million-row sheet.
 */
export class HashLocations {
  private keys = new Float64Array(1024);
  private checks = new Uint32Array(1024);
  private vals = new Float64Array(1024);
  private count = 0;

  /**
   * The value already stored for `hash`, or undefined after storing `value` for it (one probe for
   * "seen before?" and "remember it"). `hash` is a non-negative integer below 2^53.
   */
  getOrSet(hash: number, value: number, check = 0): number | undefined {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    const k = hash + 1;
    const c = check >>> 0;
    // The low 32 bits are as well mixed as the rest; `>>> 0` keeps the index arithmetic in integers.
    for (let i = (hash >>> 0) & mask; ; i = (i + 1) & mask) {
      const cur = this.keys[i]!;
      if (cur === k && this.checks[i] === c) return this.vals[i];
      if (cur === 0) {
        this.keys[i] = k;
        this.checks[i] = c;
        this.vals[i] = value;
        this.count++;
        return undefined;
      }
    }
  }

  get size(): number {
    return this.count;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldChecks = this.checks;
    const oldVals = this.vals;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.checks = new Uint32Array(oldKeys.length * 2);
    this.vals = new Float64Array(oldKeys.length * 2);
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== 0) this.getOrSet(oldKeys[i]! - 1, oldVals[i]!, oldChecks[i]!);
  }
}
