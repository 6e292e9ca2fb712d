import { SOURCE_KINDS, type SourceKindName } from "../../schema/kinds/index.js";
import type { SexSplit } from "../../schema/sex.js";
import { leftOutReason } from "../collect-data.js";
import type { ReportIndicator, ReportLeftOut } from "../model.js";
import { evaluateFormula, formulaRefs, formulaText, parseFormula } from "./formula-expr.js";
import { addHelper, columnRange, type DataSheetLayout } from "./layout.js";
import { criterionText, ifsCall, selectedRows, selectRows, str, type Selection, type Window } from "./selection.js";

/** The sex columns of the tracking sheet, in order. */
export const SPLIT_KEYS = ["female", "male", "other", "unknown", "total"] as const;
export type SplitKey = (typeof SPLIT_KEYS)[number];

/** A cell: a live formula with its cached result, or a plain value. */
export type CellContent = { formula: string; result: number | null } | { value: number | null };

/** The five sex cells of one indicator for one window, and why they are values if they are. */
export interface IndicatorCells {
  cells: Record<SplitKey, CellContent>;
  /** Set when logframe's figure is written as a value instead of a formula. */
  note?: string;
}

/** What the builder needs to know about the workbook. */
export interface CellContext {
  layouts: Map<SourceKindName, DataSheetLayout>;
  /** Kinds left out of the data sheets (`ReportDataSheet.leftOut`): their rows and the limit. */
  leftOut?: ReadonlyMap<SourceKindName, ReportLeftOut>;
  /** Address (`K7`) of an indicator's cell on the tracking sheet, for formula indicators. */
  address(code: string, key: SplitKey): string | undefined;
  /** Figures of another indicator for the same window, for formula indicators. */
  figures(code: string): SexSplit | null | undefined;
  /** Short name of the window for helper headers: `period`, `cumulative`. */
  windowName: string;
}

type Figures = Record<SplitKey, number | null>;

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function values(split: SexSplit | null, disaggregated: boolean): Figures {
  const f = {} as Figures;
  for (const k of SPLIT_KEYS) f[k] = split === null ? null : k === "total" || disaggregated ? split[k] : null;
  return f;
}

function asValues(split: SexSplit | null, disaggregated: boolean, note?: string): IndicatorCells {
  const v = values(split, disaggregated);
  const cells = {} as Record<SplitKey, CellContent>;
  for (const k of SPLIT_KEYS) cells[k] = { value: v[k] };
  return { cells, note };
}

/** A formula per sex; accepted only if its own evaluation equals logframe's figure in every cell. */
function accept(ind: ReportIndicator, split: SexSplit, built: Partial<Record<SplitKey, { formula: string; value: number }>>, why: string): IndicatorCells {
  const want = values(split, ind.disaggregated);
  const cells = {} as Record<SplitKey, CellContent>;
  for (const k of SPLIT_KEYS) {
    const b = built[k];
    if (want[k] === null) {
      cells[k] = { value: null };
      continue;
    }
    if (!b || !close(b.value, want[k])) return asValues(split, ind.disaggregated, why);
    cells[k] = { formula: b.formula, result: want[k] };
  }
  return { cells };
}

const NOT_REPRODUCED = "logframe's figure, written as a value: the workbook's formula does not reproduce this rule";

/**
 * The cells of one indicator for one window: live COUNTIFS/SUMIFS formulas over the data sheets that
 * reproduce its compute, or formulas over other indicators' cells. Where Excel cannot reproduce the
 * rule (a `max` or `latest` person count, persons across several kinds), or the formula would not give
 * logframe's figure, the figure is written as a value with a note saying so.
 */
export function indicatorCells(ind: ReportIndicator, window: Window, split: SexSplit | null, ctx: CellContext): IndicatorCells {
  if (split === null) return asValues(null, ind.disaggregated);
  if (ind.formula) return formulaCells(ind, split, ctx);
  const compute = ind.compute;
  if (!compute) return asValues(split, ind.disaggregated, "logframe's figure, written as a value: the indicator has no compute");
  if (ind.counting === "max") return asValues(split, ind.disaggregated, "logframe's figure, written as a value: the largest quarter (counting: max) is not a workbook formula");
  const kinds = Array.isArray(compute.from) ? compute.from : [compute.from];
  const sels: Selection[] = [];
  for (const k of kinds) {
    const layout = ctx.layouts.get(k);
    const out = ctx.leftOut?.get(k);
    if (!layout && out) return asValues(split, ind.disaggregated, `logframe's figure, written as a value: ${leftOutReason(k, out)}; logframe trace lists the rows`);
    if (!layout) continue; // no rows of this kind: it adds nothing
    const sel = selectRows(layout, compute, window);
    if (!sel) return asValues(split, ind.disaggregated, NOT_REPRODUCED);
    sels.push(sel);
  }
  if (sels.length === 0) return accept(ind, split, zeros(), NOT_REPRODUCED);
  const personId = compute.field ?? (SOURCE_KINDS[kinds[0]!] as { personId?: string }).personId;
  if (compute.measure === "count-persons" && personId && ind.unique) {
    if (sels.length !== 1 || ind.counting === "latest") return asValues(split, ind.disaggregated, NOT_REPRODUCED);
    const cells = personCells(ind, sels[0]!, personId, ctx.windowName);
    return cells ? accept(ind, split, cells, NOT_REPRODUCED) : asValues(split, ind.disaggregated, NOT_REPRODUCED);
  }
  const latest = ind.counting === "latest";
  if (latest && sels.length !== 1) return asValues(split, ind.disaggregated, NOT_REPRODUCED);
  const parts = sels.map((sel) => rowCells(ind, latest ? withLatest(sel) : sel));
  if (parts.some((p) => p === undefined)) return asValues(split, ind.disaggregated, NOT_REPRODUCED);
  const built: Partial<Record<SplitKey, { formula: string; value: number }>> = {};
  for (const k of SPLIT_KEYS) {
    const ps = parts.map((p) => p![k]);
    if (ps.some((p) => p === undefined)) continue;
    built[k] = { formula: ps.map((p) => p!.formula).join("+"), value: ps.reduce((s, p) => s + p!.value, 0) };
  }
  return accept(ind, split, built, NOT_REPRODUCED);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function zeros(): Partial<Record<SplitKey, { formula: string; value: number }>> {
  return Object.fromEntries(SPLIT_KEYS.map((k) => [k, { formula: "0", value: 0 }]));
}

/** `latest`: only the rows carrying the latest date of the selection. */
function withLatest(sel: Selection): Selection & { latest: true } {
  return { ...sel, latest: true };
}

function latestExtra(sel: Selection): { extra: string[]; rows: number[] } {
  const rows = selectedRows(sel);
  const dateC = sel.criteria.at(-1)!;
  const dates = rows.map((i) => sel.layout.value(dateC.field, i) as string);
  const max = dates.reduce((m, d) => (d > m ? d : m), "");
  const range = columnRange(sel.layout, dateC.letter);
  const maxifs = `MAXIFS(${range},${sel.criteria.map((c) => `${columnRange(sel.layout, c.letter)},${critText(c)}`).join(",")})`;
  return { extra: [range, maxifs], rows: rows.filter((_, k) => dates[k] === max) };
}

function critText(c: Selection["criteria"][number]): string {
  return criterionText(c.test);
}

/** Per-sex formulas of count-rows, sum and sum-sexes over one sheet. */
function rowCells(ind: ReportIndicator, sel: Selection & { latest?: true }): Partial<Record<SplitKey, { formula: string; value: number }>> | undefined {
  const compute = ind.compute!;
  const layout = sel.layout;
  const { extra, rows } = sel.latest ? latestExtra(sel) : { extra: [], rows: selectedRows(sel) };
  const num = (field: string, i: number) => {
    const v = layout.value(field, i);
    return typeof v === "number" ? v : 0;
  };
  const out: Partial<Record<SplitKey, { formula: string; value: number }>> = {};
  const sexLetter = layout.letterOf.get("sex");
  if (compute.measure === "sum-sexes") {
    const cols = compute.sexes ?? (SOURCE_KINDS[layout.kind] as { sexColumns?: Record<string, string> }).sexColumns;
    if (!cols) return undefined;
    for (const k of ["female", "male", "other"] as const) {
      const field = cols[k];
      const letter = field ? layout.letterOf.get(field) : undefined;
      out[k] = letter ? { formula: ifsCall(sel, columnRange(layout, letter), extra), value: rows.reduce((s, i) => s + num(field!, i), 0) } : { formula: "0", value: 0 };
    }
    const totalLetter = cols.total ? layout.letterOf.get(cols.total) : undefined;
    out.total = totalLetter
      ? { formula: ifsCall(sel, columnRange(layout, totalLetter), extra), value: rows.reduce((s, i) => s + num(cols.total!, i), 0) }
      : { formula: `${out.female!.formula}+${out.male!.formula}+${out.other!.formula}`, value: out.female!.value + out.male!.value + out.other!.value };
    // The engine counts what the sex columns do not explain of a named total as unknown.
    out.unknown = totalLetter
      ? { formula: `${out.total.formula}-(${out.female!.formula}+${out.male!.formula}+${out.other!.formula})`, value: out.total.value - out.female!.value - out.male!.value - out.other!.value }
      : { formula: "0", value: 0 };
    if (!ind.disaggregated) return { total: out.total };
    return out;
  }
  let sumRange: string | undefined;
  let weight = (_: number) => 1;
  if (compute.measure === "sum") {
    const letter = compute.field ? layout.letterOf.get(compute.field) : undefined;
    if (!letter) return undefined;
    sumRange = columnRange(layout, letter);
    weight = (i) => num(compute.field!, i);
  }
  out.total = { formula: ifsCall(sel, sumRange, extra), value: rows.reduce((s, i) => s + weight(i), 0) };
  if (!ind.disaggregated) return out;
  if (!sexLetter) return undefined;
  for (const k of ["female", "male", "other", "unknown"] as const) {
    out[k] = {
      formula: ifsCall(sel, sumRange, [...extra, columnRange(layout, sexLetter), str(`=${k}`)]),
      value: rows.filter((i) => excelSex(layout.value("sex", i), k)).reduce((s, i) => s + weight(i), 0),
    };
  }
  return out;
}

/**
 * Persons counted once: a helper column marks, on each selected row, whether it is the person's first
 * selected row (earliest date, then sheet order, as the engine orders them); the person's sex is the sex
 * on that row. With `counting: sum` a person counts once per calendar quarter, so "first" is within the
 * row's quarter. Ids compare ignoring case, as the engine's do.
 */
function personCells(ind: ReportIndicator, base: Selection, idField: string, windowName: string): Partial<Record<SplitKey, { formula: string; value: number }>> | undefined {
  const layout = base.layout;
  const idLetter = layout.letterOf.get(idField);
  if (!idLetter) return undefined;
  const sel: Selection = { layout, criteria: [{ letter: idLetter, field: idField, test: { op: "nonblank" } }, ...base.criteria] };
  const dateC = base.criteria.at(-1)!;
  const perQuarter = ind.counting === "sum";
  const rows = selectedRows(sel);
  const first = new Map<string, number>();
  const dateOf = (i: number) => layout.value(dateC.field, i) as string;
  for (const i of rows) {
    const id = String(layout.value(idField, i)).trim().toUpperCase();
    const key = perQuarter ? `${id}\u0000${quarterKey(dateOf(i))}` : id;
    const j = first.get(key);
    if (j === undefined || dateOf(i) < dateOf(j)) first.set(key, i);
  }
  const reps = new Set(first.values());
  const header = `${ind.code}: first row of a person${perQuarter ? " in its quarter" : ""} (${windowName})`;
  const seq = columnRange(layout, "A");
  const formulaOk = idsExcelSafe(layout, idField);
  const helper = addHelper(
    layout,
    header,
    (r, i) => {
      const value = reps.has(i) ? 1 : 0;
      if (!formulaOk) return { value };
      const idR = columnRange(layout, idLetter);
      const dR = columnRange(layout, dateC.letter);
      const d = `$${dateC.letter}${r}`;
      const quarter = perQuarter ? [dR, `">="&DATE(YEAR(${d}),INT((MONTH(${d})-1)/3)*3+1,1)`, dR, `"<"&DATE(YEAR(${d}),INT((MONTH(${d})-1)/3)*3+4,1)`] : [];
      const mine = ifsCall(sel, undefined, [seq, `$A${r}`]);
      const earlier = ifsCall(sel, undefined, [idR, `$${idLetter}${r}`, dR, `"<"&${d}`, ...quarter]);
      const tie = ifsCall(sel, undefined, [idR, `$${idLetter}${r}`, dR, d, seq, `"<"&$A${r}`, ...quarter]);
      return { formula: `IF(${mine}=0,0,IF(${earlier}+${tie}=0,1,0))`, value };
    },
    !formulaOk,
  );
  const hR = columnRange(layout, helper.letter);
  const out: Partial<Record<SplitKey, { formula: string; value: number }>> = { total: { formula: `SUM(${hR})`, value: reps.size } };
  const sexLetter = layout.letterOf.get("sex");
  if (ind.disaggregated && sexLetter) {
    for (const k of ["female", "male", "other", "unknown"] as const) {
      out[k] = { formula: `SUMIFS(${hR},${columnRange(layout, sexLetter)},${str(`=${k}`)})`, value: [...reps].filter((i) => excelSex(layout.value("sex", i), k)).length };
    }
  }
  return out;
}

/** Whether Excel's `"=female"` criterion matches a sex cell (the self-check then compares with the engine). */
function excelSex(v: unknown, k: string): boolean {
  return typeof v === "string" && v.toLowerCase() === k;
}

/** `2021Q3` for an ISO date. */
function quarterKey(iso: string): string {
  return `${iso.slice(0, 4)}Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Ids Excel compares as the engine does (ignoring case): plain codes that start with a letter, without
 * surrounding spaces, wildcards or anything Excel would read as a number, a date or a boolean.
 */
function idsExcelSafe(layout: DataSheetLayout, field: string): boolean {
  for (let i = 0; i < layout.data.rows.length; i++) {
    const v = layout.value(field, i);
    if (v === null || v === "") continue;
    if (typeof v !== "string" || !/^[A-Za-z][A-Za-z0-9_./-]*$/.test(v)) return false;
    if (/^(true|false)$/i.test(v) || /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-/.]?\d/i.test(v)) return false;
  }
  return true;
}

/** A formula indicator: the same arithmetic over its components' cells, per sex. */
function formulaCells(ind: ReportIndicator, split: SexSplit, ctx: CellContext): IndicatorCells {
  const expr = parseFormula(ind.formula!);
  if (!expr) return asValues(split, ind.disaggregated, NOT_REPRODUCED);
  const refs = formulaRefs(expr);
  const built: Partial<Record<SplitKey, { formula: string; value: number }>> = {};
  for (const k of SPLIT_KEYS) {
    const comps = refs.map((code) => ({ code, fig: ctx.figures(code), addr: ctx.address(code, k) }));
    // A blank component cell would count as 0 in Excel where logframe has no figure: keep the value.
    if (comps.some((c) => !c.fig || c.addr === undefined)) continue;
    // The engine rounds figures to 6 decimals, and a sex whose formula divides by zero gets 0.
    const v = evaluateFormula(expr, (code) => ctx.figures(code)?.[k] ?? null);
    if (v === null && k === "total") continue;
    const text = `ROUND(${formulaText(expr, (code) => ctx.address(code, k)!)},6)`;
    built[k] = k === "total" ? { formula: text, value: round6(v!) } : { formula: `IFERROR(${text},0)`, value: v === null ? 0 : round6(v) };
  }
  return accept(ind, split, built, NOT_REPRODUCED);
}
