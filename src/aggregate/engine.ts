import type { AggregateResult, Period } from "../schema/result.js";
import { emptySplit } from "../schema/sex.js";
import type { DataRow, IngestEvent, Sink, Table } from "../schema/table.js";
import type { ProjectFile } from "../schema/project.js";
import { addPerson, addToSplit, bucketFor, createPersonIndex, mergeWindow, personNumber, type Combine, type PersonAcc, type PersonIndex, type SplitAcc, type WindowState } from "./accumulate.js";
import { buildResult } from "./build-result.js";
import { compilePlan, withComponents, type ComputePlan, type Plan } from "./compile.js";
import { groupKeys, type Dimension } from "./dimensions.js";
import { createDatePlaces, Exactness, isIsoDate } from "./batch.js";
import { createBatchAdder, type Applicable, type Pending } from "./engine-batch.js";
import { ROW_BLANK, ROW_SEX_MISMATCH } from "./measure.js";
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

/** What to aggregate for several periods in one pass: the periods, and the other options of `EngineOptions`. */
export interface MultiEngineOptions extends Omit<EngineOptions, "period"> {
  /** The periods to report, in any order; they may overlap. `finish()` returns one result per period, in this order. */
  periods: readonly Period[];
}

/** An engine for several periods: a sink of the ingest stream with one state per period. */
export interface MultiEngine extends Sink<AggregateResult[]> {
  /** One state per period, in the order of `periods` (live: later adds change them). Each merges with `mergeStates`. */
  states(): EngineState[];
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
  const { period, ...rest } = options;
  const multi = createMultiEngine(project, { ...rest, periods: [period] });
  return { add: (e) => multi.add(e), state: () => multi.states()[0]!, finish: () => multi.finish()[0]! };
}

/**
 * Create an engine that computes the figures of several periods in one pass (a quarterly or monthly
 * progress table): each indicator's selection (kind, partner, `where`, date, person id, measure) is
 * evaluated once per row, and the row is then added to the windows of every period whose cumulative
 * window (phase start to the period's end) or in-period window holds its date. Each period's result
 * equals what `createEngine` with that period gives, persons counted once per period.
 * @example
 * const quarters = splitPeriod(parsePeriod("phase", project), "quarter", project);
 * const engine = createMultiEngine(project, { periods: quarters });
 * for await (const e of ingestSources(sources, project)) engine.add(e);
 * const results = engine.finish(); // results[i] is quarters[i]'s AggregateResult
 */
export function createMultiEngine(project: ProjectFile, options: MultiEngineOptions): MultiEngine {
  const plan = compilePlan(project, options.indicators);
  const needed = withComponents(plan, plan.output);
  const computes = plan.indicators.filter((p): p is ComputePlan => p.type === "compute" && needed.has(p.code));
  const { start: phaseStart, end: phaseEnd } = project.project.phase;
  const dims = options.by ?? [];

  // Periods sorted by end: a row dated d belongs to the cumulative window of every period from the
  // first whose end is >= d (a binary search) to the last, and to the in-period window of those that start by d.
  const order = options.periods.map((_, i) => i).sort((a, b) => cmp(options.periods[a]!.to, options.periods[b]!.to) || a - b);
  const tos = order.map((i) => options.periods[i]!.to);
  const froms = order.map((i) => options.periods[i]!.from);
  const separate = froms.map((from) => from > phaseStart);
  const n = order.length;

  const sorted: EngineState[] = order.map((_, k) => ({ indicators: new Map(computes.map((p) => [p.code, emptyIndicatorState(p.combine, separate[k]!)])) }));
  const exactness = new Map(computes.map((p) => [p.code, new Exactness()]));
  const pendings = new Map<string, Pending>();
  const tables = new Map<Table, Applicable[]>();
  let lastTable: Table | undefined;
  let applicable: Applicable[] = [];
  const scratch = emptySplit();
  // One numbering of person ids per id field, shared by the indicators (and periods) that count them.
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
        const sts = sorted.map((s) => s.indicators.get(p.code)!);
        let pending = pendings.get(p.code);
        if (!pending) pendings.set(p.code, (pending = { into: { plan: p, sts }, sums: new Float64Array(0), has: new Uint8Array(0), touched: [] }));
        list.push({ plan: p, measure, sts, exactness: exactness.get(p.code)!, pending });
      }
      tables.set(table, list);
    }
    return list;
  };

  /** The first period (by end) whose end is on or after `d`; n when none. */
  const firstEndingFrom = (d: string): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tos[mid]! < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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
    // The row's date field and the first period it falls in, found once however many indicators share the field.
    let dateField: string | undefined;
    let first = n;
    for (const a of applicable) {
      const { plan: p, measure, sts, exactness } = a;
      if (!p.where(values)) continue;
      const d = values[p.dateField];
      if (typeof d !== "string" || !isIsoDate(d)) {
        for (const st of sts) st.noDate++;
        continue;
      }
      if (d < phaseStart || d > phaseEnd) {
        for (const st of sts) st.outsidePhase++;
        continue;
      }
      if (dateField !== p.dateField) {
        dateField = p.dateField;
        first = firstEndingFrom(d);
      }
      if (first === n) continue;
      const key = p.bucket === "whole" ? "" : p.bucket === "quarter" ? quarterOf(d) : d;

      if (measure.type === "persons") {
        if (idField !== measure.idField) {
          idField = measure.idField;
          index = indexOf(idField);
          const raw = values[idField];
          const id = raw === null || raw === undefined ? "" : String(raw).trim().toUpperCase();
          person = id === "" ? -1 : personNumber(index, id);
        }
        if (person < 0) {
          for (let k = first; k < n; k++) sts[k]!.noId++;
          continue;
        }
        for (let k = first; k < n; k++) {
          const st = sts[k]!;
          const acc = bucketFor(st.windows[0]!, key, p.combine, "persons", p.dateField, index) as PersonAcc | undefined;
          if (acc) addPerson(acc, person, row);
          if (separate[k] && d >= froms[k]!) {
            const a = bucketFor(st.windows[1]!, key, p.combine, "persons", p.dateField, index) as PersonAcc | undefined;
            if (a) addPerson(a, person, row);
          }
        }
        continue;
      }
      groups ??= dims.length > 0 ? groupKeys(row, dims) : [];

      scratch.female = scratch.male = scratch.other = scratch.unknown = scratch.total = 0;
      const flag = measure.add(values, scratch);
      // Once sums must be added in order, the whole sums gathered so far go in first.
      if (!exactness.note(scratch)) batches.flush(a.pending);
      for (let k = first; k < n; k++) {
        const st = sts[k]!;
        if (flag === ROW_BLANK) st.blank++;
        else if (flag === ROW_SEX_MISMATCH) st.sexMismatch++;
        const acc = bucketFor(st.windows[0]!, key, p.combine, "split") as SplitAcc | undefined;
        if (acc) addToSplit(acc, scratch, groups);
        if (separate[k] && d >= froms[k]!) {
          const a = bucketFor(st.windows[1]!, key, p.combine, "split") as SplitAcc | undefined;
          if (a) addToSplit(a, scratch, groups);
        }
      }
    }
  };

  // ── Batches: what addRow does on each row, from the columns (engine-batch.ts) ──
  const dates = createDatePlaces({ start: phaseStart, end: phaseEnd }, { froms, separate, n }, firstEndingFrom);
  const batches = createBatchAdder({ n, dims, dates, applicableFor, indexOf });

  const states = (): EngineState[] => {
    for (const p of pendings.values()) batches.flush(p);
    const out: EngineState[] = new Array(n);
    order.forEach((i, k) => (out[i] = sorted[k]!));
    return out;
  };

  return {
    add(event: IngestEvent): void {
      if (event.type === "row") addRow(event.row);
      else if (event.type === "batch") batches.add(event.batch);
    },
    states,
    finish: () => states().map((state, i) => buildResult(project, plan, { ...options, period: options.periods[i]! }, state)),
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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
