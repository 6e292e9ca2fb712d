import type { Value } from "../../schema/kind.js";
import { codeMemo, type DataRow, type RowBatch, type Table } from "../../schema/table.js";
import type { Check } from "../context.js";
import { kindOf } from "../kinds.js";
import { findingAt, placeOf } from "../locate.js";
import { fieldLabel } from "../numbers.js";
import { perTable } from "../per-table.js";
import { createPlaces, KeyHasher } from "../places.js";
import { NumberList } from "../robust.js";

/**
 * `duplicate-row`: the same record twice, by the kind's `rowKey`, within one partner's files of a kind
 * (so a row copied into a second file of the same partner is found). A register, whose key is the
 * person id alone, is left to `duplicate-person`. Keeps an 85-bit hash of the key and a packed location
 * per row (see `KeyHasher`), 24 bytes a row appended in order; at the end one table of row numbers,
 * made at its final size, matches each row with the first row of its key. (A table grown by doubling
 * as rows came touched ~100 MB at a million rows, and a page of fresh memory costs ~20 µs on a VM:
 * this touches about a third of that.) A batch is hashed
 * from its columns with the same digests, value by value as `row` hashes a row's values, so a row and
 * a batch row that repeat each other are found.
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
    // What `feed` mixes in for a text value, per code of a coded column: its words, or null for a blank.
    const wordMemo = codeMemo((v): [number, number] | null => (v === null || v === "" ? null : hash.textWords(String(v))));
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
        const nums = key.map((f) => batch.numbers(f));
        // Text held as codes: its words made once per distinct value (null: blank).
        const coded = key.map((f, k) => (nums[k] ? undefined : batch.codes?.(f)));
        const words = coded.map((c) => (c ? wordMemo.get(c) : undefined));
        const vals = key.map((f, k) => (nums[k] || coded[k] ? undefined : batch.values(f)));
        hash.reset().text(table.kind).sep().text(table.partner).save();
        for (let i = 0; i < batch.size; i++) {
          hash.restore();
          let filled = false;
          for (let k = 0; k < key.length; k++) {
            const num = nums[k];
            const w = words[k];
            if (num) {
              hash.sep();
              const x = num[i]!;
              if (x !== x) continue;
              hash.number(x);
              filled = true;
            } else if (w) {
              hash.sep();
              const tw = w(coded[k]!.codes[i]!);
              if (tw === null) continue;
              hash.textFrom(tw[0], tw[1]);
              filled = true;
            } else if (feed(vals[k]?.[i])) filled = true;
          }
          if (!filled) continue;
          hashes.push(hash.digest());
          checks.push(hash.check());
          at.push(places.pack(table, batch.rows[i]!));
        }
      },
      finish(): void {
        // One open-addressing table of row numbers, made once at its final size: each row finds the
        // first row with its hash and check, if any.
        const all = hashes.values();
        let cap = 1024;
        while (cap < all.length * 2) cap *= 2;
        const mask = cap - 1;
        const firsts = new Int32Array(cap).fill(-1);
        for (let i = 0; i < all.length; i++) {
          const h = all[i]!;
          for (let s = (h >>> 0) & mask; ; s = (s + 1) & mask) {
            const j = firsts[s]!;
            if (j < 0) {
              firsts[s] = i;
              break;
            }
            if (all[j] !== h || checks.at(j) !== checks.at(i)) continue;
            const { table, row } = places.unpack(at.at(i));
            repeated(table, row, at.at(j), keyOf(table)!);
            break;
          }
        }
      },
    };
  },
};
