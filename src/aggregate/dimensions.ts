import type { Value } from "../schema/kind.js";
import type { DataRow } from "../schema/table.js";

/** What a figure can be broken down by (`--by`). `partner` comes from the table, `age_band` from `age`. */
export const DIMENSIONS = ["partner", "district", "upazila", "union", "training_type", "event_type", "age_band", "trade"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The age bands of the donor's disaggregation. */
export const AGE_BANDS = ["0-17", "18-24", "25-34", "35+"] as const;

/** What a blank or absent grouping value is shown as. */
export const BLANK_GROUP = "(blank)";

/** Separates a dimension from its value in a group key. */
const SEP = "\u0001";

/** True for a known dimension name. */
export function isDimension(name: string): name is Dimension {
  return (DIMENSIONS as readonly string[]).includes(name);
}

/**
 * The age band of an age in years: 0-17, 18-24, 25-34, 35+; blank or not a number gives `(blank)`.
 * @example ageBand(24) // "18-24"
 */
export function ageBand(age: Value | undefined): string {
  const n = typeof age === "number" ? age : typeof age === "string" && age.trim() !== "" ? Number(age) : NaN;
  if (!Number.isFinite(n) || n < 0) return BLANK_GROUP;
  if (n < 18) return "0-17";
  if (n < 25) return "18-24";
  if (n < 35) return "25-34";
  return "35+";
}

/** The value of one dimension for a row. */
export function groupValue(row: DataRow, dim: Dimension): string {
  if (dim === "partner") return row.table.partner;
  return cellGroupValue(dim, row.values[dimensionField(dim)]);
}

/** The field a dimension other than `partner` is read from (`age_band` from `age`). */
export function dimensionField(dim: Exclude<Dimension, "partner">): string {
  return dim === "age_band" ? "age" : dim;
}

/** A dimension's value from its field's cell: the age band of an age, else the trimmed text or `(blank)`. */
export function cellGroupValue(dim: Exclude<Dimension, "partner">, v: Value | undefined): string {
  if (dim === "age_band") return ageBand(v);
  if (v === null || v === undefined) return BLANK_GROUP;
  const text = String(v).trim();
  return text === "" ? BLANK_GROUP : text;
}

/** The group key of a dimension's value (`partner\u0001RJ`). */
export function groupKey(dim: Dimension, value: string): string {
  return dim + SEP + value;
}

/** The group keys of a row, one per dimension (`partner\u0001RJ`). */
export function groupKeys(row: DataRow, dims: readonly Dimension[]): string[] {
  return dims.map((d) => groupKey(d, groupValue(row, d)));
}

/** Split a group key back into its dimension and value. */
export function splitGroupKey(key: string): [Dimension, string] {
  const i = key.indexOf(SEP);
  return [key.slice(0, i) as Dimension, key.slice(i + 1)];
}
