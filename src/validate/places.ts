import type { Table } from "../schema/table.js";

const ROWS = 2 ** 24;

/**
 * Remember where a row was as one number (table index × 2^24 + row), so table checks can keep a
 * location per key without keeping the row: memory stays a few bytes per remembered row.
 */
export function createPlaces() {
  const tables: Table[] = [];
  const index = new Map<Table, number>();
  let lastTable: Table | undefined;
  let lastId = 0;
  const idOf = (t: Table): number => {
    if (t === lastTable) return lastId;
    let i = index.get(t);
    if (i === undefined) {
      i = tables.length;
      tables.push(t);
      index.set(t, i);
    }
    lastTable = t;
    lastId = i;
    return i;
  };
  return {
    pack: (table: Table, row: number): number => idOf(table) * ROWS + row,
    unpack(packed: number): { table: Table; row: number } {
      return { table: tables[Math.floor(packed / ROWS)]!, row: packed % ROWS };
    },
  };
}

/**
 * A 53-bit hash of a row's key fields, fed value by value without building a key string (cyrb53's
 * mixing). Text is folded as it is hashed: surrounding spaces dropped, letters lower-cased, so
 * "School A" and " school a" are the same key. Duplicate checks keep this hash (and a 32-bit `check()`
 * from the same 64-bit state, finished differently) instead of the key, so a million-row sheet costs a
 * few bytes per row; two different keys agree on both with odds of about 1 in 10^7 at a million rows
 * (n²/2^65) rather than 1 in 10^4 for the 53-bit hash alone, and the message names both rows so a
 * reader can confirm.
 */
export class KeyHasher {
  private h1 = 0;
  private h2 = 0;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);
  reset(): this {
    this.h1 = 0xdeadbeef;
    this.h2 = 0x41c6ce57;
    return this;
  }
  private mix(ch: number): void {
    this.h1 = Math.imul(this.h1 ^ ch, 2654435761);
    this.h2 = Math.imul(this.h2 ^ ch, 1597334677);
  }
  /** A field separator, so ("ab", "c") and ("a", "bc") differ. */
  sep(): this {
    this.mix(0x1f);
    return this;
  }
  text(s: string): this {
    let start = 0;
    let end = s.length;
    while (start < end && s.charCodeAt(start) <= 32) start++;
    while (end > start && s.charCodeAt(end - 1) <= 32) end--;
    for (let i = start; i < end; i++) {
      const ch = s.charCodeAt(i);
      this.mix(ch >= 65 && ch <= 90 ? ch + 32 : ch > 127 ? s[i]!.toLowerCase().charCodeAt(0) : ch);
    }
    return this;
  }
  number(n: number): this {
    this.f64[0] = n;
    this.mix(0x2);
    this.mix(this.u32[0]!);
    this.mix(this.u32[1]!);
    return this;
  }
  digest(): number {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
  /** A second, 32-bit digest of the same key, finished with other constants: stored beside `digest()`. */
  check(): number {
    const h1 = Math.imul(this.h1 ^ (this.h1 >>> 15), 0x85ebca6b) ^ Math.imul(this.h2 ^ (this.h2 >>> 13), 0xc2b2ae35);
    return (h1 ^ (h1 >>> 16)) >>> 0;
  }
}
