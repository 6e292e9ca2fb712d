import type { Value } from "../schema/kind.js";

/**
 * A function that builds a row's `values` object from values in field order. Built once per table
 * as an object literal with the field names written out, so every row shares one hidden class:
 * about five times faster per row than assigning keys one by one (a million rows: ~1 s → ~0.2 s).
 * The names are the built-in kinds' field names, quoted with JSON.stringify.
 * @example rowBuilder(["date", "total"])(["2021-01-05", 20]) // { date: "2021-01-05", total: 20 }
 */
export function rowBuilder(names: readonly string[]): (values: readonly Value[]) => Record<string, Value> {
  const body = `return {${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(", ")}};`;
  return new Function("v", body) as (values: readonly Value[]) => Record<string, Value>;
}
