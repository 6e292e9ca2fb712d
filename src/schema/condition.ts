import { ReportingError } from "../errors/reporting-error.js";
import type { Value } from "./kind.js";
import type { Condition } from "./project.js";
import { batchReader, codeMemo, type RowBatch } from "./table.js";

/** Answers of one-field predicates per code of a coded column (see `testBatch`). */
const byCode = new WeakMap<RowPredicate, ReturnType<typeof codeMemo<0 | 1>>>();

/** A precompiled test on a row's normalised values; it reads `fields` of them and nothing else. */
export interface RowPredicate {
  (values: Record<string, Value>): boolean;
  readonly fields: readonly string[];
}

/** A predicate that says which fields it reads. */
function predicate(fields: readonly string[], test: (values: Record<string, Value>) => boolean): RowPredicate {
  return Object.assign(test, { fields });
}

/**
 * Compile `where` conditions into one predicate, once per indicator. Text comparisons ignore case and
 * surrounding spaces (categories are canonical keys already; free text such as an event type is not).
 * A blank value (null or "") equals nothing, is in nothing, and is "not in" every list.
 * @example compileWhere([{ field: "status", equals: "dropped" }], "…compute.where")({ status: "dropped" }) // true
 */
export function compileWhere(conditions: readonly Condition[], path: string): RowPredicate {
  const tests = conditions.map((c, i) => compileCondition(c, `${path}[${i}]`));
  if (tests.length === 0) return predicate([], () => true);
  if (tests.length === 1) return tests[0]!;
  return predicate([...new Set(tests.flatMap((t) => t.fields))], (values) => {
    for (const t of tests) if (!t(values)) return false;
    return true;
  });
}

/**
 * Which rows of a batch a predicate holds for: `out[i]` is 1 when it holds for row `i`, else 0 (from
 * the columns of the fields it reads, so the answer is the row's own, without a DataRow per row).
 * `out` must hold at least `batch.size` entries; it is returned.
 * @example testBatch(compileWhere([{ field: "status", equals: "dropped" }], "where"), batch, new Uint8Array(batch.size))
 */
export function testBatch(pred: RowPredicate, batch: RowBatch, out: Uint8Array): Uint8Array {
  const n = batch.size;
  if (pred.fields.length === 0) return out.fill(pred({}) ? 1 : 0, 0, n);
  // A test of one field held as codes: once per distinct value, then one array read a row.
  const coded = pred.fields.length === 1 ? batch.codes?.(pred.fields[0]!) : undefined;
  if (coded) {
    let memo = byCode.get(pred);
    if (!memo) {
      const field = pred.fields[0]!;
      byCode.set(pred, (memo = codeMemo((v) => (pred({ [field]: v }) ? 1 : 0))));
    }
    const of = memo.get(coded);
    const codes = coded.codes;
    for (let i = 0; i < n; i++) out[i] = of(codes[i]!);
    return out;
  }
  const reader = batchReader(batch, pred.fields);
  for (let i = 0; i < n; i++) out[i] = pred(reader.read(i)) ? 1 : 0;
  return out;
}

/** Compile one condition. Throws `project-invalid` for a regular expression that does not compile. */
export function compileCondition(c: Condition, path: string): RowPredicate {
  const field = c.field;
  if ("equals" in c) {
    const want = fold(c.equals);
    return memoised(field, (have) => !isBlank(have) && fold(have) === want);
  }
  if ("in" in c) {
    const set = new Set(c.in.map(fold));
    return memoised(field, (have) => !isBlank(have) && set.has(fold(have)));
  }
  if ("not_in" in c) {
    const set = new Set(c.not_in.map(fold));
    return memoised(field, (have) => isBlank(have) || !set.has(fold(have)));
  }
  if ("present" in c) {
    const want = c.present;
    return predicate([field], (v) => !isBlank(v[field]) === want);
  }
  let re: RegExp;
  try {
    re = new RegExp(c.matches, "i");
  } catch (e) {
    throw new ReportingError("project-invalid", `${path}.matches: ${JSON.stringify(c.matches)} is not a regular expression (${(e as Error).message})`);
  }
  return predicate([field], (v) => {
    const have = v[field];
    return re.test(have === null || have === undefined ? "" : String(have));
  });
}

/** Distinct values remembered per condition; past this, values are tested afresh (free text with many spellings). */
const MEMO_LIMIT = 4096;

/**
 * A test of one field whose answer is remembered per distinct value: categories and event types repeat,
 * so most rows cost one Map lookup instead of trimming and lower-casing text.
 */
function memoised(field: string, test: (have: Value | undefined) => boolean): RowPredicate {
  const memo = new Map<Value | undefined, boolean>();
  return predicate([field], (v) => {
    const have = v[field];
    let answer = memo.get(have);
    if (answer === undefined) {
      answer = test(have);
      if (memo.size < MEMO_LIMIT) memo.set(have, answer);
    }
    return answer;
  });
}

/**
 * Say in words why a row passed the conditions, with its own values: `status = dropped, tna_by = TSP`.
 * Used by trace, so a reader sees what each row was selected on.
 */
export function describeConditions(conditions: readonly Condition[], values: Record<string, Value>): string {
  return conditions
    .map((c) => {
      const have = values[c.field];
      const shown = isBlank(have) ? "blank" : String(have);
      if ("present" in c) return c.present ? `${c.field} present (${shown})` : `${c.field} blank`;
      if ("not_in" in c) return `${c.field} = ${shown} (not ${c.not_in.join("/")})`;
      if ("matches" in c) return `${c.field} = ${shown} (matches /${c.matches}/)`;
      return `${c.field} = ${shown}`;
    })
    .join("; ");
}

/** Null, undefined and text of only spaces count as blank. */
export function isBlank(v: Value | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function fold(v: Value | undefined): string {
  return typeof v === "string" ? v.trim().toLowerCase() : String(v).toLowerCase();
}
