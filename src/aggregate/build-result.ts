import type { ProjectFile } from "../schema/project.js";
import type { AggregateResult, IndicatorResult } from "../schema/result.js";
import { emptySplit, SEXES, type SexSplit } from "../schema/sex.js";
import { windowFigure, type Figure } from "./accumulate.js";
import type { ComputePlan, FormulaPlan, IndicatorPlan, Plan } from "./compile.js";
import { splitGroupKey, type Dimension } from "./dimensions.js";
import type { EngineOptions, EngineState, IndicatorState } from "./engine.js";
import { evaluateFormula, type Evaluation } from "./formula.js";
import { formatDate } from "./periods.js";
import { achievementPct, femaleGap, femaleShare, pickTarget, roundFigure, statusOf, targetTotal } from "./targets.js";

/** The figures of one indicator before targets: in-period and cumulative, with why they are qualified. */
export interface Figures {
  actual: Figure | null;
  cumulative: Figure | null;
  disaggregated: boolean;
  unique: boolean;
  notes: string[];
}

/**
 * Turn an engine state into the JSON contract: figures, formulas over them, targets and status.
 * Formulas are evaluated on their components' figures (per sex, per group, for each window), never added up.
 */
export function buildResult(project: ProjectFile, plan: Plan, options: EngineOptions, state: EngineState): AggregateResult {
  const figures = computeFigures(project, plan, state, options.by ?? []);
  const indicators = plan.output.map((code) => indicatorResult(project, plan.byCode.get(code)!, figures.get(code)!, options));
  return { project: project.project.name, period: { ...options.period, cumulative: options.cumulative ?? false }, indicators };
}

/** Figures of every compute and formula indicator the state holds (and the formulas over them). */
export function computeFigures(project: ProjectFile, plan: Plan, state: EngineState, dims: readonly Dimension[] = []): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const p of plan.indicators) {
    if (p.type === "compute") {
      const st = state.indicators.get(p.code);
      if (st) out.set(p.code, computeFigure(project, p, st, dims));
    } else if (p.type === "manual") {
      out.set(p.code, { actual: null, cumulative: null, disaggregated: false, unique: true, notes: ["Not computed: the indicator has neither compute nor formula."] });
    }
  }
  for (const code of plan.formulaOrder) {
    const p = plan.byCode.get(code) as FormulaPlan;
    if (p.refs.every((r) => out.has(r))) out.set(code, formulaFigure(p, out));
  }
  return out;
}

function computeFigure(project: ProjectFile, p: ComputePlan, st: IndicatorState, dims: readonly Dimension[]): Figures {
  const cumulative = windowFigure(st.windows[0]!, p.combine, p.sexed, dims);
  const actual = st.windows[1] ? windowFigure(st.windows[1], p.combine, p.sexed, dims) : cumulative;
  const notes = [...p.notes];
  const phase = project.project.phase;
  const rows = (n: number) => (n === 1 ? "1 row" : `${n.toLocaleString("en-GB")} rows`);
  if (st.noDate > 0 && p.dateRequired) notes.push(`${rows(st.noDate)} with no ${p.dateField} counted in no period.`);
  if (st.outsidePhase > 0) notes.push(`${rows(st.outsidePhase)} dated outside the phase (${formatDate(phase.start)} – ${formatDate(phase.end)}) not counted.`);
  if (st.blank > 0) notes.push(`${rows(st.blank)} with a blank ${p.compute.field ?? "count"} counted as 0.`);
  if (st.noId > 0) notes.push(`${rows(st.noId)} without a person id not counted.`);
  if (st.sexMismatch > 0) notes.push(`${rows(st.sexMismatch)} whose sex columns do not add up to their total; the difference is counted as unknown sex.`);
  if (p.combine === "latest") notes.push("A stock: the figure of the rows with the latest date in the period.");
  if (p.combine === "max") notes.push("The largest calendar-quarter figure in the period.");
  return { actual, cumulative, disaggregated: p.sexed, unique: p.unique, notes };
}

function formulaFigure(p: FormulaPlan, figures: ReadonlyMap<string, Figures>): Figures {
  const parts = p.refs.map((r) => figures.get(r)!);
  const disaggregated = parts.every((f) => f.disaggregated);
  const notes: string[] = [];
  const evalWindow = (pick: (f: Figures) => Figure | null, label: string): Figure | null => {
    if (parts.some((f) => pick(f) === null)) return null;
    const total = evalSplit(p, (code) => pick(figures.get(code)!)!.total, disaggregated, notes, label);
    if (total === null) return null;
    const groups = new Map<string, SexSplit>();
    const keys = new Set(p.refs.flatMap((r) => [...pick(figures.get(r)!)!.groups.keys()]));
    for (const key of keys) {
      const g = evalSplit(p, (code) => pick(figures.get(code)!)!.groups.get(key) ?? emptySplit(), disaggregated, [], label);
      if (g) groups.set(key, g);
    }
    return { total, groups };
  };
  const actual = evalWindow((f) => f.actual, "in the period");
  const cumulative = evalWindow((f) => f.cumulative, "cumulative");
  const missing = p.refs.filter((r) => figures.get(r)!.actual === null);
  if (missing.length > 0) notes.push(`No figure: ${missing.join(", ")} ${missing.length === 1 ? "has" : "have"} no figure.`);
  return { actual, cumulative, disaggregated, unique: parts.every((f) => f.unique), notes: [...new Set(notes)] };
}

/** Evaluate a formula per sex and for the total; null when the total has no value. */
function evalSplit(p: FormulaPlan, splitOf: (code: string) => SexSplit, sexed: boolean, notes: string[], label: string): SexSplit | null {
  const at = (part: keyof SexSplit): Evaluation => evaluateFormula(p.expr, (code) => splitOf(code)[part]);
  const total = at("total");
  if (total.value === null) {
    if (total.reason === "division-by-zero") notes.push(`No figure ${label}: the formula divides by zero.`);
    return null;
  }
  const out: SexSplit = { ...emptySplit(), total: total.value };
  if (!sexed) return out;
  const zeroed: string[] = [];
  for (const sex of SEXES) {
    const v = at(sex);
    if (v.value === null) zeroed.push(sex);
    out[sex] = v.value ?? 0;
  }
  // 0/0 for a sex nobody belongs to (often `other`, `unknown`) is not news; say so only for female or male.
  const news = zeroed.filter((s) => s === "female" || s === "male");
  if (news.length > 0) notes.push(`No ${news.join(" or ")} figure ${label}: the formula divides by zero; shown as 0.`);
  return out;
}

function indicatorResult(project: ProjectFile, plan: IndicatorPlan, f: Figures, options: EngineOptions): IndicatorResult {
  const { indicator, outcome, output } = plan.place;
  const inPeriod = f.actual ? roundSplit(f.actual.total) : null;
  const cumulative = f.cumulative ? roundSplit(f.cumulative.total) : null;
  const reported = options.cumulative ? f.cumulative : f.actual;
  const actual = options.cumulative ? cumulative : inPeriod;

  // ── Targets: a project year's own target against that year; else the phase target against progress to date ──
  const choice = pickTarget(indicator, options.period);
  const measured = choice.basis === "year" ? inPeriod : cumulative;
  const pct = achievementPct(measured?.total ?? null, targetTotal(choice.target));
  const notes = [...f.notes];
  if (choice.note) notes.push(choice.note);
  if (options.now && options.period.to > options.now) notes.push(`Figures to ${formatDate(options.now)}: the period runs to ${formatDate(options.period.to)}.`);

  const result: IndicatorResult = {
    code: indicator.code,
    ...(indicator.reference !== undefined ? { reference: indicator.reference } : {}),
    title: indicator.title,
    unit: indicator.unit,
    counting: indicator.counting,
    outcome: outcome.code,
    ...(output ? { output: output.code } : {}),
    disaggregated: f.disaggregated,
    unique: f.unique,
    baseline: indicator.baseline ?? null,
    target: choice.target,
    actual,
    cumulative,
    achievement_pct: pct,
    status: statusOf(pct, project.status),
    female_share_pct: f.disaggregated ? femaleShare(actual) : null,
    female_gap: f.disaggregated ? femaleGap(choice.target, measured) : null,
    by: byGroups(reported, options),
    notes,
  };
  return result;
}

function byGroups(figure: Figure | null, options: EngineOptions): IndicatorResult["by"] {
  const by: IndicatorResult["by"] = {};
  for (const d of options.by ?? []) by[d] = {};
  if (!figure) return by;
  const keys = [...figure.groups.keys()].sort();
  for (const key of keys) {
    const [dim, value] = splitGroupKey(key);
    (by[dim] ??= {})[value] = roundSplit(figure.groups.get(key)!);
  }
  return by;
}

function roundSplit(s: SexSplit): SexSplit {
  return { female: roundFigure(s.female), male: roundFigure(s.male), other: roundFigure(s.other), unknown: roundFigure(s.unknown), total: roundFigure(s.total) };
}
