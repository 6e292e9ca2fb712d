import type { Value } from "../schema/kind.js";
import type { Compute } from "../schema/project.js";
import type { Sex, SexSplit } from "../schema/sex.js";
import type { RowBatch } from "../schema/table.js";

/** What adding a row noticed: nothing, a blank value counted as 0, or sex columns that disagree with their total. */
export const ROW_OK = 0;
export const ROW_BLANK = 1;
export const ROW_SEX_MISMATCH = 2;
export type RowFlag = typeof ROW_OK | typeof ROW_BLANK | typeof ROW_SEX_MISMATCH;

/** A measure that adds numbers (count-rows, sum, sum-sexes): additive across rows. */
export interface SplitMeasure {
  type: "split";
  sexed: boolean;
  /** Add the row's contribution to `into` (all five parts, total included). */
  add(values: Record<string, Value>, into: SexSplit): RowFlag;
  /** The fields `add` reads, and no other (so it can run on a scratch object holding only them, `batchReader`). */
  fields: readonly string[];
  /** Equal for measures that add the same contribution for the same values (so a batch works it out once per row). */
  key: string;
  /** The fields whose cells hold the value taken, for trace: the sex's own column, or the total's. */
  cellFields(sex: Sex | undefined): string[];
  /**
   * Every row's contribution to a batch at once, read from its number columns: into `contrib`, five
   * numbers a row (female, male, other, unknown, total), and `flags`; exactly what `add` gives on
   * each row's values. False, with nothing written, when the batch does not hold the fields as
   * number columns (then `add` runs on each row).
   */
  addBatch?(batch: RowBatch, contrib: Float64Array, flags: Uint8Array): boolean;
}

/** A measure that counts distinct persons (count-persons with an id field). */
export interface PersonMeasure {
  type: "persons";
  sexed: boolean;
  idField: string;
}

export type CompiledMeasure = SplitMeasure | PersonMeasure;

/** The sex count columns of a `sum-sexes` measure. */
export interface SexColumns {
  female?: string | undefined;
  male?: string | undefined;
  other?: string | undefined;
  total?: string | undefined;
}

/** The sex of a row from its `sex` field; anything but female/male/other is `unknown`. */
export function rowSex(values: Record<string, Value>): Sex {
  const s = values["sex"];
  return s === "female" || s === "male" || s === "other" ? s : "unknown";
}

/**
 * Build the per-row adder of an additive measure. `count-persons` on a kind without ids falls back to
 * `count-rows` (the caller marks the figure `unique: false`).
 * @example splitMeasure({ measure: "sum", field: "amount" } as Compute, false).add({ amount: 5 }, split) // split.total += 5
 */
export function splitMeasure(compute: Pick<Compute, "measure" | "field">, sexed: boolean, sexColumns?: SexColumns): SplitMeasure {
  switch (compute.measure) {
    case "count-rows":
    case "count-persons":
      return countRows(sexed, compute.field);
    case "sum":
      return sumField(compute.field!, sexed);
    case "sum-sexes":
      return sumSexes(sexColumns ?? {}, sexed);
  }
}

function countRows(sexed: boolean, idField: string | undefined): SplitMeasure {
  return {
    type: "split",
    sexed,
    add(values, into) {
      if (sexed) into[rowSex(values)] += 1;
      into.total += 1;
      return ROW_OK;
    },
    fields: sexed ? ["sex"] : [],
    key: `count-rows:${sexed}`,
    cellFields: () => (idField ? [idField] : []),
  };
}

function sumField(field: string, sexed: boolean): SplitMeasure {
  return {
    type: "split",
    sexed,
    add(values, into) {
      const n = numberOf(values[field]);
      if (n === null) return ROW_BLANK;
      if (sexed) into[rowSex(values)] += n;
      into.total += n;
      return ROW_OK;
    },
    fields: sexed ? [field, "sex"] : [field],
    key: `sum:${field}:${sexed}`,
    cellFields: () => [field],
  };
}

function sumSexes(cols: SexColumns, sexed: boolean): SplitMeasure {
  const { female, male, other, total } = cols;
  /** A named field's number column; undefined for a field not named or without a column (blank in every row); null when its column is not a number column. */
  const numbers = (b: RowBatch, field: string | undefined): Float64Array | undefined | null => {
    if (field === undefined) return undefined;
    return b.numbers(field) ?? (b.values(field) === undefined ? undefined : null);
  };
  return {
    type: "split",
    sexed,
    add(values, into) {
      const f = female ? numberOf(values[female]) : null;
      const m = male ? numberOf(values[male]) : null;
      const o = other ? numberOf(values[other]) : null;
      const t = total ? numberOf(values[total]) : null;
      if (f === null && m === null && o === null && t === null) return ROW_BLANK;
      const parts = (f ?? 0) + (m ?? 0) + (o ?? 0);
      // Where a total column is named, it is the figure; what the sex columns do not explain is `unknown`.
      const sum = total ? (t ?? parts) : parts;
      if (sexed) {
        into.female += f ?? 0;
        into.male += m ?? 0;
        into.other += o ?? 0;
        into.unknown += sum - parts;
      }
      into.total += sum;
      return total && t !== null && t !== parts ? ROW_SEX_MISMATCH : ROW_OK;
    },
    addBatch(b, contrib, flags) {
      const F = numbers(b, female);
      const M = numbers(b, male);
      const O = numbers(b, other);
      const T = numbers(b, total);
      if (F === null || M === null || O === null || T === null) return false;
      for (let i = 0, c = 0; i < b.size; i++, c += 5) {
        // NaN stands for null: a blank cell, or one that is not a finite number (as `numberOf`).
        const f = finite(F, i);
        const m = finite(M, i);
        const o = finite(O, i);
        const t = finite(T, i);
        if (f !== f && m !== m && o !== o && t !== t) {
          contrib[c] = contrib[c + 1] = contrib[c + 2] = contrib[c + 3] = contrib[c + 4] = 0;
          flags[i] = ROW_BLANK;
          continue;
        }
        // The adds of `add`, in its order, onto zeros (0 + x, as `add` into a zeroed split: -0 becomes 0).
        const parts = (f === f ? f : 0) + (m === m ? m : 0) + (o === o ? o : 0);
        // Where a total column is named, it is the figure (t is NaN when none is named).
        const sum = t === t ? t : parts;
        contrib[c] = sexed ? 0 + (f === f ? f : 0) : 0;
        contrib[c + 1] = sexed ? 0 + (m === m ? m : 0) : 0;
        contrib[c + 2] = sexed ? 0 + (o === o ? o : 0) : 0;
        contrib[c + 3] = sexed ? 0 + (sum - parts) : 0;
        contrib[c + 4] = 0 + sum;
        flags[i] = t === t && t !== parts ? ROW_SEX_MISMATCH : ROW_OK;
      }
      return true;
    },
    fields: [female, male, other, total].filter((c): c is string => c !== undefined),
    key: `sum-sexes:${female ?? ""},${male ?? ""},${other ?? ""},${total ?? ""}:${sexed}`,
    cellFields(sex) {
      const named = sex === "female" ? female : sex === "male" ? male : sex === "other" ? other : undefined;
      if (named) return [named];
      if (total) return [total];
      return [female, male, other].filter((c): c is string => c !== undefined);
    },
  };
}

/** Row `i` of a number column as a finite number, or NaN (no column, a blank, or not finite). */
function finite(col: Float64Array | undefined, i: number): number {
  if (!col) return NaN;
  const x = col[i]!;
  return x - x === 0 ? x : NaN;
}

/** A cell as a number, or null when blank or not numeric. */
export function numberOf(v: Value | undefined): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") {
    const t = v.trim().replace(/,/g, "");
    if (t === "") return null;
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  return null;
}
