/**
 * Byte strings (spans of a buffer) mapped to small integers, for a column whose cells repeat: each
 * distinct spelling is read once, and every later cell spelled the same costs a hash and a compare
 * of its bytes. Open addressing over typed arrays; the spellings are copied into one byte pool.
 * Holds at most `limit` spellings (a free-text column stops growing it).
 */
export class ByteDictionary {
  private slots = new Int32Array(256).fill(-1);
  private hashes = new Int32Array(64);
  private offsets = new Int32Array(64);
  private lengths = new Int32Array(64);
  private pool = new Uint8Array(4096);
  private poolView: DataView = new DataView(this.pool.buffer);
  private used = 0;
  /** Spellings held. */
  size = 0;
  /** The hash of the last `find`, reused by `add`. */
  private lastHash = 0;

  constructor(readonly limit = 4096) {}

  /** The number of `bytes[start, end)`, or -1 when it is not held. */
  find(bytes: Uint8Array, start: number, end: number): number {
    // Words of four bytes read as one (a DataView's read is a single load once optimised): a quarter of
    // the steps of a byte-wise hash and compare.
    if (bytes !== this.viewed) {
      this.viewed = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    const view = this.view;
    let h = 0x811c9dc5 ^ (end - start);
    let i = start;
    for (; i + 4 <= end; i += 4) h = Math.imul(h ^ view.getInt32(i, true), 0x01000193);
    for (; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    h ^= h >>> 15;
    this.lastHash = h;
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const e = this.slots[i]!;
      if (e < 0) return -1;
      if (this.hashes[e] !== h || this.lengths[e] !== len) continue;
      const pool = this.poolView;
      let at = this.offsets[e]!;
      let k = start;
      while (k + 4 <= end && pool.getInt32(at, true) === view.getInt32(k, true)) {
        at += 4;
        k += 4;
      }
      while (k < end && this.pool[at] === bytes[k]) {
        at++;
        k++;
      }
      if (k === end) return e;
    }
  }
  /** The buffer `find` read last, and a view of it for reading words. */
  private viewed: Uint8Array | undefined;
  private view: DataView = new DataView(new ArrayBuffer(0));

  /** Hold `bytes[start, end)`, just looked up with `find`; returns its number, or -1 when full. */
  add(bytes: Uint8Array, start: number, end: number): number {
    if (this.size >= this.limit) return -1;
    const len = end - start;
    if (this.used + len > this.pool.length) {
      this.pool = grow(this.pool, Math.max(this.pool.length * 2, this.used + len));
      this.poolView = new DataView(this.pool.buffer);
    }
    this.pool.set(bytes.subarray(start, end), this.used);
    const e = this.size++;
    if (e === this.hashes.length) {
      const n = e * 2;
      this.hashes = grow(this.hashes, n);
      this.offsets = grow(this.offsets, n);
      this.lengths = grow(this.lengths, n);
    }
    this.hashes[e] = this.lastHash;
    this.offsets[e] = this.used;
    this.lengths[e] = len;
    this.used += len;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(e);
    return e;
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let i = this.hashes[e]! & mask;
    while (this.slots[i] !== -1) i = (i + 1) & mask;
    this.slots[i] = e;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let e = 0; e < this.size; e++) this.place(e);
  }
}

function grow<T extends Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
