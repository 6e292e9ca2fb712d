import type { Value } from "../schema/kind.js";
import type { Table } from "../schema/table.js";
import type { NumberList } from "./robust.js";

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

/** Distinct texts whose digest a `KeyHasher` remembers; past this, texts are digested afresh. */
export const TEXT_MEMO_LIMIT = 16_384;
/** Longer texts are digested afresh each time rather than kept in the memo. */
export const TEXT_MEMO_MAX_LENGTH = 256;

/**
 * A 53-bit hash of a row's key fields, fed value by value without building a key string (cyrb53's
 * mixing). Text is folded as it is hashed: surrounding spaces dropped, letters lower-cased, so
 * "School A" and " school a" are the same key. Duplicate checks keep this hash (and a 32-bit `check()`
 * from the same 64-bit state, finished differently) instead of the key, so a million-row sheet costs a
 * few bytes per row; two different keys agree on both with odds of about 1 in 10^7 at a million rows
 * (n²/2^65) rather than 1 in 10^4 for the 53-bit hash alone, and the message names both rows so a
 * reader can confirm.
 *
 * Text goes in as a 64-bit digest of its folded form (two 32-bit words, a bijection of the 64-bit
 * state its characters leave), remembered per distinct string (at most `TEXT_MEMO_LIMIT` strings of at
 * most `TEXT_MEMO_MAX_LENGTH` characters; others are digested afresh): event types, venues and dates
 * repeat, so most text costs one `Map` lookup instead of folding it character by character. Two
 * different folded texts share a digest with odds of d²/2^65 over d distinct texts, which adds to the
 * odds above without changing their order. Rows hashed from `values` and from a batch's columns go
 * through the same digests, so duplicates are found across both.
 */
export class KeyHasher {
  private h1 = 0;
  private h2 = 0;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);
  private readonly memo = new Map<string, number>();
  private words = new Int32Array(256);
  private w1 = 0;
  private w2 = 0;
  reset(): this {
    this.h1 = 0xdeadbeef;
    this.h2 = 0x41c6ce57;
    return this;
  }
  private mix(word: number): void {
    this.h1 = Math.imul(this.h1 ^ word, 2654435761);
    this.h2 = Math.imul(this.h2 ^ word, 1597334677);
  }
  /** A field separator, so ("ab", "c") and ("a", "bc") differ. */
  sep(): this {
    this.mix(0x1f);
    return this;
  }
  /** The two words `text(s)` mixes in (its folded text's digest), for a caller that keeps them per value; the state is untouched. */
  textWords(s: string): [number, number] {
    this.wordsOf(s);
    return [this.w1, this.w2];
  }

  /** What `text(s)` mixes in, from the words `textWords(s)` gave. */
  textFrom(w1: number, w2: number): this {
    this.mix(0x3);
    this.mix(w1);
    this.mix(w2);
    return this;
  }

  /** A text value, folded (trimmed, lower-cased). */
  text(s: string): this {
    this.wordsOf(s);
    return this.textFrom(this.w1, this.w2);
  }

  /** The folded text's digest into `w1`, `w2`, remembered per string. */
  private wordsOf(s: string): void {
    const at = this.memo.get(s);
    if (at !== undefined) {
      this.w1 = this.words[at]!;
      this.w2 = this.words[at + 1]!;
      return;
    }
    this.digestText(s);
    if (this.memo.size < TEXT_MEMO_LIMIT && s.length <= TEXT_MEMO_MAX_LENGTH) {
      const i = this.memo.size * 2;
      if (i + 2 > this.words.length) {
        const bigger = new Int32Array(this.words.length * 2);
        bigger.set(this.words);
        this.words = bigger;
      }
      this.words[i] = this.w1;
      this.words[i + 1] = this.w2;
      this.memo.set(s, i);
    }
  }
  /**
   * A number, by its 64 bits spread over two words first: mixed raw, small integers (whose low word is
   * 0 and high word differs in a few top bits) cancelled out, so (0, 2) and (2, 0) hashed alike. The
   * words of the counts 0 to 4095 are kept once made (−0 is taken as 0).
   */
  number(n: number): this {
    this.mix(0x2);
    if (n >= 0 && n < SMALL && (n | 0) === n) {
      const at = n * 2;
      if (SMALL_MADE[n] === 0) {
        this.numberWords(n);
        SMALL_WORDS[at] = this.w1;
        SMALL_WORDS[at + 1] = this.w2;
        SMALL_MADE[n] = 1;
      }
      this.mix(SMALL_WORDS[at]!);
      this.mix(SMALL_WORDS[at + 1]!);
      return this;
    }
    this.numberWords(n);
    this.mix(this.w1);
    this.mix(this.w2);
    return this;
  }
  /** A number's two words into `w1`, `w2`. */
  private numberWords(n: number): void {
    this.f64[0] = n === 0 ? 0 : n;
    this.w1 = this.u32[0]! ^ fmix32(this.u32[1]! ^ 0x2545f491);
    this.w2 = this.u32[1]! ^ fmix32(this.w1);
  }
  digest(): number {
    return digestOf(this.h1, this.h2);
  }
  /** A second, 32-bit digest of the same key, finished with other constants: stored beside `digest()`. */
  check(): number {
    return checkOf(this.h1, this.h2);
  }

  // ── Many keys at once, column by column (a batch's rows): row i's state is `h1[i]`, `h2[i]`. Each
  // call mixes one field into every row's state exactly as `sep()` then the value's own call would,
  // so a batch's keys hash as its rows' would, one tight loop a column instead of one a row. ──

  /** Every row's state set to this hasher's (a prefix shared by the rows, such as kind and partner). */
  fillState(h1: Int32Array, h2: Int32Array, size: number): void {
    h1.fill(this.h1, 0, size);
    h2.fill(this.h2, 0, size);
  }

  /** `sep()` then `number(x)` into each row's state for a number column (NaN: a blank, `sep()` only); `filled[i]` set where not blank. */
  mixNumbers(h1: Int32Array, h2: Int32Array, filled: Uint8Array, col: Float64Array, size: number): void {
    for (let i = 0; i < size; i++) {
      let a = Math.imul(h1[i]! ^ 0x1f, 2654435761);
      let b = Math.imul(h2[i]! ^ 0x1f, 1597334677);
      const x = col[i]!;
      if (x === x) {
        let w1: number;
        let w2: number;
        if (x >= 0 && x < SMALL && (x | 0) === x) {
          if (SMALL_MADE[x] === 0) {
            this.numberWords(x);
            SMALL_WORDS[x * 2] = this.w1;
            SMALL_WORDS[x * 2 + 1] = this.w2;
            SMALL_MADE[x] = 1;
          }
          w1 = SMALL_WORDS[x * 2]!;
          w2 = SMALL_WORDS[x * 2 + 1]!;
        } else {
          this.numberWords(x);
          w1 = this.w1;
          w2 = this.w2;
        }
        a = Math.imul(Math.imul(Math.imul(a ^ 0x2, 2654435761) ^ w1, 2654435761) ^ w2, 2654435761);
        b = Math.imul(Math.imul(Math.imul(b ^ 0x2, 1597334677) ^ w1, 1597334677) ^ w2, 1597334677);
        filled[i] = 1;
      }
      h1[i] = a;
      h2[i] = b;
    }
  }

  /**
   * `sep()` then `textFrom(w1, w2)` into each row's state, the words being `words1/words2[ids[i]]`
   * (an id below 0, or whose `has` is 0, is a blank: `sep()` only); `filled[i]` set where not blank.
   */
  mixWordIds(h1: Int32Array, h2: Int32Array, filled: Uint8Array, ids: Int32Array, has: Uint8Array, words1: Int32Array, words2: Int32Array, size: number): void {
    for (let i = 0; i < size; i++) {
      let a = Math.imul(h1[i]! ^ 0x1f, 2654435761);
      let b = Math.imul(h2[i]! ^ 0x1f, 1597334677);
      const id = ids[i]!;
      if (id >= 0 && has[id] === 1) {
        const w1 = words1[id]!;
        const w2 = words2[id]!;
        a = Math.imul(Math.imul(Math.imul(a ^ 0x3, 2654435761) ^ w1, 2654435761) ^ w2, 2654435761);
        b = Math.imul(Math.imul(Math.imul(b ^ 0x3, 1597334677) ^ w1, 1597334677) ^ w2, 1597334677);
        filled[i] = 1;
      }
      h1[i] = a;
      h2[i] = b;
    }
  }

  /** `sep()` then the value's own call (as `number` or `text`) into row i's state, for a value read row by row; true when not blank. */
  mixValue(h1: Int32Array, h2: Int32Array, i: number, v: Value | undefined): boolean {
    this.h1 = h1[i]!;
    this.h2 = h2[i]!;
    this.sep();
    const filled = !(v === null || v === undefined || v === "");
    if (filled) {
      if (typeof v === "number") this.number(v);
      else this.text(String(v));
    }
    h1[i] = this.h1;
    h2[i] = this.h2;
    return filled;
  }
  /** The folded text's 64-bit digest into `w1`, `w2`: its characters through two lanes, then a two-round Feistel mix (a bijection). */
  private digestText(s: string): void {
    let start = 0;
    let end = s.length;
    while (start < end && s.charCodeAt(start) <= 32) start++;
    while (end > start && s.charCodeAt(end - 1) <= 32) end--;
    let a = 0x9e3779b9;
    let b = 0x7f4a7c15;
    for (let i = start; i < end; i++) {
      let ch = s.charCodeAt(i);
      if (ch >= 65 && ch <= 90) ch += 32;
      else if (ch > 127) ch = s[i]!.toLowerCase().charCodeAt(0);
      a = Math.imul(a ^ ch, 2654435761);
      b = Math.imul(b ^ ch, 1597334677);
    }
    a ^= fmix32(b);
    b ^= fmix32(a);
    this.w1 = a;
    this.w2 = b;
  }
}

/** The 53-bit digest of a state (`KeyHasher.digest`). */
export function digestOf(a: number, b: number): number {
  const h1 = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  const h2 = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The 32-bit check of a state (`KeyHasher.check`). */
export function checkOf(a: number, b: number): number {
  const h1 = Math.imul(a ^ (a >>> 15), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  return (h1 ^ (h1 >>> 16)) >>> 0;
}

/** Key hashes are cut into 2^8 parts by their top bits before they are matched (`firstRepeats`). */
const PART_BITS = 8;

/**
 * Each key that repeats an earlier one (the same hash and check): pairs (i, j) of its index and the
 * index of the first key like it, in the order of i. The hashes are first cut into 256 parts by their
 * top bits, each part in order, and each part matched in a table of its own: small enough to stay in
 * cache, where one table of a million keys was a cache miss a key (~0.2 µs a key, against ~0.1 µs).
 * A part is laid out as its hashes' low 32 bits and their indexes (8 bytes a key); the whole hash is
 * read back only where those bits are equal, and `checkAt(i)` only where the whole hashes are. A
 * `NumberList` is read in its segments, not copied into one array: on a VM a fresh page costs ~15 µs,
 * and a copy, a full-width layout and the indexes were 20 MB of them at a million keys.
 */
export function firstRepeats(hashes: NumberList, checkAt: (i: number) => number): Int32Array {
  const segments = hashes.segments();
  const n = hashes.length;
  const parts = 1 << PART_BITS;
  // The low 32 bits (ToInt32 of an integer below 2^53 is its low word), and a part by their top bits.
  const partOf = (low: number): number => (low >>> 0) >>> (32 - PART_BITS);
  // Where each part begins (a count, then running sums), and the hashes laid out part by part.
  const from = new Int32Array(parts + 1);
  for (const seg of segments) for (let k = 0; k < seg.length; k++) from[partOf(seg[k]! | 0) + 1]!++;
  let largest = 0;
  for (let p = 0; p < parts; p++) {
    largest = Math.max(largest, from[p + 1]!);
    from[p + 1]! += from[p]!;
  }
  const index = new Int32Array(n);
  const laid = new Int32Array(n);
  const next = from.slice(0, parts);
  let i = 0;
  for (const seg of segments) {
    for (let k = 0; k < seg.length; k++, i++) {
      const low = seg[k]! | 0;
      const at = next[partOf(low)]!++;
      index[at] = i;
      laid[at] = low;
    }
  }
  // One table for the largest part; each part uses (and clears) only as much of it as its size needs.
  const firsts = new Int32Array(tableSize(largest));
  const pairs: number[] = [];
  for (let p = 0; p < parts; p++) {
    const mask = tableSize(from[p + 1]! - from[p]!) - 1;
    firsts.fill(-1, 0, mask + 1);
    for (let at = from[p]!; at < from[p + 1]!; at++) {
      const low = laid[at]!;
      for (let s = low & mask; ; s = (s + 1) & mask) {
        const q = firsts[s]!;
        if (q < 0) {
          firsts[s] = at;
          break;
        }
        if (laid[q] !== low || hashes.at(index[q]!) !== hashes.at(index[at]!) || checkAt(index[q]!) !== checkAt(index[at]!)) continue;
        pairs.push(index[at]!, index[q]!);
        break;
      }
    }
  }
  // Back in the order of the keys (a part holds its keys in order, so the first like a key is the earliest).
  const order = Array.from({ length: pairs.length / 2 }, (_, k) => k).sort((a, b) => pairs[a * 2]! - pairs[b * 2]!);
  const out = new Int32Array(pairs.length);
  order.forEach((k, m) => {
    out[m * 2] = pairs[k * 2]!;
    out[m * 2 + 1] = pairs[k * 2 + 1]!;
  });
  return out;
}

/** The slots of an open-addressing table for `keys` keys: a power of two, at least twice as many. */
function tableSize(keys: number): number {
  let cap = 64;
  while (cap < keys * 2) cap *= 2;
  return cap;
}

/** Counts below this have their number words made once (shared by every hasher: they never change). */
const SMALL = 4096;
/** Count n's words at 2n and 2n + 1, once `SMALL_MADE[n]` is 1. */
const SMALL_WORDS = new Int32Array(SMALL * 2);
const SMALL_MADE = new Uint8Array(SMALL);

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
