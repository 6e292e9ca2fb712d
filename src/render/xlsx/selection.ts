import type { Value } from "../../schema/kind.js";
import type { Compute, Condition } from "../../schema/project.js";
import { SEXES } from "../../schema/sex.js";
import { compileCondition } from "../../schema/condition.js";
import { describeCondition } from "./condition.js";
import { addHelper, columnRange, fieldType, PARTNER_COLUMN, type DataSheetLayout } from "./layout.js";
import { isDangerousText, neutraliseText } from "./safe-text.js";

/** What a criterion tests; each maps to one COUNTIFS criterion and one JS predicate. */
export type Test =
  | { op: "eq"; value: string | number | boolean }
  | { op: "ne"; value: string | number }
  | { op: "in"; values: (string | number)[] }
  | { op: "ge" | "le"; date: string }
  | { op: "nonblank" }
  | { op: "one" };

/** One `range, criterion` pair of a COUNTIFS/SUMIFS. */
export interface Criterion {
  letter: string;
  field: string;
  test: Test;
}

import type { Window } from "../windows.js";
export type { Window };

/** The rows a compute selects on one data sheet, as COUNTIFS criteria. */
export interface Selection {
  layout: DataSheetLayout;
  criteria: Criterion[];
}

const NUMERIC = new Set(["integer", "number", "boolean"]);

/**
 * Whether Excel's criterion matching selects exactly the rows the engine's `where` does for `value` on
 * this column. The engine compares text ignoring case and surrounding spaces, as Excel ignores case; so
 * the criterion must be plain text (no leading operator, nothing Excel would read as a number or a
 * date) and no cell of the column may carry surrounding spaces. Numbers and booleans only on numeric
 * or boolean columns.
 */
export function excelSafe(layout: DataSheetLayout, field: string, value: Value): boolean {
  const type = fieldType(layout, field);
  if (typeof value === "number" || typeof value === "boolean") return NUMERIC.has(type ?? "") && (typeof value === "boolean") === (type === "boolean");
  if (typeof value !== "string") return false;
  if (NUMERIC.has(type ?? "") || type === "date") return false;
  if (value === "" || value !== value.trim() || /^[=<>\d.+-]/.test(value) || isDangerousText(value) || /^(true|false)$/i.test(value)) return false;
  for (let i = 0; i < layout.data.rows.length; i++) {
    const v = layout.value(field, i);
    if (typeof v === "string" && (v !== v.trim() || isDangerousText(v))) return false;
  }
  return true;
}

/** A condition as criteria, or undefined when Excel cannot express it exactly. */
function conditionCriteria(layout: DataSheetLayout, c: Condition, arrayUsed: boolean): Criterion[] | undefined {
  const letter = layout.letterOf.get(c.field);
  if (!letter) return undefined;
  const field = c.field;
  if ("equals" in c) return excelSafe(layout, field, c.equals) ? [{ letter, field, test: { op: "eq", value: c.equals } }] : undefined;
  if ("in" in c) {
    if (!c.in.every((v) => excelSafe(layout, field, v))) return undefined;
    if (c.in.length === 1) return [{ letter, field, test: { op: "eq", value: c.in[0]! } }];
    return arrayUsed ? undefined : [{ letter, field, test: { op: "in", values: [...c.in] } }];
  }
  if ("not_in" in c) return c.not_in.every((v) => excelSafe(layout, field, v)) ? c.not_in.map((v) => ({ letter, field, test: { op: "ne", value: v } })) : undefined;
  if ("present" in c && c.present) return [{ letter, field, test: { op: "nonblank" } }];
  return undefined;
}

/**
 * The criteria that select a compute's rows on one data sheet within a window: partner, `where`
 * conditions, then the date window. A condition Excel cannot express exactly (a regular expression,
 * free text, a second list) becomes a helper column of 1/0 that logframe fills in.
 */
export function selectRows(layout: DataSheetLayout, compute: Compute, window: Window): Selection | undefined {
  const dateLetter = layout.letterOf.get(compute.date);
  if (!dateLetter || !layout.dateFields.has(compute.date)) return undefined;
  const criteria: Criterion[] = [];
  let arrayUsed = false;
  const partners = compute.partner === undefined ? [] : Array.isArray(compute.partner) ? compute.partner : [compute.partner];
  const conditions: Condition[] = [...compute.where];
  if (partners.length === 1) conditions.unshift({ field: PARTNER_COLUMN, equals: partners[0]! });
  if (partners.length > 1) conditions.unshift({ field: PARTNER_COLUMN, in: partners });
  for (const c of conditions) {
    const cs = conditionCriteria(layout, c, arrayUsed);
    if (cs) {
      if (cs.some((x) => x.test.op === "in")) arrayUsed = true;
      criteria.push(...cs);
      continue;
    }
    const label = c.field === PARTNER_COLUMN ? `partner in ${partners.join("/")}` : describeCondition(c);
    const holds = c.field === PARTNER_COLUMN ? (v: Value) => partners.includes(String(v)) : ((t) => (v: Value) => t({ [c.field]: v }))(compileCondition(c, c.field));
    const helper = addHelper(layout, `where ${label}`, (_, i) => ({ value: holds(layout.value(c.field, i)) ? 1 : 0 }), true);
    criteria.push({ letter: helper.letter, field: helper.header, test: { op: "one" } });
  }
  criteria.push({ letter: dateLetter, field: compute.date, test: { op: "ge", date: window.from } });
  criteria.push({ letter: dateLetter, field: compute.date, test: { op: "le", date: window.to } });
  return { layout, criteria };
}

// ── JS evaluation (cached values and self-checks) ────────────────────────────────────────────────

/** Excel's `=` criterion on one cell: text ignoring case (wildcards are escaped), numbers and booleans exactly. */
function excelEquals(v: Value, want: string | number | boolean): boolean {
  if (typeof want === "string") return typeof v === "string" && neutraliseText(v).toLowerCase() === want.toLowerCase();
  return v === want;
}

/** Whether data row i meets a criterion, as Excel's COUNTIFS would decide it. */
function passes(layout: DataSheetLayout, c: Criterion, i: number): boolean {
  const helper = layout.helpers.find((h) => h.letter === c.letter);
  const v = helper ? helper.cells[i]!.value : layout.value(c.field, i);
  const blank = v === null || v === "";
  switch (c.test.op) {
    case "eq":
      return excelEquals(v, c.test.value);
    case "ne":
      return !excelEquals(v, c.test.value);
    case "in":
      return c.test.values.some((w) => excelEquals(v, w));
    case "ge":
      return typeof v === "string" && v >= c.test.date;
    case "le":
      return typeof v === "string" && v <= c.test.date;
    case "nonblank":
      return !blank;
    case "one":
      return v === 1;
  }
}

/** Indices of the data rows a selection picks. */
export function selectedRows(sel: Selection): number[] {
  const out: number[] = [];
  for (let i = 0; i < sel.layout.data.rows.length; i++) if (sel.criteria.every((c) => passes(sel.layout, c, i))) out.push(i);
  return out;
}

// ── Excel text ───────────────────────────────────────────────────────────────────────────────────

/** A string literal in a formula. */
export function str(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Escape Excel's criterion wildcards. */
function wild(s: string): string {
  return s.replace(/[~*?]/g, (m) => `~${m}`);
}

function dateExpr(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `DATE(${y},${m},${d})`;
}

function literal(v: string | number | boolean, prefix: string): string {
  if (typeof v === "boolean") return prefix ? str(`${prefix}${v ? "TRUE" : "FALSE"}`) : v ? "TRUE" : "FALSE";
  if (typeof v === "number") return prefix && prefix !== "=" ? str(`${prefix}${v}`) : String(v);
  return str(`${prefix}${wild(v)}`);
}

/** A criterion's text: `"=female"`, `">="&DATE(2019,11,7)`, `{"=wage","=self"}`. */
export function criterionText(t: Test): string {
  switch (t.op) {
    case "eq":
      return literal(t.value, "=");
    case "ne":
      return literal(t.value, "<>");
    case "in":
      return `{${t.values.map((v) => literal(v, "=")).join(",")}}`;
    case "ge":
      return `">="&${dateExpr(t.date)}`;
    case "le":
      return `"<="&${dateExpr(t.date)}`;
    case "nonblank":
      return `"<>"`;
    case "one":
      return "1";
  }
}

/** The `range, criterion, ...` argument list of a selection, with extra criteria appended. */
export function criteriaArgs(sel: Selection, extra: string[] = []): string {
  let base = baseArgs.get(sel);
  if (base === undefined) {
    base = sel.criteria.flatMap((c) => [columnRange(sel.layout, c.letter), criterionText(c.test)]).join(",");
    baseArgs.set(sel, base);
  }
  return extra.length > 0 ? `${base},${extra.join(",")}` : base;
}
// Helper columns repeat a selection's criteria on every row: build their text once per selection.
const baseArgs = new WeakMap<Selection, string>();

/** True when a selection uses an array constant, so its COUNTIFS must be wrapped in SUMPRODUCT. */
export function usesArray(sel: Selection): boolean {
  return sel.criteria.some((c) => c.test.op === "in");
}

/** `COUNTIFS(...)` or `SUMIFS(sum, ...)`, wrapped in SUMPRODUCT when a criterion is a list. */
export function ifsCall(sel: Selection, sumRange: string | undefined, extra: string[] = []): string {
  const call = sumRange ? `SUMIFS(${sumRange},${criteriaArgs(sel, extra)})` : `COUNTIFS(${criteriaArgs(sel, extra)})`;
  return usesArray(sel) ? `SUMPRODUCT(${call})` : call;
}

/** Sex categories in column order. */
export const SEX_KEYS = SEXES;
