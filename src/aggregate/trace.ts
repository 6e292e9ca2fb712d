import { ReportingError } from "../errors/reporting-error.js";
import type { ProjectFile } from "../schema/project.js";
import type { IndicatorResult, Period } from "../schema/result.js";
import { emptySplit, type Sex, type SexSplit } from "../schema/sex.js";
import { cellOf, eventRows, type DataRow, type IngestEvent } from "../schema/table.js";
import { codeHint, compilePlan, withComponents, type ComputePlan, type IndicatorPlan } from "./compile.js";
import { createEngine } from "./engine.js";
import { rowSex } from "./measure.js";
import { formatDate, quarterOf } from "./periods.js";
import { describeConditions, isBlank } from "../schema/condition.js";
import { roundFigure } from "./targets.js";

/** What to trace: one indicator's figure for a period, optionally one sex and one partner. */
export interface TraceOptions {
  indicator: string;
  period: Period;
  cumulative?: boolean;
  sex?: Sex;
  partner?: string;
}

/** A source row behind a figure: where it is, the value taken, and whether (and why) it counted. */
export interface TraceRow {
  file: string;
  sheet: string;
  row: number;
  partner: string;
  /** The cell of the value taken (`H14`), or cells joined with `+` when the value adds several. */
  cell: string;
  value: number;
  counted: boolean;
  reason: string;
}

/** Every row that made a figure; the counted values add up to the figure. Formulas trace to their components. */
export interface Trace {
  indicator: string;
  title: string;
  period: Period & { cumulative: boolean };
  sex?: Sex;
  partner?: string;
  /** The figure the engine reports (null: no figure, e.g. a division by zero). */
  figure: number | null;
  rows: TraceRow[];
  /** The sum of the counted values; null for a formula (see `components`). */
  sum: number | null;
  formula?: string;
  components?: Trace[];
  notes: string[];
}

interface Candidate {
  row: DataRow;
  date: string | null;
  id?: string;
}

/**
 * List every source row that made an indicator's figure, in one pass over the ingest stream, and check
 * that the counted values add up to the figure the engine reports (an internal error if not).
 * @example await traceIndicator(ingestSources(sources, project), project, { indicator: "1.1.enrolled", period, sex: "female" })
 */
export async function traceIndicator(events: AsyncIterable<IngestEvent> | Iterable<IngestEvent>, project: ProjectFile, options: TraceOptions): Promise<Trace> {
  const plan = compilePlan(project);
  const want = options.indicator.trim().toLowerCase();
  const target = plan.indicators.find((p) => p.code.toLowerCase() === want) ?? plan.indicators.find((p) => p.place.indicator.reference?.toLowerCase() === want);
  if (!target) throw new ReportingError("unknown-indicator", `${options.indicator}: no indicator has this code`, codeHint(plan.indicators.map((p) => p.code), options.indicator));
  if (options.partner !== undefined && !project.partners.some((p) => p.code === options.partner)) {
    throw new ReportingError("bad-option", `--partner ${options.partner}: not one of the partners (${project.partners.map((p) => p.code).join(", ")})`);
  }
  const needed = withComponents(plan, [target.code]);
  const computes = plan.indicators.filter((p): p is ComputePlan => p.type === "compute" && needed.has(p.code));
  if (options.sex) {
    const unsexed = computes.find((p) => !p.sexed);
    if (unsexed) throw new ReportingError("bad-option", `--sex ${options.sex}: ${unsexed.code} is not split by sex; trace its total`);
  }

  // ── One pass: the engine for the figures, and the candidate rows of each compute indicator ──
  const engine = createEngine(project, { period: options.period, cumulative: options.cumulative ?? false, by: options.partner ? ["partner"] : [], indicators: [...needed] });
  const phase = project.project.phase;
  const lo = options.cumulative ? phase.start : options.period.from;
  const hi = options.period.to;
  const candidates = new Map<string, Candidate[]>(computes.map((p) => [p.code, []]));
  for await (const event of events) {
    engine.add(event);
    if (event.type !== "row" && event.type !== "batch") continue;
    // A batch's rows are made whole here: a trace lists them anyway.
    const kind = event.type === "row" ? event.row.table.kind : event.batch.table.kind;
    if (!computes.some((p) => p.kinds.has(kind))) continue;
    for (const row of eventRows(event)) {
      for (const p of computes) {
        if (!p.kinds.has(row.table.kind) || (p.partners && !p.partners.has(row.table.partner)) || !p.where(row.values)) continue;
        const d = row.values[p.dateField];
        const date = typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
        // A blank optional date (a service not given) is not a row behind the figure; a blank required one is shown.
        if (date === null && !p.dateRequired) continue;
        if (date !== null && (date < lo || date > hi || date < phase.start || date > phase.end)) continue;
        candidates.get(p.code)!.push({ row, date });
      }
    }
  }
  const result = engine.finish();
  const figures = new Map(result.indicators.map((i) => [i.code, i]));
  const build = (p: IndicatorPlan): Trace => tracePlan(p, figures.get(p.code)!, candidates.get(p.code) ?? [], options, lo, hi, plan.byCode, build);
  return build(target);
}

function tracePlan(
  p: IndicatorPlan,
  result: IndicatorResult,
  candidates: Candidate[],
  options: TraceOptions,
  lo: string,
  hi: string,
  byCode: ReadonlyMap<string, IndicatorPlan>,
  build: (p: IndicatorPlan) => Trace,
): Trace {
  const part = options.sex ?? "total";
  const split = options.partner ? (result.by["partner"]?.[options.partner] ?? (result.actual ? emptySplit() : null)) : result.actual;
  const figure = split ? split[part] : null;
  const base: Trace = {
    indicator: p.code,
    title: p.place.indicator.title,
    period: { ...options.period, cumulative: options.cumulative ?? false },
    ...(options.sex ? { sex: options.sex } : {}),
    ...(options.partner ? { partner: options.partner } : {}),
    figure,
    rows: [],
    sum: null,
    notes: result.notes,
  };
  if (p.type === "manual") return base;
  if (p.type === "formula") return { ...base, formula: p.place.indicator.formula!, components: p.refs.map((r) => build(byCode.get(r)!)) };

  const rows = p.accType === "persons" ? personRows(p, candidates, lo, hi, options) : splitRows(p, candidates, lo, hi, options);
  const sum = roundFigure(rows.reduce((s, r) => (r.counted ? s + r.value : s), 0));
  if (figure !== null && Math.abs(sum - figure) > 1e-6) {
    throw new Error(`internal: the trace of ${p.code} (${part}${options.partner ? `, ${options.partner}` : ""}) adds up to ${sum}, but the figure is ${figure}`);
  }
  return { ...base, rows, sum };
}

// ── Additive measures: every row in the chosen bucket(s) counts its value ──

function splitRows(p: ComputePlan, candidates: Candidate[], lo: string, hi: string, options: TraceOptions): TraceRow[] {
  const dated = candidates.filter((c) => c.date !== null);
  const contribution = new Map<Candidate, SexSplit>();
  for (const c of dated) {
    const s = emptySplit();
    const m = p.measures.get(c.row.table.kind)!;
    if (m.type === "split") m.add(c.row.values, s);
    contribution.set(c, s);
  }
  const chosen = chooseBuckets(p, dated, (c) => (inPartner(c, options) ? contribution.get(c)!.total : 0));
  const out: TraceRow[] = [];
  for (const c of candidates) {
    if (!inPartner(c, options)) continue;
    const m = p.measures.get(c.row.table.kind)!;
    if (m.type !== "split") continue;
    // A row of another sex adds nothing to this sex's figure: leave it out (sum-sexes rows carry every sex).
    if (options.sex && p.compute.measure !== "sum-sexes" && rowSex(c.row.values) !== options.sex) continue;
    const fields = m.cellFields(options.sex);
    const cell = cellsOf(c.row, fields.length > 0 ? fields : [p.dateField]);
    if (c.date === null) {
      out.push(traceRow(c, cell, 0, false, `no ${p.dateField}: counted in no period`));
      continue;
    }
    const value = contribution.get(c)![options.sex ?? "total"];
    const why = chosen.why(c);
    out.push(traceRow(c, cell, roundFigure(value), why === null, why ?? selectedBecause(p, c, lo, hi)));
  }
  return out;
}

// ── Person counts: the earliest row of each person in a bucket counts; later rows say where they were counted ──

function personRows(p: ComputePlan, candidates: Candidate[], lo: string, hi: string, options: TraceOptions): TraceRow[] {
  const idOf = (c: Candidate): string => {
    const m = p.measures.get(c.row.table.kind)!;
    const raw = m.type === "persons" ? c.row.values[m.idField] : null;
    return isBlank(raw) ? "" : String(raw).trim().toUpperCase();
  };
  for (const c of candidates) c.id = idOf(c);
  const eligible = candidates.filter((c) => c.date !== null && c.id !== "").sort(compareRows);
  const first = new Map<Candidate, Candidate>();
  const seen = new Map<string, Candidate>();
  for (const c of eligible) {
    const key = `${bucketKey(p, c.date!)}\u0000${c.id}`;
    const earlier = seen.get(key);
    if (earlier) first.set(c, earlier);
    else seen.set(key, c);
  }
  const counts = (c: Candidate): boolean => !first.has(c) && inPartner(c, options);
  const chosen = chooseBuckets(p, eligible, (c) => (counts(c) ? 1 : 0));

  const out: TraceRow[] = [];
  for (const c of candidates) {
    if (!inPartner(c, options)) continue;
    const m = p.measures.get(c.row.table.kind)!;
    const idField = m.type === "persons" ? m.idField : p.dateField;
    const cell = cellsOf(c.row, [idField]);
    if (c.date === null) {
      if (!options.sex || rowSex(c.row.values) === options.sex) out.push(traceRow(c, cell, 1, false, `no ${p.dateField}: counted in no period`));
      continue;
    }
    if (c.id === "") {
      if (!options.sex || rowSex(c.row.values) === options.sex) out.push(traceRow(c, cell, 1, false, `no ${idField}: not counted`));
      continue;
    }
    const earlier = first.get(c);
    // A person's sex is the sex on the row that counted them.
    if (options.sex && rowSex((earlier ?? c).row.values) !== options.sex) continue;
    if (earlier) {
      const inQuarter = p.bucket === "quarter" ? ` in ${quarterOf(c.date)}` : "";
      out.push(traceRow(c, cell, 1, false, `${String(c.row.values[idField]).trim()} already counted${inQuarter} at ${where(earlier.row)}`));
      continue;
    }
    const why = chosen.why(c);
    out.push(traceRow(c, cell, 1, why === null, why ?? selectedBecause(p, c, lo, hi)));
  }
  return out;
}

// ── Buckets: which rows' buckets make the figure (all, the largest quarter, or the latest date) ──

interface Chosen {
  /** Null when the row's bucket makes the figure, else why it does not. */
  why(c: Candidate): string | null;
}

function chooseBuckets(p: ComputePlan, rows: Candidate[], weight: (c: Candidate) => number): Chosen {
  if (p.combine === "add") return { why: () => null };
  if (p.combine === "latest") {
    // The engine keeps the latest date over all partners; a partner's share is its rows of that date.
    const latest = rows.reduce<string | null>((m, c) => (m === null || c.date! > m ? c.date! : m), null);
    return { why: (c) => (c.date === latest ? null : `${p.dateField} ${c.date} is before the latest date ${latest}`) };
  }
  const totals = new Map<string, number>();
  for (const c of rows) totals.set(quarterOf(c.date!), (totals.get(quarterOf(c.date!)) ?? 0) + weight(c));
  let best: string | null = null;
  for (const q of [...totals.keys()].sort()) if (best === null || totals.get(q)! > totals.get(best)!) best = q;
  return { why: (c) => (quarterOf(c.date!) === best ? null : `${p.dateField} ${c.date} in ${quarterOf(c.date!)}; the largest quarter is ${best} (${totals.get(best!)})`) };
}

function bucketKey(p: ComputePlan, date: string): string {
  return p.bucket === "whole" ? "" : p.bucket === "quarter" ? quarterOf(date) : date;
}

function inPartner(c: Candidate, options: TraceOptions): boolean {
  return options.partner === undefined || c.row.table.partner === options.partner;
}

function selectedBecause(p: ComputePlan, c: Candidate, lo: string, hi: string): string {
  const conditions = p.conditions.length > 0 ? `; ${describeConditions(p.conditions, c.row.values)}` : "";
  return `${c.row.table.kind}, ${p.dateField} ${c.date} within ${lo}..${hi}${conditions}`;
}

function traceRow(c: Candidate, cell: string, value: number, counted: boolean, reason: string): TraceRow {
  return { file: c.row.table.file, sheet: c.row.table.sheet, row: c.row.row, partner: c.row.table.partner, cell, value, counted, reason };
}

function cellsOf(row: DataRow, fields: string[]): string {
  return fields.map((f) => cellOf(row.table, f, row.row) ?? `${f}@${row.row}`).join("+");
}

/** `register-2019-2021.xlsx Register!row 40`. */
function where(row: DataRow): string {
  return `${row.table.file} ${row.table.sheet}!row ${row.row}`;
}

function compareRows(a: Candidate, b: Candidate): number {
  if (a.date !== b.date) return a.date! < b.date! ? -1 : 1;
  if (a.row.table.file !== b.row.table.file) return a.row.table.file < b.row.table.file ? -1 : 1;
  if (a.row.table.sheet !== b.row.table.sheet) return a.row.table.sheet < b.row.table.sheet ? -1 : 1;
  return a.row.row - b.row.row;
}

/** The closing line of a trace: `= 534, the figure reported for 1.1.enrolled (female), phase`. */
export function traceSumLine(t: Trace): string {
  const what = [t.sex, t.partner].filter(Boolean).join(", ");
  const figure = t.figure === null ? "no figure" : t.figure.toLocaleString("en-GB");
  const period = t.period.cumulative ? `cumulative to ${formatDate(t.period.to)}` : t.period.id;
  if (t.sum === null) return `= ${figure}, the figure reported for ${t.indicator}${what ? ` (${what})` : ""}, ${period}${t.formula ? `: ${t.formula}` : ""}`;
  return `= ${t.sum.toLocaleString("en-GB")}, the figure reported for ${t.indicator}${what ? ` (${what})` : ""}, ${period}`;
}
