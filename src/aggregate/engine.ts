import type { AggregateResult, Period } from "../schema/result.js";
import { emptySplit } from "../schema/sex.js";
import type { DataRow, IngestEvent, Sink, Table } from "../schema/table.js";
import type { ProjectFile } from "../schema/project.js";
import { addPerson, addToSplit, bucketFor, createPersonIndex, mergeWindow, personNumber, type Combine, type PersonAcc, type PersonIndex, type SplitAcc, type WindowState } from "./accumulate.js";
import { buildResult } from "./build-result.js";
import { compilePlan, withComponents, type ComputePlan, type Plan } from "./compile.js";
import { groupKeys, type Dimension } from "./dimensions.js";
import { ROW_BLANK, ROW_SEX_MISMATCH, type CompiledMeasure } from "./measure.js";
import { quarterOf } from "./periods.js";

/** What to aggregate: the period, and optionally cumulative figures, breakdowns and a subset of indicators. */
export interface EngineOptions {
  period: Period;
  /** Report figures cumulative from the phase start to the period's end as `actual`. */
  cumulative?: boolean;
  /** Break each figure down by these dimensions (`by.partner.RJ`). */
  by?: readonly Dimension[];
  /** Indicator codes to report; a code also selects the codes under it (`1.2` → `1.2.placed`). */
  indicators?: readonly string[];
  /** Today, ISO; figures of a period that has not ended yet say so. */
  now?: string;
}

/** Counters and windows of one compute indicator. */
export interface IndicatorState {
  combine: Combine;
  /** `[cumulative]`, or `[cumulative, in-period]` when the period starts after the phase. */
  windows: WindowState[];
  /** Selected rows without a date, dated outside the phase, with a blank value, without an id, with sexes not adding up. */
  noDate: number;
  outsidePhase: number;
  blank: number;
  noId: number;
  sexMismatch: number;
}

/** The engine's partial result: mergeable, so partners (or halves of the data) can be aggregated apart. */
export interface EngineState {
  indicators: Map<string, IndicatorState>;
}

/** The indicator engine: a sink of the ingest stream whose state can be taken and merged. */
export interface Engine extends Sink<AggregateResult> {
  /** The state so far (live: later adds change it). */
  state(): EngineState;
}

interface Applicable {
  plan: ComputePlan;
  measure: CompiledMeasure;
  st: IndicatorState;
}

/**
 * Create the indicator engine: feed it every IngestEvent once (`add`), then `finish()` for the figures.
 * Memory grows with groups and distinct persons, not rows: for a person count the engine keeps each
 * person's earliest row by reference, so rows must not be changed after `add`. Throws `ReportingError`
 * at creation for an invalid compute, formula or indicator selection.
 * @example
 * const engine = createEngine(project, { period: parsePeriod("FY2021-22", project), by: ["partner"] });
 * for await (const e of ingestSources(sources, project)) engine.add(e);
 * const result = engine.finish();
 */
export function createEngine(project: ProjectFile, options: EngineOptions): Engine {
  const plan = compilePlan(project, options.indicators);
  const needed = withComponents(plan, plan.output);
  const computes = plan.indicators.filter((p): p is ComputePlan => p.type === "compute" && needed.has(p.code));
  const { start: phaseStart, end: phaseEnd } = project.project.phase;
  const { from, to } = options.period;
  const separate = from > phaseStart;
  const dims = options.by ?? [];

  const state: EngineState = { indicators: new Map(computes.map((p) => [p.code, emptyIndicatorState(p.combine, separate)])) };
  const tables = new Map<Table, Applicable[]>();
  let lastTable: Table | undefined;
  let applicable: Applicable[] = [];
  const scratch = emptySplit();
  // One numbering of person ids per id field, shared by the indicators that count them.
  const people = new Map<string, PersonIndex>();
  const indexOf = (field: string): PersonIndex => {
    let index = people.get(field);
    if (!index) people.set(field, (index = createPersonIndex()));
    return index;
  };

  const applicableFor = (table: Table): Applicable[] => {
    let list = tables.get(table);
    if (!list) {
      list = [];
      for (const p of computes) {
        const measure = p.measures.get(table.kind);
        if (!measure || (p.partners && !p.partners.has(table.partner))) continue;
        list.push({ plan: p, measure, st: state.indicators.get(p.code)! });
      }
      tables.set(table, list);
    }
    return list;
  };

  const addRow = (row: DataRow): void => {
    if (row.table !== lastTable) {
      lastTable = row.table;
      applicable = applicableFor(row.table);
    }
    if (applicable.length === 0) return;
    const values = row.values;
    let groups: string[] | undefined;
    // The person of the row, looked up once however many indicators count it.
    let idField: string | undefined;
    let person = -1;
    let index: PersonIndex | undefined;
    for (const { plan: p, measure, st } of applicable) {
      if (!p.where(values)) continue;
      const d = values[p.dateField];
      if (typeof d !== "string" || !isIsoDate(d)) {
        st.noDate++;
        continue;
      }
      if (d < phaseStart || d > phaseEnd) {
        st.outsidePhase++;
        continue;
      }
      if (d > to) continue;
      const key = p.bucket === "whole" ? "" : p.bucket === "quarter" ? quarterOf(d) : d;
      const inPeriod = separate && d >= from;

      if (measure.type === "persons") {
        if (idField !== measure.idField) {
          idField = measure.idField;
          index = indexOf(idField);
          const raw = values[idField];
          const id = raw === null || raw === undefined ? "" : String(raw).trim().toUpperCase();
          person = id === "" ? -1 : personNumber(index, id);
        }
        if (person < 0) {
          st.noId++;
          continue;
        }
        const acc = bucketFor(st.windows[0]!, key, p.combine, "persons", p.dateField, index) as PersonAcc | undefined;
        if (acc) addPerson(acc, person, row);
        if (inPeriod) {
          const a = bucketFor(st.windows[1]!, key, p.combine, "persons", p.dateField, index) as PersonAcc | undefined;
          if (a) addPerson(a, person, row);
        }
        continue;
      }
      groups ??= dims.length > 0 ? groupKeys(row, dims) : [];

      scratch.female = scratch.male = scratch.other = scratch.unknown = scratch.total = 0;
      const flag = measure.add(values, scratch);
      if (flag === ROW_BLANK) st.blank++;
      else if (flag === ROW_SEX_MISMATCH) st.sexMismatch++;
      const acc = bucketFor(st.windows[0]!, key, p.combine, "split") as SplitAcc | undefined;
      if (acc) addToSplit(acc, scratch, groups);
      if (inPeriod) {
        const a = bucketFor(st.windows[1]!, key, p.combine, "split") as SplitAcc | undefined;
        if (a) addToSplit(a, scratch, groups);
      }
    }
  };

  return {
    add(event: IngestEvent): void {
      if (event.type === "row") addRow(event.row);
    },
    state: () => state,
    finish: () => buildResult(project, plan, options, state),
  };
}

/**
 * Merge two engine states of the same project and options (e.g. two partners aggregated apart):
 * the result is the state of aggregating both. Inputs are not changed.
 */
export function mergeStates(a: EngineState, b: EngineState): EngineState {
  const indicators = new Map<string, IndicatorState>();
  for (const code of new Set([...a.indicators.keys(), ...b.indicators.keys()])) {
    const x = a.indicators.get(code);
    const y = b.indicators.get(code);
    if (!x || !y) {
      const only = (x ?? y)!;
      indicators.set(code, mergeIndicator(only, emptyIndicatorState(only.combine, only.windows.length > 1)));
    } else {
      indicators.set(code, mergeIndicator(x, y));
    }
  }
  return { indicators };
}

/**
 * The aggregate result of a (possibly merged) state.
 * @example resultFromState(project, options, mergeStates(rj.state(), dam.state()))
 */
export function resultFromState(project: ProjectFile, options: EngineOptions, state: EngineState): AggregateResult {
  return buildResult(project, compilePlan(project, options.indicators), options, state);
}

/**
 * Aggregate a stream of ingest events in one pass.
 * @example await aggregateIndicators(ingestSources(sources, project), project, { period: parsePeriod("phase", project) })
 */
export async function aggregateIndicators(
  events: AsyncIterable<IngestEvent> | Iterable<IngestEvent>,
  project: ProjectFile,
  options: EngineOptions,
): Promise<AggregateResult> {
  const engine = createEngine(project, options);
  for await (const e of events) engine.add(e);
  return engine.finish();
}

/** The plan an engine with these options computes (for trace and validation). */
export function planFor(project: ProjectFile, options: Pick<EngineOptions, "indicators">): Plan {
  return compilePlan(project, options.indicators);
}

function emptyIndicatorState(combine: Combine, separate: boolean): IndicatorState {
  const windows: WindowState[] = [{ buckets: new Map() }];
  if (separate) windows.push({ buckets: new Map() });
  return { combine, windows, noDate: 0, outsidePhase: 0, blank: 0, noId: 0, sexMismatch: 0 };
}

function mergeIndicator(a: IndicatorState, b: IndicatorState): IndicatorState {
  return {
    combine: a.combine,
    windows: a.windows.map((w, i) => mergeWindow(w, b.windows[i] ?? { buckets: new Map() }, a.combine)),
    noDate: a.noDate + b.noDate,
    outsidePhase: a.outsidePhase + b.outsidePhase,
    blank: a.blank + b.blank,
    noId: a.noId + b.noId,
    sexMismatch: a.sexMismatch + b.sexMismatch,
  };
}

/** `YYYY-MM-DD` by shape; normalize has already checked that the day exists. */
function isIsoDate(d: string): boolean {
  return d.length === 10 && d.charCodeAt(4) === 45 && d.charCodeAt(7) === 45;
}
