import { emptySplit, type SexSplit } from "../schema/sex.js";
import type { DataRow } from "../schema/table.js";
import { groupKeys, type Dimension } from "./dimensions.js";
import { rowSex } from "./measure.js";

/** Running sums by sex, overall and per group. Mergeable by adding. */
export interface SplitAcc {
  type: "split";
  total: SexSplit;
  groups: Map<string, SexSplit>;
}

/**
 * Person ids numbered in order of first sight, shared by every indicator that counts the same id field:
 * a row's id is looked up once, and each indicator keeps its persons in an array by number.
 */
export interface PersonIndex {
  ids: string[];
  byId: Map<string, number>;
}

/**
 * Distinct persons, each with the earliest row that selected them (by person number): that row decides
 * their sex and groups. Rows are kept by reference (no copy per person and indicator: one register row
 * serves every indicator), so rows must not change after they are added. Mergeable by union (the
 * earlier row wins).
 */
export interface PersonAcc {
  type: "persons";
  /** The date field that orders a person's rows. */
  dateField: string;
  index: PersonIndex;
  /** `rows[n]`: the earliest row of person n, or undefined when this accumulator has not seen them. */
  rows: (DataRow | undefined)[];
}

export type Acc = SplitAcc | PersonAcc;

/**
 * How the buckets of a window make its figure: `add` them (one bucket for sums and unique counts; one
 * per calendar quarter for persons counted with `sum`), take the `max` quarter, or the `latest` date.
 */
export type Combine = "add" | "max" | "latest";

/** One window (in-period or cumulative) of one indicator: buckets keyed by "", a quarter or a date. */
export interface WindowState {
  buckets: Map<string, Acc>;
}

/** A figure with its groups. */
export interface Figure {
  total: SexSplit;
  groups: Map<string, SexSplit>;
}

/** A fresh person index. */
export function createPersonIndex(): PersonIndex {
  return { ids: [], byId: new Map() };
}

/** The number of a person id, numbering it when new. */
export function personNumber(index: PersonIndex, id: string): number {
  let n = index.byId.get(id);
  if (n === undefined) {
    n = index.ids.length;
    index.ids.push(id);
    index.byId.set(id, n);
  }
  return n;
}

/** A fresh accumulator; a person accumulator orders rows by `dateField` and numbers persons in `index`. */
export function createAcc(type: Acc["type"], dateField = "", index: PersonIndex = createPersonIndex()): Acc {
  return type === "split" ? { type, total: emptySplit(), groups: new Map() } : { type, dateField, index, rows: [] };
}

/**
 * The accumulator a row dated under `key` goes to, or undefined when `latest` already holds a later date.
 * For `latest` a later date replaces what was kept: memory holds one date's rows.
 */
export function bucketFor(window: WindowState, key: string, combine: Combine, type: Acc["type"], dateField = "", index?: PersonIndex): Acc | undefined {
  const existing = window.buckets.get(key);
  if (existing) return existing;
  if (combine === "latest") {
    for (const k of window.buckets.keys()) if (k > key) return undefined;
    window.buckets.clear();
  }
  const acc = createAcc(type, dateField, index);
  window.buckets.set(key, acc);
  return acc;
}

/** Add a row's contribution to a split accumulator and to each of its groups. */
export function addToSplit(acc: SplitAcc, part: SexSplit, groups: readonly string[]): void {
  addInto(acc.total, part);
  for (const g of groups) {
    let s = acc.groups.get(g);
    if (!s) acc.groups.set(g, (s = emptySplit()));
    addInto(s, part);
  }
}

/**
 * Count person number `n` once; when seen again, keep the earlier row (date, then file, sheet, row) so
 * order never matters.
 */
export function addPerson(acc: PersonAcc, n: number, row: DataRow): void {
  const rows = acc.rows;
  if (n >= rows.length) {
    // Grow densely: assigning far past the end would turn the array into a slow dictionary.
    while (rows.length < n) rows.push(undefined);
    rows.push(row);
    return;
  }
  const seen = rows[n];
  if (seen === undefined || isEarlier(row, seen, acc.dateField)) rows[n] = row;
}

/** True when row `a` comes before row `b`: the total order that makes unique counts independent of row order. */
export function isEarlier(a: DataRow, b: DataRow, dateField: string): boolean {
  const da = a.values[dateField] as string;
  const db = b.values[dateField] as string;
  if (da !== db) return da < db;
  if (a.table.file !== b.table.file) return a.table.file < b.table.file;
  if (a.table.sheet !== b.table.sheet) return a.table.sheet < b.table.sheet;
  return a.row < b.row;
}

/** `a + b` into `a`. */
export function addInto(a: SexSplit, b: SexSplit): void {
  a.female += b.female;
  a.male += b.male;
  a.other += b.other;
  a.unknown += b.unknown;
  a.total += b.total;
}

// ── Merging: the partial states of two partners (or two halves of the rows) give the state of both ──

/** Merge two accumulators of the same type into a new one; inputs are not changed. */
export function mergeAcc(a: Acc, b: Acc): Acc {
  if (a.type === "split" && b.type === "split") {
    const out: SplitAcc = { type: "split", total: { ...a.total }, groups: new Map([...a.groups].map(([k, v]) => [k, { ...v }])) };
    addToSplitGroups(out, b);
    return out;
  }
  if (a.type === "persons" && b.type === "persons") {
    // The merged accumulator numbers persons afresh: a and b may come from engines with their own numbering.
    const out: PersonAcc = { type: "persons", dateField: a.dateField || b.dateField, index: createPersonIndex(), rows: [] };
    for (const from of [a, b]) {
      from.rows.forEach((row, n) => {
        if (row) addPerson(out, personNumber(out.index, from.index.ids[n]!), row);
      });
    }
    return out;
  }
  throw new Error("internal: cannot merge a split accumulator with a person accumulator");
}

function addToSplitGroups(out: SplitAcc, b: SplitAcc): void {
  addInto(out.total, b.total);
  for (const [k, v] of b.groups) {
    const s = out.groups.get(k);
    if (s) addInto(s, v);
    else out.groups.set(k, { ...v });
  }
}

/** Merge two windows of one indicator into a new window; inputs are not changed. */
export function mergeWindow(a: WindowState, b: WindowState, combine: Combine): WindowState {
  const buckets = new Map<string, Acc>();
  for (const key of new Set([...a.buckets.keys(), ...b.buckets.keys()])) {
    const x = a.buckets.get(key);
    const y = b.buckets.get(key);
    // Copy a lone accumulator too, so later adds to the merged state never reach back into a or b.
    const one = (x ?? y)!;
    buckets.set(key, x && y ? mergeAcc(x, y) : mergeAcc(one, createAcc(one.type, one.type === "persons" ? one.dateField : "")));
  }
  if (combine === "latest" && buckets.size > 1) {
    const last = [...buckets.keys()].sort().at(-1)!;
    return { buckets: new Map([[last, buckets.get(last)!]]) };
  }
  return { buckets };
}

// ── Figures ──────────────────────────────────────────────────────────────────────────────────────

/** The figure of one accumulator. Unsexed figures keep only the total; persons are grouped by their earliest row. */
export function accFigure(acc: Acc, sexed: boolean, dims: readonly Dimension[] = []): Figure {
  if (acc.type === "split") {
    const groups = new Map<string, SexSplit>();
    for (const [k, v] of acc.groups) groups.set(k, sexed ? { ...v } : totalOnly(v.total));
    return { total: sexed ? { ...acc.total } : totalOnly(acc.total.total), groups };
  }
  const total = emptySplit();
  const groups = new Map<string, SexSplit>();
  for (const row of acc.rows) {
    if (row === undefined) continue;
    const sex = rowSex(row.values);
    if (sexed) total[sex] += 1;
    total.total += 1;
    if (dims.length === 0) continue;
    for (const g of groupKeys(row, dims)) {
      let s = groups.get(g);
      if (!s) groups.set(g, (s = emptySplit()));
      if (sexed) s[sex] += 1;
      s.total += 1;
    }
  }
  return { total, groups };
}

/** The figure of a window: its buckets added, the largest quarter, or the latest date. */
export function windowFigure(window: WindowState, combine: Combine, sexed: boolean, dims: readonly Dimension[] = []): Figure {
  const figures = [...window.buckets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, acc]) => accFigure(acc, sexed, dims));
  const out: Figure = { total: emptySplit(), groups: new Map() };
  if (combine === "max") {
    // The largest quarter overall, and for each group its own largest quarter; ties go to the earlier quarter.
    for (const f of figures) if (f.total.total > out.total.total) out.total = f.total;
    for (const f of figures) {
      for (const [k, v] of f.groups) {
        const best = out.groups.get(k);
        if (!best || v.total > best.total) out.groups.set(k, v);
      }
    }
    return out;
  }
  for (const f of figures) {
    addInto(out.total, f.total);
    for (const [k, v] of f.groups) {
      const s = out.groups.get(k);
      if (s) addInto(s, v);
      else out.groups.set(k, { ...v });
    }
  }
  return out;
}

function totalOnly(total: number): SexSplit {
  return { female: 0, male: 0, other: 0, unknown: 0, total };
}
