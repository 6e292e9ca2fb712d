/**
 * How the engine adds a table's batches (`createMultiEngine`): the plan of a table's indicators (their
 * `where`s, date fields, split groups and person counts) and the scratch arrays a batch is added with.
 */
import type { RowPredicate } from "../schema/condition.js";
import type { SexSplit } from "../schema/sex.js";
import { BUCKET_KINDS, BUCKETS, NO_DATE, type ClassScratch } from "./batch.js";
import type { ComputePlan } from "./compile.js";
import { ROW_BLANK, ROW_OK, ROW_SEX_MISMATCH, type CompiledMeasure, type SplitMeasure } from "./measure.js";

/** The groups of a batch without `--by`: one, with no keys. */
export const NO_GROUPS: readonly (readonly string[])[] = [[]];

/** Split indicators of one table that share a measure, a date field and a bucket: their contributions are the same per row. */
export interface SplitGroup {
  measure: SplitMeasure;
  /** Index of the date field in the plan's `dateFields`. */
  date: number;
  bucket: ComputePlan["bucket"];
  /** `bucket` as a number (`BUCKETS`). */
  bucketKind: number;
  /** Indices into the table's applicable indicators, in their order. */
  members: number[];
  /** The members' `where`s, in the same order. */
  wheres: RowPredicate[];
}

/** How a table's batches are added: each indicator's `where`, the date fields read, the split groups and the person indicators. */
export interface BatchPlan {
  wheres: RowPredicate[];
  dateFields: string[];
  split: SplitGroup[];
  persons: { ix: number; date: number }[];
}

export function batchPlan(applicable: readonly { plan: ComputePlan; measure: CompiledMeasure }[]): BatchPlan {
  const dateFields = [...new Set(applicable.map((a) => a.plan.dateField))];
  const split = new Map<string, SplitGroup>();
  const persons: { ix: number; date: number }[] = [];
  applicable.forEach((a, ix) => {
    const m = a.measure;
    const date = dateFields.indexOf(a.plan.dateField);
    if (m.type === "persons") {
      persons.push({ ix, date });
      return;
    }
    const key = `${m.key}\u0000${a.plan.dateField}\u0000${a.plan.bucket}`;
    let g = split.get(key);
    if (!g) split.set(key, (g = { measure: m, date, bucket: a.plan.bucket, bucketKind: BUCKETS[a.plan.bucket], members: [], wheres: [] }));
    g.members.push(ix);
    g.wheres.push(a.plan.where);
  });
  return { wheres: applicable.map((a) => a.plan.where), dateFields, split: [...split.values()], persons };
}

/** Scratch arrays for batches of up to `size` rows, `indicators` indicators and `dateFields` date fields, with `n` periods. */
export function batchBuffers(size: number, indicators: number, dateFields: number, n: number) {
  const all = new Int32Array(size);
  for (let i = 0; i < size; i++) all[i] = i;
  return {
    /** Per cell of a batch's sums (grouped): its slot, its group combination and that combination's keys. */
    cellSlot: new Int32Array(size),
    cellCombo: new Int32Array(size),
    cellGroups: new Array<readonly string[] | undefined>(size),
    /** 0, 1, 2, …: every row of a batch. */
    all,
    masks: Array.from({ length: indicators }, () => new Uint8Array(size)),
    firsts: Array.from({ length: dateFields }, () => new Int32Array(size)),
    /** Per date field and row: the number of the row's date place (`createDatePlaces`), -1 for none. */
    places: Array.from({ length: dateFields }, () => new Int32Array(size)),
    rows: new Int32Array(size),
    done: new Uint8Array(size),
    slot: new Int32Array(size),
    flags: new Uint8Array(size),
    whole: new Uint8Array(size),
    abs: new Float64Array(size),
    contrib: new Float64Array(size * 5),
    combo: new Int32Array(size),
    cellRow: new Int32Array(size),
    sums: new Float64Array(size * 5),
    cells: new Map<number, number>(),
    lineOf: new Map<string, number>(),
    lineSums: new Float64Array(size * n * 5),
    ids: new Int32Array(size),
    ids2: new Int32Array(size),
    /** Per row: its class and group combination together (`jointClasses`). */
    joint: new Int32Array(size),
    classScratch: { at: new Int32Array(0) } as ClassScratch,
    byClass: undefined as ClassBuffers | undefined,
    blankAt: new Int32Array(n),
    mismatchAt: new Int32Array(n),
  };
}

/** At most this many (class, slot) places a batch's sums by class are laid out in (`addSplitGroupByClass`). */
export const CLASS_CELLS = 1 << 18;

/** Scratch arrays of a batch's sums by class and slot: per class its counts, per cell (class and slot) its sums. */
export interface ClassBuffers {
  wanted: Uint8Array;
  noDate: Int32Array;
  outside: Int32Array;
  rows: Int32Array;
  whole: Uint8Array;
  absSum: Float64Array;
  flagged: Uint8Array;
  /** Per slot and class (slot * classes + class): its cell, -1 for none (left so after each batch). */
  cellAt: Int32Array;
  cellClass: Int32Array;
  cellSlot: Int32Array;
  sums: Float64Array;
  /** Per class and first period (class * n + period): rows with a blank value, with sexes not adding up. */
  blankAt: Int32Array;
  mismatchAt: Int32Array;
}

/** The batch buffers' class buffers for `count` classes, `width` slots, the buffers' batch size and `n` periods: counts zeroed, no cells. */
export function classBuffers(buf: BatchBuffers, count: number, width: number, n: number): ClassBuffers {
  const size = buf.rows.length;
  let k = buf.byClass;
  if (!k || k.wanted.length < count || k.cellClass.length < size) {
    const c = Math.max(count, k?.wanted.length ?? 0, 8);
    k = buf.byClass = {
      wanted: new Uint8Array(c),
      noDate: new Int32Array(c),
      outside: new Int32Array(c),
      rows: new Int32Array(c),
      whole: new Uint8Array(c),
      absSum: new Float64Array(c),
      flagged: new Uint8Array(c),
      cellAt: new Int32Array(Math.max(k?.cellAt.length ?? 0, count * width)).fill(-1),
      cellClass: new Int32Array(size),
      cellSlot: new Int32Array(size),
      sums: new Float64Array(size * 5),
      blankAt: new Int32Array(c * n),
      mismatchAt: new Int32Array(c * n),
    };
  } else if (k.cellAt.length < count * width) k.cellAt = new Int32Array(Math.max(count * width, k.cellAt.length * 2)).fill(-1);
  k.noDate.fill(0, 0, count);
  k.outside.fill(0, 0, count);
  k.rows.fill(0, 0, count);
  k.whole.fill(1, 0, count);
  k.absSum.fill(0, 0, count);
  k.flagged.fill(0, 0, count);
  k.blankAt.fill(0, 0, count * n);
  k.mismatchAt.fill(0, 0, count * n);
  return k;
}

/**
 * Each row's slot for a bucket kind (`slot[i]`), -1 for a row no member wants (`k.wanted` by class) or
 * that counts in no period; rows without a date or outside the phase are counted by class instead.
 * A place's slot is read from `slotAt` (place * BUCKET_KINDS + kind); `slotOf` makes it the first time.
 */
export function slotsByClass(size: number, of: Int32Array, firstAt: Int32Array, placeAt: Int32Array, n: number, kind: number, slotAt: Int32Array, slotOf: (place: number, kind: number) => number, k: ClassBuffers, slot: Int32Array): void {
  const { wanted, noDate, outside } = k;
  for (let i = 0; i < size; i++) {
    slot[i] = -1;
    const c = of[i]!;
    if (wanted[c] === 0) continue;
    const first = firstAt[i]!;
    if (first < 0) {
      if (first === NO_DATE) noDate[c]!++;
      else outside[c]!++;
      continue;
    }
    if (first === n) continue;
    const p = placeAt[i]!;
    const s = slotAt[p * BUCKET_KINDS + kind]!;
    slot[i] = s >= 0 ? s : slotOf(p, kind);
  }
}

/**
 * The contributions of a batch's rows with a slot (`slot[i]` >= 0) added up by class and slot into
 * `k`'s cells, with each class's counts (rows, whole numbers, absolute sum, flags by first period);
 * returns the number of cells. A loop over typed arrays alone, so V8 compiles it early and small.
 */
export function sumByClass(size: number, of: Int32Array, slot: Int32Array, firstAt: Int32Array, n: number, count: number, contrib: Float64Array, flags: Uint8Array, k: ClassBuffers): number {
  const { rows, whole, absSum, flagged, cellAt, cellClass, cellSlot, sums, blankAt, mismatchAt } = k;
  let cells = 0;
  for (let i = 0; i < size; i++) {
    const s = slot[i]!;
    if (s < 0) continue;
    const c = of[i]!;
    // isWholeSplit and splitSize on the contributions as they lie, without a split object.
    const o = i * 5;
    const f = contrib[o]!;
    const m = contrib[o + 1]!;
    const ot = contrib[o + 2]!;
    const u = contrib[o + 3]!;
    const t = contrib[o + 4]!;
    if ((f | 0) !== f || (m | 0) !== m || (ot | 0) !== ot || (u | 0) !== u || (t | 0) !== t) whole[c] = 0;
    absSum[c]! += Math.abs(f) + Math.abs(m) + Math.abs(ot) + Math.abs(u) + Math.abs(t);
    rows[c]!++;
    const at = s * count + c;
    let cell = cellAt[at]!;
    if (cell < 0) {
      cell = cellAt[at] = cells++;
      cellClass[cell] = c;
      cellSlot[cell] = s;
      sums.fill(0, cell * 5, cell * 5 + 5);
    }
    const q = cell * 5;
    sums[q]! += f;
    sums[q + 1]! += m;
    sums[q + 2]! += ot;
    sums[q + 3]! += u;
    sums[q + 4]! += t;
    const fl = flags[i]!;
    if (fl !== ROW_OK) {
      flagged[c] = 1;
      if (fl === ROW_BLANK) blankAt[c * n + firstAt[i]!]!++;
      else if (fl === ROW_SEX_MISMATCH) mismatchAt[c * n + firstAt[i]!]!++;
    }
  }
  return cells;
}

/** Entry `from` of an array of five-part splits added to entry `to` of another. */
export function addSplitInto(sums: Float64Array, to: number, parts: Float64Array, from: number): void {
  const t = to * 5;
  const f = from * 5;
  sums[t]! += parts[f]!;
  sums[t + 1]! += parts[f + 1]!;
  sums[t + 2]! += parts[f + 2]!;
  sums[t + 3]! += parts[f + 3]!;
  sums[t + 4]! += parts[f + 4]!;
}

/** Entry `j` of an array of five-part splits, into `into`. */
export function splitAt(parts: Float64Array, j: number, into: SexSplit): SexSplit {
  into.female = parts[j * 5]!;
  into.male = parts[j * 5 + 1]!;
  into.other = parts[j * 5 + 2]!;
  into.unknown = parts[j * 5 + 3]!;
  into.total = parts[j * 5 + 4]!;
  return into;
}

/** The scratch arrays of `batchBuffers`. */
export type BatchBuffers = ReturnType<typeof batchBuffers>;
