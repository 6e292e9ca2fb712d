import { ReportingError } from "../errors/reporting-error.js";
import type { FieldSpec, SourceKind } from "../schema/kind.js";
import { SOURCE_KINDS, type SourceKindName } from "../schema/kinds/index.js";
import { walkIndicators, type IndicatorPlace } from "../schema/parse-project.js";
import type { Compute, Condition, ProjectFile } from "../schema/project.js";
import type { Combine } from "./accumulate.js";
import { formulaRefs, orderFormulas, parseFormula, type Expr } from "./formula.js";
import { splitMeasure, type CompiledMeasure, type SexColumns } from "./measure.js";
import { compileWhere, type RowPredicate } from "../schema/condition.js";

/** An indicator computed from rows, compiled once: its row test, measure per kind, and counting. */
export interface ComputePlan {
  type: "compute";
  code: string;
  place: IndicatorPlace;
  compute: Compute;
  kinds: ReadonlySet<SourceKindName>;
  partners: ReadonlySet<string> | null;
  where: RowPredicate;
  conditions: readonly Condition[];
  dateField: string;
  /**
   * The date field is required in the kind (an enrolment, an event): a blank one is missing data and is
   * noted. An optional date (a service) left blank means the service did not happen: nothing to note.
   */
  dateRequired: boolean;
  measures: ReadonlyMap<SourceKindName, CompiledMeasure>;
  /** Whether rows count by person (distinct ids) or add up. */
  accType: "split" | "persons";
  combine: Combine;
  /** How a dated row is bucketed inside a window: whole window, calendar quarter, or date. */
  bucket: "whole" | "quarter" | "date";
  sexed: boolean;
  /** False when a person count fell back to counting rows. */
  unique: boolean;
  notes: readonly string[];
}

/** An indicator computed from other indicators' figures. */
export interface FormulaPlan {
  type: "formula";
  code: string;
  place: IndicatorPlace;
  expr: Expr;
  refs: readonly string[];
}

/** An indicator with neither compute nor formula: targets only. */
export interface ManualPlan {
  type: "manual";
  code: string;
  place: IndicatorPlace;
}

export type IndicatorPlan = ComputePlan | FormulaPlan | ManualPlan;

/** Every indicator to compute, in logframe order, and which of them to report. */
export interface Plan {
  indicators: readonly IndicatorPlan[];
  byCode: ReadonlyMap<string, IndicatorPlan>;
  /** Formula codes in evaluation order (components first). */
  formulaOrder: readonly string[];
  /** Codes asked for (all when no `indicators` option), in logframe order. */
  output: readonly string[];
}

/**
 * Compile the project's indicators: check every field a `compute` names against its source kinds,
 * parse formulas and order them, and refuse what must not be added up. Throws `ReportingError`
 * (`project-invalid`, `unknown-indicator`) naming the indicator's path in the project file.
 * @example compilePlan(project, ["1.2"]).output // ["1.2.tna", "1.2.graduated", ...]
 */
export function compilePlan(project: ProjectFile, select?: readonly string[]): Plan {
  const places = walkIndicators(project);
  const partnerCodes = new Set(project.partners.map((p) => p.code));
  const plans = places.map((place) => compileIndicator(place, partnerCodes));
  const byCode = new Map(plans.map((p) => [p.code, p]));

  const formulas = new Map<string, { refs: readonly string[]; path: string }>();
  for (const p of plans) {
    if (p.type !== "formula") continue;
    for (const ref of p.refs) {
      if (!byCode.has(ref)) {
        throw new ReportingError("unknown-indicator", `${p.place.path}.formula: {${ref}} is not an indicator code of the logframe`, codeHint([...byCode.keys()], ref));
      }
    }
    formulas.set(p.code, { refs: p.refs, path: p.place.path });
  }
  const formulaOrder = orderFormulas(formulas);
  return { indicators: plans, byCode, formulaOrder, output: selectCodes(plans, select) };
}

/** The plans needed for `codes`: the codes themselves and, transitively, the components of formulas. */
export function withComponents(plan: Plan, codes: readonly string[]): Set<string> {
  const need = new Set<string>();
  const visit = (code: string): void => {
    if (need.has(code)) return;
    need.add(code);
    const p = plan.byCode.get(code);
    if (p?.type === "formula") p.refs.forEach(visit);
  };
  codes.forEach(visit);
  return need;
}

function selectCodes(plans: readonly IndicatorPlan[], select: readonly string[] | undefined): string[] {
  if (!select || select.length === 0) return plans.map((p) => p.code);
  const out = new Set<string>();
  for (const want of select) {
    const w = want.trim().toLowerCase();
    const hits = plans.filter((p) => {
      const c = p.code.toLowerCase();
      return c === w || c.startsWith(`${w}.`) || p.place.indicator.reference?.toLowerCase() === w;
    });
    if (hits.length === 0) {
      throw new ReportingError("unknown-indicator", `--indicator ${want}: no indicator has this code or starts with it`, codeHint(plans.map((p) => p.code), want));
    }
    hits.forEach((h) => out.add(h.code));
  }
  return plans.map((p) => p.code).filter((c) => out.has(c));
}

/**
 * A short hint for a code that matches nothing: the codes that look like it, or the groups codes fall in.
 * @example codeHint(["1.1.enrolled", "1.2.tna"], "1.1.enroled") // "Did you mean 1.1.enrolled?"
 */
export function codeHint(codes: readonly string[], want: string): string {
  const w = want.trim().toLowerCase();
  const stem = w.split(".").filter(Boolean);
  const similar = codes.filter((c) => {
    const lc = c.toLowerCase();
    return lc.includes(w) || w.includes(lc) || (stem.length > 1 && lc.startsWith(stem.slice(0, -1).join(".") + ".") && sharesWord(lc, stem.at(-1)!));
  });
  if (similar.length > 0 && similar.length <= 8) return `Did you mean ${similar.join(", ")}?`;
  const groups = [...new Set(codes.map((c) => (c.includes(".") ? c.slice(0, c.lastIndexOf(".")) : c)))];
  const shown = groups.length <= 12 ? groups.join(", ") : `${groups.slice(0, 12).join(", ")}, …`;
  return `${codes.length} indicator code${codes.length === 1 ? "" : "s"}, under ${shown}; \`logframe aggregate\` lists them.`;
}

function sharesWord(code: string, word: string): boolean {
  const last = code.slice(code.lastIndexOf(".") + 1);
  return word.length >= 3 && (last.startsWith(word.slice(0, 3)) || last.includes(word));
}

function compileIndicator(place: IndicatorPlace, partnerCodes: ReadonlySet<string>): IndicatorPlan {
  const { indicator, path } = place;
  if (indicator.formula !== undefined) {
    const expr = parseFormula(indicator.formula, `${path}.formula`);
    return { type: "formula", code: indicator.code, place, expr, refs: formulaRefs(expr) };
  }
  if (!indicator.compute) return { type: "manual", code: indicator.code, place };
  if (indicator.unit === "percent" && (indicator.counting === "sum" || indicator.counting === "unique")) {
    throw new ReportingError(
      "project-invalid",
      `${path}.counting: a percent cannot be ${indicator.counting === "sum" ? "added up" : "unique-counted"} (counting: ${indicator.counting})`,
      "Compute a percentage with a formula over its parts, e.g. formula: \"100 * {1.2.placed} / {1.2.graduated}\", or use counting: latest.",
    );
  }
  return compileCompute(place, indicator.compute, partnerCodes);
}

function compileCompute(place: IndicatorPlace, compute: Compute, partnerCodes: ReadonlySet<string>): ComputePlan {
  const { indicator, path } = place;
  const at = `${path}.compute`;
  const kindNames = (Array.isArray(compute.from) ? compute.from : [compute.from]) as SourceKindName[];
  const partners = compute.partner === undefined ? null : new Set(Array.isArray(compute.partner) ? compute.partner : [compute.partner]);
  for (const p of partners ?? []) {
    if (!partnerCodes.has(p)) throw new ReportingError("project-invalid", `${at}.partner: "${p}" is not one of the partners (${[...partnerCodes].join(", ")})`);
  }

  // ── Every field named must exist in every kind read ──
  for (const name of kindNames) {
    const kind: SourceKind = SOURCE_KINDS[name];
    checkField(kind, compute.date, `${at}.date`, ["date"]);
    compute.where.forEach((c, i) => checkField(kind, c.field, `${at}.where[${i}].field`));
    if (compute.measure === "sum") {
      if (!compute.field) throw new ReportingError("project-invalid", `${at}.field: measure sum needs the field to add up`, `Numeric fields of ${name}: ${numericFields(kind).join(", ")}`);
      checkField(kind, compute.field, `${at}.field`, ["integer", "number"]);
    }
    if (compute.measure === "count-persons" && compute.field) checkField(kind, compute.field, `${at}.field`);
    if (compute.measure === "sum-sexes") {
      const cols = compute.sexes ?? kind.sexColumns;
      if (!cols) throw new ReportingError("project-invalid", `${at}.sexes: ${name} has no sex count columns; name them (female, male, other, total)`, `Numeric fields of ${name}: ${numericFields(kind).join(", ")}`);
      for (const [sex, col] of Object.entries(cols)) if (col !== undefined) checkField(kind, col, `${at}.sexes.${sex}`, ["integer", "number"]);
    }
  }

  // ── Measure, sex and counting ──
  const notes: string[] = [];
  const kinds = kindNames.map((n) => SOURCE_KINDS[n] as SourceKind);
  const personField = (k: SourceKind): string | undefined => compute.field ?? k.personId;
  const byPerson = compute.measure === "count-persons" && kinds.every((k) => personField(k) !== undefined);
  const unique = compute.measure !== "count-persons" || byPerson;
  if (!unique) notes.push(`Counted by adding up rows: ${kindNames.filter((n, i) => !personField(kinds[i]!)).join(", ")} has no person ids, so a person on two rows counts twice.`);
  const defaultSexed = compute.measure === "sum-sexes" || kinds.every((k) => k.fields["sex"]?.type === "sex");
  const sexed = compute.sexed ?? defaultSexed;
  if (sexed && compute.measure !== "sum-sexes" && !kinds.every((k) => k.fields["sex"]?.type === "sex")) {
    throw new ReportingError("project-invalid", `${at}.sexed: ${kindNames.join(", ")} has no sex field to split by`, "Use measure sum-sexes with sex count columns, or sexed: false.");
  }
  const measures = new Map<SourceKindName, CompiledMeasure>();
  kindNames.forEach((name, i) => {
    const kind = kinds[i]!;
    measures.set(
      name,
      byPerson
        ? { type: "persons", sexed, idField: personField(kind)! }
        : splitMeasure(compute, sexed, (compute.sexes ?? kind.sexColumns) as SexColumns | undefined),
    );
  });
  if (indicator.counting === "unique" && compute.measure !== "count-persons") {
    notes.push("Counting is unique but the measure has no person ids: figures are added up.");
  }
  const accType = byPerson ? "persons" : "split";
  const combine: Combine = indicator.counting === "max" ? "max" : indicator.counting === "latest" ? "latest" : "add";
  // Persons counted with `sum` count once per calendar quarter: quarters add up, as counting sum promises.
  const bucket = combine === "max" || (combine === "add" && indicator.counting === "sum" && byPerson) ? "quarter" : combine === "latest" ? "date" : "whole";

  return {
    type: "compute",
    code: indicator.code,
    place,
    compute,
    kinds: new Set(kindNames),
    partners,
    where: compileWhere(compute.where, `${at}.where`),
    conditions: compute.where,
    dateField: compute.date,
    dateRequired: kinds.some((k) => k.fields[compute.date]?.required === true),
    measures,
    accType,
    combine,
    bucket,
    sexed,
    unique,
    notes,
  };
}

function checkField(kind: SourceKind, field: string, at: string, types?: readonly FieldSpec["type"][]): void {
  const spec = kind.fields[field];
  if (!spec || spec.identifying) {
    const why = spec?.identifying ? "is personal data, dropped when the file is read" : `is not a field of ${kind.name}`;
    throw new ReportingError("project-invalid", `${at}: "${field}" ${why}`, `Fields of ${kind.name}: ${usableFields(kind).join(", ")}`);
  }
  if (types && !types.includes(spec.type)) {
    throw new ReportingError("project-invalid", `${at}: "${field}" of ${kind.name} is ${spec.type === "integer" ? "an" : "a"} ${spec.type} field, expected ${types.join(" or ")}`, `Fields of ${kind.name}: ${usableFields(kind).filter((f) => types.includes(kind.fields[f]!.type)).join(", ")}`);
  }
}

function usableFields(kind: SourceKind): string[] {
  return Object.entries(kind.fields)
    .filter(([, s]) => !s.identifying)
    .map(([n]) => n);
}

function numericFields(kind: SourceKind): string[] {
  return usableFields(kind).filter((f) => ["integer", "number"].includes(kind.fields[f]!.type));
}
