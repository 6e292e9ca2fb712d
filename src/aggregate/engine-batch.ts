import { emptySplit, type SexSplit } from "../schema/sex.js";
import { batchReader, type DataRow, type RowBatch, type Table } from "../schema/table.js";
import type { Value } from "../schema/kind.js";
import { addPerson, addToSplit, bucketFor, personNumber, type PersonAcc, type PersonIndex, type SplitAcc } from "./accumulate.js";
import type { ComputePlan } from "./compile.js";
import type { Dimension } from "./dimensions.js";
import { columnOf, createGroupCombos, isWholeSplit, jointClasses, NO_DATE, OUTSIDE_PHASE, splitSize, whereClasses, whereMasks, type createDatePlaces, type Exactness, type WhereClasses } from "./batch.js";
import { addSplitInto, batchBuffers, batchPlan, CLASS_CELLS, classBuffers, NO_GROUPS, slotsByClass, splitAt, sumByClass, type BatchPlan, type SplitGroup } from "./batch-plan.js";
import { ROW_BLANK, ROW_OK, ROW_SEX_MISMATCH, type CompiledMeasure, type PersonMeasure, type SplitMeasure } from "./measure.js";
import type { IndicatorState } from "./engine.js";

/** An indicator that applies to a table: its plan and measure there, its state in each period, how its sums go in. */
export interface Applicable {
  plan: ComputePlan;
  measure: CompiledMeasure;
  /** The indicator's state in each period, in the order of the periods sorted by end. */
  sts: IndicatorState[];
  /** Whether its sums may be added up per batch before they are added in (see `Exactness`). */
  exactness: Exactness;
  /** Its whole sums not yet added into the windows (shared by the indicator's tables; see `addSummed`). */
  pending: Pending;
}

/** An indicator's state in each period and its plan: where contributions are added. */
type Windows = Pick<Applicable, "plan" | "sts">;

/**
 * Whole sums of an indicator by slot, gathered over batches and added into its windows at once:
 * exact in any order, so the windows end as if each batch's sums had gone in as it came.
 */
export interface Pending {
  /** The indicator's windows and combine rule. */
  into: Windows;
  /** Five a slot (`DatePlaces.slots`). */
  sums: Float64Array;
  has: Uint8Array;
  /** The slots holding sums, in the order first met. */
  touched: number[];
}

/** What the batch path shares with the engine (`createMultiEngine`). */
export interface BatchCore {
  /** The number of periods. */
  n: number;
  dims: readonly Dimension[];
  /** Where each date falls among the periods (one numbering of slots for the whole run). */
  dates: ReturnType<typeof createDatePlaces>;
  /** The indicators that apply to a table (worked out once a table). */
  applicableFor(table: Table): Applicable[];
  /** The numbering of person ids of an id field. */
  indexOf(field: string): PersonIndex;
}

/** The engine's batch path: `add` a batch; `flush` an indicator's pending sums into its windows (before a row is added in order, or the windows are read). */
export interface BatchAdder {
  add(b: RowBatch): void;
  flush(p: Pending): void;
}

/**
 * What the engine's `addRow` does on each row, done on a batch from its columns: each indicator's
 * `where` and each date field's places once a batch, contributions worked out once for the
 * indicators that share a measure, rows of one class (event type) added up together, and whole sums
 * gathered over batches (`Pending`); each period's figures equal the row-by-row ones exactly.
 */
export function createBatchAdder(core: BatchCore): BatchAdder {
  const { n, dims, dates, applicableFor, indexOf } = core;
  const scratch = emptySplit();

  const plans = new Map<Applicable[], BatchPlan>();
  let buf = batchBuffers(0, 0, 0, n);
  const part = emptySplit();
  const running = emptySplit();

  const combos = createGroupCombos(dims);
  let lastTable: Table | undefined;
  let applicable: Applicable[] = [];

  const addBatch = (b: RowBatch): void => {
    if (b.table !== lastTable) {
      lastTable = b.table;
      applicable = applicableFor(b.table);
    }
    const size = b.size;
    if (applicable.length === 0 || size === 0) return;
    let plan = plans.get(applicable);
    if (!plan) plans.set(applicable, (plan = batchPlan(applicable)));
    if (buf.rows.length < size || buf.masks.length < applicable.length || buf.firsts.length < plan.dateFields.length) {
      buf = batchBuffers(Math.max(size, buf.rows.length), Math.max(applicable.length, buf.masks.length), Math.max(plan.dateFields.length, buf.firsts.length), n);
    }
    // Once per batch: each indicator's `where`, each date field's places, the rows' groups.
    let masks: (Uint8Array | undefined)[] | undefined;
    const masksOf = () => (masks ??= whereMasks(b, plan.wheres, buf.masks, buf.ids2, buf.classScratch));
    plan.dateFields.forEach((f, k) => dates.fill(b, f, buf.firsts[k]!, buf.places[k]!));
    const keys = dims.length > 0 ? combos.of(b, buf.all, size, buf.combo) : NO_GROUPS;
    for (const g of plan.split) {
      // Rows that every `where` of the group answers alike (one event type) and that are of one group
      // combination (`--by`) are added up together: by class, or by class and combination.
      const byWhere = whereClasses(b, g.wheres, buf.ids, buf.classScratch);
      const classes = byWhere && keys.length > 1 ? jointClasses(byWhere, buf.combo, keys.length, size, buf.joint) : byWhere;
      if (classes && addSplitGroupByClass(b, g, classes, buf.firsts[g.date]!, buf.places[g.date]!, keys)) continue;
      addSplitGroup(b, g, masksOf(), buf.firsts[g.date]!, buf.places[g.date]!, keys);
    }
    if (plan.persons.length > 0) addPersonsBatch(b, plan, masksOf());
  };

  /**
   * A split group's rows by class (`whereClasses`; with `--by`, class and group combination,
   * `jointClasses`, whose combination is `class % keys.length`): one pass over the rows works out
   * each row's contribution and adds it to its class's sum for its slot; each indicator then takes the
   * sums of the classes it selects. Exact sums only: an indicator whose batch is not all whole numbers
   * adds its rows one by one, in order, as `addSplitGroup`. False (nothing done) when the classes times
   * the slots would be too many to lay out.
   */
  const addSplitGroupByClass = (b: RowBatch, g: SplitGroup, cl: WhereClasses, firstAt: Int32Array, placeAt: Int32Array, keys: readonly (readonly string[])[]): boolean => {
    const size = b.size;
    const { count, of, holds } = cl;
    const width = dates.slots.length + size;
    if (count * width > CLASS_CELLS) return false;
    const k = classBuffers(buf, count, width, n);
    const { contrib, flags, slot } = buf;
    const { wanted, noDate, outside, rows, whole, absSum, flagged, cellAt, cellClass, cellSlot, sums, blankAt, mismatchAt } = k;
    for (let c = 0; c < count; c++) {
      let w = 0;
      for (const h of holds) w |= h[c]!;
      wanted[c] = w;
    }
    const ready = g.measure.addBatch?.(b, contrib, flags) === true;
    const reader = ready ? undefined : batchReader(b, g.measure.fields);
    // The rows some member selects that count in a period: their slots (-1 for the others), their contributions.
    slotsByClass(size, of, firstAt, placeAt, n, g.bucketKind, dates.slotTable(), dates.slotOf, k, slot);
    if (reader) for (let i = 0; i < size; i++) if (slot[i]! >= 0) contribution(g.measure, reader, i);
    const cells = sumByClass(size, of, slot, firstAt, n, count, contrib, flags, k);
    for (let cell = 0; cell < cells; cell++) cellAt[cellSlot[cell]! * count + cellClass[cell]!] = -1;
    for (let j = 0; j < g.members.length; j++) {
      const a = applicable[g.members[j]!]!;
      const h = holds[j]!;
      const { sts } = a;
      let dateless = 0;
      let out = 0;
      let m = 0;
      let allWhole = true;
      let abs = 0;
      let anyFlag = false;
      for (let c = 0; c < count; c++) {
        if (h[c] === 0) continue;
        dateless += noDate[c]!;
        out += outside[c]!;
        m += rows[c]!;
        if (whole[c] === 0) allWhole = false;
        abs += absSum[c]!;
        if (flagged[c] === 1) anyFlag = true;
      }
      countUndated(sts, dateless, out);
      if (m === 0) continue;
      if (anyFlag) countClassFlags(sts, h, count, blankAt, mismatchAt);
      if (a.exactness.noteBatch(allWhole, abs)) {
        // Without groups the sums wait by slot over batches; with them they go in now, as `addSummed` does.
        if (dims.length === 0) gatherCells(a.pending, h, cells, cellClass, cellSlot, sums);
        else addClassCells(a, h, cells, cellClass, cellSlot, sums, keys);
        continue;
      }
      // Not all whole numbers: row by row, in order (after the whole sums gathered before), as addSplitGroup.
      flushPending(a.pending);
      for (let i = 0; i < size; i++) if (slot[i]! >= 0 && h[of[i]!] === 1) addRowAt(a, i, keys[dims.length === 0 ? 0 : buf.combo[i]!]!);
    }
    return true;
  };

  /** The sums of the cells whose class an indicator selects, into its pending sums by slot. */
  const gatherCells = (p: Pending, h: Uint8Array, cells: number, cellClass: Int32Array, cellSlot: Int32Array, sums: Float64Array): void => {
    growPending(p);
    for (let cell = 0; cell < cells; cell++) {
      if (h[cellClass[cell]!] === 0) continue;
      const s = cellSlot[cell]!;
      if (p.has[s] === 0) {
        p.has[s] = 1;
        p.touched.push(s);
      }
      addSplitInto(p.sums, s, sums, cell);
    }
  };

  /**
   * The sums of the cells whose class an indicator selects into its windows now, each with its group
   * combination (`addCells`): a class is `where` class × combinations + combination (`jointClasses`).
   */
  const addClassCells = (a: Applicable, h: Uint8Array, cells: number, cellClass: Int32Array, cellSlot: Int32Array, sums: Float64Array, keys: readonly (readonly string[])[]): void => {
    const { sums: picked, cellSlot: pickedSlot, cellCombo, cellGroups } = buf;
    const combos = keys.length;
    let count = 0;
    for (let cell = 0; cell < cells; cell++) {
      if (h[cellClass[cell]!] === 0) continue;
      picked.set(sums.subarray(cell * 5, cell * 5 + 5), count * 5);
      pickedSlot[count] = cellSlot[cell]!;
      const combo = cellClass[cell]! % combos;
      cellCombo[count] = combo;
      cellGroups[count] = keys[combo];
      count++;
    }
    addCells(a, count, picked, pickedSlot, cellCombo, cellGroups);
  };

  /** Blank values and sex mismatches of the classes an indicator selects, in every period from the row's first on. */
  const countClassFlags = (sts: readonly IndicatorState[], h: Uint8Array, count: number, blankAt: Int32Array, mismatchAt: Int32Array): void => {
    let blank = 0;
    let mismatch = 0;
    for (let p = 0; p < n; p++) {
      for (let c = 0; c < count; c++) {
        if (h[c] === 0) continue;
        blank += blankAt[c * n + p]!;
        mismatch += mismatchAt[c * n + p]!;
      }
      sts[p]!.blank += blank;
      sts[p]!.sexMismatch += mismatch;
    }
  };

  /**
   * Indicators that add the same measure by the same date and bucket: each row's contribution is worked
   * out once (`measure.add` on the row's own fields), then each indicator adds the rows it selects.
   */
  const addSplitGroup = (b: RowBatch, g: SplitGroup, masks: readonly (Uint8Array | undefined)[], firstAt: Int32Array, placeAt: Int32Array, keys: readonly (readonly string[])[]): void => {
    const size = b.size;
    const { contrib, flags, whole, abs, slot, done, rows: sel } = buf;
    done.fill(0, 0, size);
    // Every row's contribution from the number columns at once, where the measure can; else row by row below.
    const ready = g.measure.addBatch?.(b, contrib, flags) === true;
    const reader = ready ? undefined : batchReader(b, g.measure.fields);
    for (const ix of g.members) {
      const a = applicable[ix]!;
      const mask = masks[ix];
      const { sts } = a;
      let noDate = 0;
      let outside = 0;
      let m = 0;
      let allWhole = true;
      let absSum = 0;
      let flagged = false;
      for (let i = 0; i < size; i++) {
        if (mask && mask[i] === 0) continue;
        const first = firstAt[i]!;
        if (first < 0) {
          if (first === NO_DATE) noDate++;
          else outside++;
          continue;
        }
        if (first === n) continue;
        if (done[i] === 0) {
          // The row's contribution, once for every indicator of the group.
          done[i] = 1;
          contribution(g.measure, reader, i);
          whole[i] = isWholeSplit(scratch) ? 1 : 0;
          abs[i] = splitSize(scratch);
          slot[i] = dates.slotOf(placeAt[i]!, g.bucketKind);
        }
        sel[m++] = i;
        if (whole[i] === 0) allWhole = false;
        absSum += abs[i]!;
        if (flags[i] !== ROW_OK) flagged = true;
      }
      countUndated(sts, noDate, outside);
      if (m === 0) continue;
      if (flagged) countFlags(sts, sel, m, flags, slot);
      if (a.exactness.noteBatch(allWhole, absSum)) addSummed(a, sel, m, size, keys);
      else {
        // Not all whole numbers: add row by row, in order, so every sum is the row-by-row one (after the whole sums gathered before).
        flushPending(a.pending);
        for (let j = 0; j < m; j++) addRowAt(a, sel[j]!, keys[buf.combo[sel[j]!]!]!);
      }
    }
  };

  /**
   * Row i's contribution into `scratch`: from the batch's contributions worked out already (no reader),
   * or worked out now by the measure on the row's fields, and kept in the batch's.
   */
  const contribution = (measure: SplitMeasure, reader: ReturnType<typeof batchReader> | undefined, i: number): SexSplit => {
    if (!reader) return splitAt(buf.contrib, i, scratch);
    scratch.female = scratch.male = scratch.other = scratch.unknown = scratch.total = 0;
    buf.flags[i] = measure.add(reader.read(i), scratch);
    const c = i * 5;
    const contrib = buf.contrib;
    contrib[c] = scratch.female;
    contrib[c + 1] = scratch.male;
    contrib[c + 2] = scratch.other;
    contrib[c + 3] = scratch.unknown;
    contrib[c + 4] = scratch.total;
    return scratch;
  };

  /** Row i's contribution (in the batch's contributions, slot in `buf.slot`) into every window its slot opens, with its groups. */
  const addRowAt = (a: Windows, i: number, groups: readonly string[]): void => {
    const sl = dates.slots[buf.slot[i]!]!;
    splitAt(buf.contrib, i, part);
    for (let k = sl.first; k < n; k++) addTo(a, 0, k, sl.key, part, groups);
    for (const k of sl.ins) addTo(a, 1, k, sl.key, part, groups);
  };

  /** A contribution into window `w` (0 cumulative, 1 in-period) of period `k`'s state of an indicator. */
  const addTo = (a: Windows, w: number, k: number, key: string, split: SexSplit, groups: readonly string[]): void => {
    const acc = bucketFor(a.sts[k]!.windows[w]!, key, a.plan.combine, "split") as SplitAcc | undefined;
    if (acc) addToSplit(acc, split, groups);
  };

  /**
   * Whole numbers (exact in any order): the selected rows added up per slot and group. Without groups,
   * the sums are gathered by slot over batches (`Pending`) and added into the windows once, when the
   * windows are read or sums must go in in order; with groups, each batch's go in at once (`addCells`).
   */
  const addSummed = (a: Applicable, sel: Int32Array, m: number, size: number, keys: readonly (readonly string[])[]): void => {
    const { contrib, slot, combo, sums, cellRow, cells } = buf;
    if (dims.length === 0) {
      gather(a.pending, sel, m);
      return;
    }
    cells.clear();
    let count = 0;
    for (let j = 0; j < m; j++) {
      const i = sel[j]!;
      let c = cells.get(slot[i]! * (size + 1) + combo[i]!);
      if (c === undefined) {
        c = count++;
        cells.set(slot[i]! * (size + 1) + combo[i]!, c);
        cellRow[c] = i;
        sums[c * 5] = sums[c * 5 + 1] = sums[c * 5 + 2] = sums[c * 5 + 3] = sums[c * 5 + 4] = 0;
      }
      addSplitInto(sums, c, contrib, i);
    }
    const { cellSlot, cellCombo, cellGroups } = buf;
    for (let c = 0; c < count; c++) {
      const i = cellRow[c]!;
      cellSlot[c] = slot[i]!;
      cellCombo[c] = combo[i]!;
      cellGroups[c] = keys[combo[i]!]!;
    }
    addCells(a, count, sums, cellSlot, cellCombo, cellGroups);
  };

  /** The selected rows' contributions added to the indicator's pending sums, by slot. */
  const gather = (p: Pending, sel: Int32Array, m: number): void => {
    growPending(p);
    const { contrib, slot } = buf;
    const { sums, has, touched } = p;
    for (let j = 0; j < m; j++) {
      const i = sel[j]!;
      const s = slot[i]!;
      if (has[s] === 0) {
        has[s] = 1;
        touched.push(s);
      }
      addSplitInto(sums, s, contrib, i);
    }
  };

  /** Room in an indicator's pending sums for every slot there is. */
  const growPending = (p: Pending): void => {
    const slots = dates.slots.length;
    if (p.has.length >= slots) return;
    const size = Math.max(slots, p.has.length * 2, 16);
    const sums = new Float64Array(size * 5);
    sums.set(p.sums);
    const has = new Uint8Array(size);
    has.set(p.has);
    p.sums = sums;
    p.has = has;
  };

  /** The pending sums of an indicator into its windows; none are left pending. */
  const flushPending = (p: Pending): void => {
    const count = p.touched.length;
    if (count === 0) return;
    const sums = new Float64Array(count * 5);
    const cellSlot = new Int32Array(count);
    for (let c = 0; c < count; c++) {
      const s = p.touched[c]!;
      cellSlot[c] = s;
      for (let k = 0; k < 5; k++) {
        sums[c * 5 + k] = p.sums[s * 5 + k]!;
        p.sums[s * 5 + k] = 0;
      }
      p.has[s] = 0;
    }
    p.touched.length = 0;
    addCells(p.into, count, sums, cellSlot, new Int32Array(count), new Array<readonly string[]>(count).fill(NO_GROUPS[0]!));
  };

  /**
   * Cells of whole sums (five each, with their slot and group) into an indicator's windows: each into
   * its in-period windows, and per line (bucket key and group) into the cumulative windows as a running
   * sum over the periods (period k takes the cells whose first period is k or earlier), one add per window.
   */
  const addCells = (a: Windows, count: number, sums: Float64Array, cellSlot: Int32Array, cellCombo: Int32Array, cellGroups: readonly (readonly string[] | undefined)[]): void => {
    const { lineOf } = buf;
    if (buf.lineSums.length < count * n * 5) buf.lineSums = new Float64Array(count * n * 5);
    const lineSums = buf.lineSums;
    lineOf.clear();
    const lines: { key: string; groups: readonly string[]; from: number }[] = [];
    for (let c = 0; c < count; c++) {
      const sl = dates.slots[cellSlot[c]!]!;
      const groups = cellGroups[c]!;
      splitAt(sums, c, part);
      for (const k of sl.ins) addTo(a, 1, k, sl.key, part, groups);
      const id = `${cellCombo[c]}\u0000${sl.key}`;
      let l = lineOf.get(id);
      if (l === undefined) {
        l = lines.length;
        lineOf.set(id, l);
        lines.push({ key: sl.key, groups, from: sl.first });
        lineSums.fill(0, l * n * 5, (l + 1) * n * 5);
      } else if (sl.first < lines[l]!.from) lines[l]!.from = sl.first;
      const to = (l * n + sl.first) * 5;
      for (let s = 0; s < 5; s++) lineSums[to + s]! += sums[c * 5 + s]!;
    }
    // A plain loop: with a callback made on each call (forEach), replay.ts saw addSummed deoptimised ~7,500 times in 3 rounds ("wrong call target").
    for (let l = 0; l < lines.length; l++) {
      const line = lines[l]!;
      running.female = running.male = running.other = running.unknown = running.total = 0;
      for (let k = line.from; k < n; k++) {
        const at = (l * n + k) * 5;
        running.female += lineSums[at]!;
        running.male += lineSums[at + 1]!;
        running.other += lineSums[at + 2]!;
        running.unknown += lineSums[at + 3]!;
        running.total += lineSums[at + 4]!;
        addTo(a, 0, k, line.key, running, line.groups);
      }
    }
  };

  /** Person measures over a batch: row by row as addRow (persons are numbered in order of first sight), reading the columns. */
  const addPersonsBatch = (b: RowBatch, plan: BatchPlan, masks: readonly (Uint8Array | undefined)[]): void => {
    const ids = new Map<string, (i: number) => Value>();
    const idOf = (field: string) => {
      let col = ids.get(field);
      if (!col) ids.set(field, (col = columnOf(b, field)));
      return col;
    };
    for (let i = 0; i < b.size; i++) {
      let row: DataRow | undefined;
      let idField: string | undefined;
      let person = -1;
      let index: PersonIndex | undefined;
      for (const { ix, date } of plan.persons) {
        const mask = masks[ix];
        if (mask && mask[i] === 0) continue;
        const { plan: p, sts } = applicable[ix]!;
        const measure = applicable[ix]!.measure as PersonMeasure;
        const first = buf.firsts[date]![i]!;
        if (first === NO_DATE) {
          for (const st of sts) st.noDate++;
          continue;
        }
        if (first === OUTSIDE_PHASE) {
          for (const st of sts) st.outsidePhase++;
          continue;
        }
        if (first === n) continue;
        const pl = dates.places[buf.places[date]![i]!]!;
        const key = p.bucket === "whole" ? "" : p.bucket === "quarter" ? pl.quarter : pl.date;
        if (idField !== measure.idField) {
          idField = measure.idField;
          index = indexOf(idField);
          const raw = idOf(idField)(i);
          const id = raw === null || raw === undefined ? "" : String(raw).trim().toUpperCase();
          person = id === "" ? -1 : personNumber(index, id);
        }
        if (person < 0) {
          for (let k = first; k < n; k++) sts[k]!.noId++;
          continue;
        }
        row ??= b.row(i);
        for (let k = first; k < n; k++) {
          const acc = bucketFor(sts[k]!.windows[0]!, key, p.combine, "persons", p.dateField, index) as PersonAcc | undefined;
          if (acc) addPerson(acc, person, row);
        }
        for (const k of pl.ins) {
          const acc = bucketFor(sts[k]!.windows[1]!, key, p.combine, "persons", p.dateField, index) as PersonAcc | undefined;
          if (acc) addPerson(acc, person, row);
        }
      }
    }
  };

  /** Blank values and sex mismatches count in every period from the row's first on. */
  const countFlags = (sts: readonly IndicatorState[], sel: Int32Array, m: number, flags: Uint8Array, slot: Int32Array): void => {
    const { blankAt, mismatchAt } = buf;
    blankAt.fill(0);
    mismatchAt.fill(0);
    for (let j = 0; j < m; j++) {
      const i = sel[j]!;
      if (flags[i] === ROW_BLANK) blankAt[dates.slots[slot[i]!]!.first]!++;
      else if (flags[i] === ROW_SEX_MISMATCH) mismatchAt[dates.slots[slot[i]!]!.first]!++;
    }
    let blank = 0;
    let mismatch = 0;
    for (let k = 0; k < n; k++) {
      blank += blankAt[k]!;
      mismatch += mismatchAt[k]!;
      sts[k]!.blank += blank;
      sts[k]!.sexMismatch += mismatch;
    }
  };

  return { add: addBatch, flush: flushPending };
}

/** Rows of an indicator's selection without a date, or dated outside the phase: counted in every period. */
function countUndated(sts: readonly IndicatorState[], noDate: number, outside: number): void {
  if (noDate === 0 && outside === 0) return;
  for (const st of sts) {
    st.noDate += noDate;
    st.outsidePhase += outside;
  }
}
