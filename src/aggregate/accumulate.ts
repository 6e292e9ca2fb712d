import { emptySplit, type Sex, type SexSplit } from "../schema/sex.js";

/** A person as first seen: the earliest selected row decides their sex and groups. */
export interface PersonEntry {
  sex: Sex;
  date: string;
  file: string;
  sheet: string;
  row: number;
  /** Group keys (`partner\u0001RJ`) of the earliest row. */
  groups: readonly string[];
}

/** Running sums by sex, overall and per group. Mergeable by adding. */
export interface SplitAcc {
  type: "split";
  total: SexSplit;
  groups: Map<string, SexSplit>;
}

/** Distinct persons by id. Mergeable by union (the earlier row wins). */
export interface PersonAcc {
  type: "persons";
  persons: Map<string, PersonEntry>;
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

/** A fresh accumulator. */
export function createAcc(type: Acc["type"]): Acc {
  return type === "split" ? { type, total: emptySplit(), groups: new Map() } : { type, persons: new Map() };
}

/**
 * The accumulator a row dated under `key` goes to, or undefined when `latest` already holds a later date.
 * For `latest` a later date replaces what was kept: memory holds one date's rows.
 */
export function bucketFor(window: WindowState, key: string, combine: Combine, type: Acc["type"]): Acc | undefined {
  const existing = window.buckets.get(key);
  if (existing) return existing;
  if (combine === "latest") {
    for (const k of window.buckets.keys()) if (k > key) return undefined;
    window.buckets.clear();
  }
  const acc = createAcc(type);
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

/** Count a person once; when seen again, keep the earlier row (date, then file, sheet, row) so order never matters. */
export function addPerson(acc: PersonAcc, id: string, entry: PersonEntry): void {
  const seen = acc.persons.get(id);
  if (!seen || isEarlier(entry, seen)) acc.persons.set(id, entry);
}

/** True when `a` comes before `b`: the total order that makes unique counts independent of row order. */
export function isEarlier(a: PersonEntry, b: PersonEntry): boolean {
  if (a.date !== b.date) return a.date < b.date;
  if (a.file !== b.file) return a.file < b.file;
  if (a.sheet !== b.sheet) return a.sheet < b.sheet;
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
    const out: PersonAcc = { type: "persons", persons: new Map(a.persons) };
    for (const [id, entry] of b.persons) addPerson(out, id, entry);
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
    buckets.set(key, x && y ? mergeAcc(x, y) : mergeAcc((x ?? y)!, createAcc((x ?? y)!.type)));
  }
  if (combine === "latest" && buckets.size > 1) {
    const last = [...buckets.keys()].sort().at(-1)!;
    return { buckets: new Map([[last, buckets.get(last)!]]) };
  }
  return { buckets };
}

// ── Figures ──────────────────────────────────────────────────────────────────────────────────────

/** The figure of one accumulator. Unsexed figures keep only the total. */
export function accFigure(acc: Acc, sexed: boolean): Figure {
  if (acc.type === "split") {
    const groups = new Map<string, SexSplit>();
    for (const [k, v] of acc.groups) groups.set(k, sexed ? { ...v } : totalOnly(v.total));
    return { total: sexed ? { ...acc.total } : totalOnly(acc.total.total), groups };
  }
  const total = emptySplit();
  const groups = new Map<string, SexSplit>();
  for (const p of acc.persons.values()) {
    if (sexed) total[p.sex] += 1;
    total.total += 1;
    for (const g of p.groups) {
      let s = groups.get(g);
      if (!s) groups.set(g, (s = emptySplit()));
      if (sexed) s[p.sex] += 1;
      s.total += 1;
    }
  }
  return { total, groups };
}

/** The figure of a window: its buckets added, the largest quarter, or the latest date. */
export function windowFigure(window: WindowState, combine: Combine, sexed: boolean): Figure {
  const figures = [...window.buckets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, acc]) => accFigure(acc, sexed));
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
