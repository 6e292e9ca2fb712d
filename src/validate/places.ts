import type { Table } from "../schema/table.js";

const ROWS = 2 ** 24;

/**
 * Remember where a row was as one number (table index × 2^24 + row), so table checks can keep a
 * location per key without keeping the row: memory stays a few bytes per remembered row.
 */
export function createPlaces() {
  const tables: Table[] = [];
  const index = new Map<Table, number>();
  const idOf = (t: Table): number => {
    let i = index.get(t);
    if (i === undefined) {
      i = tables.length;
      tables.push(t);
      index.set(t, i);
    }
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
 * A 53-bit hash of a string (cyrb53, public domain). Duplicate checks key rows by this hash instead of
 * the key text, so a million-row sheet costs a number per row; two different keys share a hash with
 * odds of about 1 in 10^10 at a million rows, and the message names both rows so a reader can confirm.
 */
export function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
