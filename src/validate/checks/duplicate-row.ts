import type { Value } from "../../schema/kind.js";
import type { DataRow, RowBatch, Table } from "../../schema/table.js";
import type { Check } from "../context.js";
import { kindOf } from "../kinds.js";
import { findingAt, placeOf } from "../locate.js";
import { fieldLabel } from "../numbers.js";
import { perTable } from "../per-table.js";
import { checkOf, createPlaces, digestOf, firstRepeats, KeyHasher } from "../places.js";
import { NumberList } from "../robust.js";

/**
 * `duplicate-row`: the same record twice, by the kind's `rowKey`, within one partner's files of a kind
 * (so a row copied into a second file of the same partner is found). A register, whose key is the
 * person id alone, is left to `duplicate-person`. Keeps an 85-bit hash of the key and a packed location
 * per row (see `KeyHasher`), 16 bytes a row appended in order (the check and the location are 32-bit
 * words, see `NumberList`); at the end `firstRepeats` matches each row with the first row of its key. (A table grown by doubling as rows came touched ~100 MB at a
 * million rows, and a page of fresh memory costs ~20 µs on a VM.) A batch is hashed
 * from its columns, one column at a time over all its rows, with the same digests, value by value as
 * `row` hashes a row's values, so a row and a batch row that repeat each other are found.
 */
export const duplicateRow: Check = {
  code: "duplicate-row",
  start(ctx) {
    const hashes = new NumberList();
    const checks = new NumberList();
    const at = new NumberList();
    const hash = new KeyHasher();
    const places = createPlaces();
    const keyOf = perTable((table) => {
      const kind = kindOf(table.kind);
      const key = kind?.rowKey;
      return !key || (key.length === 1 && key[0] === kind.personId) ? undefined : key;
    });
    /** A key value into the hash: false when it is blank. */
    const feed = (v: Value | undefined): boolean => {
      hash.sep();
      if (v === null || v === undefined || v === "") return false;
      if (typeof v === "number") hash.number(v);
      else hash.text(String(v));
      return true;
    };
    // Each row's hash state while a batch is hashed column by column, and whether its key has a value.
    let h1 = new Int32Array(0);
    let h2 = new Int32Array(0);
    let keyed = new Uint8Array(0);
    // What `feed` mixes in for a text value, per code of a coded column's list: its words (`has` 1), or
    // a blank (`has` 2); worked out once per code as the list grows.
    const tables = new WeakMap<readonly Value[], { w1: Int32Array; w2: Int32Array; has: Uint8Array; done: number }>();
    const wordsOf = (dict: readonly Value[]) => {
      let t = tables.get(dict);
      if (!t) tables.set(dict, (t = { w1: new Int32Array(64), w2: new Int32Array(64), has: new Uint8Array(64), done: 0 }));
      if (t.has.length < dict.length) {
        const cap = Math.max(dict.length, t.has.length * 2);
        const [w1, w2, has] = [new Int32Array(cap), new Int32Array(cap), new Uint8Array(cap)];
        w1.set(t.w1);
        w2.set(t.w2);
        has.set(t.has);
        Object.assign(t, { w1, w2, has });
      }
      for (; t.done < dict.length; t.done++) {
        const v = dict[t.done];
        if (v === null || v === "") t.has[t.done] = 2;
        else {
          const [w1, w2] = hash.textWords(String(v));
          t.w1[t.done] = w1;
          t.w2[t.done] = w2;
          t.has[t.done] = 1;
        }
      }
      return t;
    };
    /** Report a row whose key an earlier row (at `first`) had. */
    const repeated = (table: Table, row: number, first: number, key: readonly string[]): void => {
      const prev = places.unpack(first);
      const where = prev.table.file === table.file ? placeOf({ sheet: prev.table.sheet, row: prev.row }) : `${placeOf({ sheet: prev.table.sheet, row: prev.row })} in ${prev.table.file}`;
      const same = key.map((f) => fieldLabel(table, f)).join(", ");
      ctx.report(findingAt("duplicate-row", table, row, undefined, `row ${row} repeats ${where} (same ${same})`, { expected: "a record once", actual: `also ${where}` }));
    };
    return {
      row({ table, row, values }: DataRow): void {
        const key = keyOf(table);
        if (!key) return;
        hash.reset().text(table.kind).sep().text(table.partner);
        let filled = false;
        for (const f of key) if (feed(values[f])) filled = true;
        if (!filled) return;
        hashes.push(hash.digest());
        checks.push(hash.check());
        at.push(places.pack(table, row));
      },
      batch(batch: RowBatch): void {
        const table = batch.table;
        const key = keyOf(table);
        if (!key) return;
        const size = batch.size;
        if (h1.length < size) [h1, h2, keyed] = [new Int32Array(size), new Int32Array(size), new Uint8Array(size)];
        // The rows' keys column by column (the same digests as `row`, so a row and a batch row that
        // repeat each other are found): number columns as numbers, coded text by its words per code.
        hash.reset().text(table.kind).sep().text(table.partner).fillState(h1, h2, size);
        keyed.fill(0, 0, size);
        for (const f of key) {
          const num = batch.numbers(f);
          if (num) {
            hash.mixNumbers(h1, h2, keyed, num, size);
            continue;
          }
          const coded = batch.codes?.(f);
          if (coded) {
            const t = wordsOf(coded.dict);
            hash.mixWordIds(h1, h2, keyed, coded.codes, t.has, t.w1, t.w2, size);
            continue;
          }
          const vals = batch.values(f);
          for (let i = 0; i < size; i++) if (hash.mixValue(h1, h2, i, vals?.[i])) keyed[i] = 1;
        }
        for (let i = 0; i < size; i++) {
          if (keyed[i] === 0) continue;
          hashes.push(digestOf(h1[i]!, h2[i]!));
          checks.push(checkOf(h1[i]!, h2[i]!));
          at.push(places.pack(table, batch.rows[i]!));
        }
      },
      finish(): void {
        // Each row whose key an earlier row had, with the first such row (`firstRepeats`).
        const pairs = firstRepeats(hashes, (i) => checks.at(i));
        for (let k = 0; k < pairs.length; k += 2) {
          const { table, row } = places.unpack(at.at(pairs[k]!));
          repeated(table, row, at.at(pairs[k + 1]!), keyOf(table)!);
        }
      },
    };
  },
};
