/**
 * What the engine needs to add a batch of rows from its columns (`createMultiEngine`): where each
 * date goes in the periods (memoised per date), each row's groups (`--by`, per distinct value), each
 * indicator's `where` (per distinct value of a text column), and when sums may be added up per batch
 * before they are added in (`Exactness`). Results are those of adding the rows one by one.
 */
import { testBatch, type RowPredicate } from "../schema/condition.js";
import type { Value } from "../schema/kind.js";
import type { SexSplit } from "../schema/sex.js";
import { codeMemo, type RowBatch } from "../schema/table.js";
import { cellGroupValue, dimensionField, groupKey, type Dimension } from "./dimensions.js";
import { quarterOf } from "./periods.js";

/** Distinct values a memo of this module keeps; past this, values are worked out afresh. */
const MEMO_LIMIT = 1 << 16;

/** A blank or malformed date: the row counts in no period. */
export const NO_DATE = -2;
/** A date outside the phase. */
export const OUTSIDE_PHASE = -1;

/** Where rows dated on one day go, for an engine's periods (sorted by end). */
export interface DatePlace {
  /** Its number among the engine's places (`createDatePlaces`): the index into their typed arrays. */
  id: number;
  /** The first period whose cumulative window holds the date (n: none). */
  first: number;
  /** The periods from `first` on whose in-period window holds it too (they start after the phase, by the date). */
  ins: readonly number[];
  date: string;
  quarter: string;
}

/** Where rows go in a window: the periods (first and in-period ones) and the bucket key. */
export interface Slot {
  first: number;
  ins: readonly number[];
  key: string;
}

/** The bucket kinds of a window, as numbers for `slotOf`. */
export const BUCKETS = { whole: 0, quarter: 1, date: 2 } as const;
/** How many bucket kinds there are: a place's slots lie at place * BUCKET_KINDS + kind (`slotTable`). */
export const BUCKET_KINDS = 3;

/**
 * The places of dates in an engine's periods, memoised per date value, and the slots they open per
 * bucket kind (rows of one slot go to the same buckets of the same windows, so their sums can be added
 * up before they are added in). A batch's rows get their place's number, not the place: each place's
 * first period and slots lie in typed arrays by number, so a pass over a batch's rows reads no objects
 * (following each row's place object to its slots took ~0.1 µs a row, a million rows 0.1 s).
 * @param firstEndingFrom the first period (by end) whose end is on or after a date
 */
export function createDatePlaces(phase: { start: string; end: string }, periods: { froms: readonly string[]; separate: readonly boolean[]; n: number }, firstEndingFrom: (d: string) => number) {
  /** Per date value: its place's number, or NO_DATE / OUTSIDE_PHASE. */
  const memo = new Map<string, number>();
  const places: DatePlace[] = [];
  /** Per place: its first period; per place and bucket kind (place * BUCKET_KINDS + kind): its slot, -1 until asked for. */
  let firstOf = new Int32Array(64);
  let slotAt = new Int32Array(64 * BUCKET_KINDS).fill(-1);
  const slotIds = new Map<string, number>();
  const slots: Slot[] = [];
  const make = (d: string): number => {
    if (!isIsoDate(d)) return NO_DATE;
    if (d < phase.start || d > phase.end) return OUTSIDE_PHASE;
    const first = firstEndingFrom(d);
    const ins: number[] = [];
    for (let k = first; k < periods.n; k++) if (periods.separate[k] && d >= periods.froms[k]!) ins.push(k);
    const id = places.length;
    places.push({ id, first, ins, date: d, quarter: quarterOf(d) });
    if (id === firstOf.length) {
      firstOf = grown(firstOf, 0);
      slotAt = grown(slotAt, -1);
    }
    firstOf[id] = first;
    return id;
  };
  const of = (d: Value | undefined): number => {
    if (typeof d !== "string") return NO_DATE;
    let p = memo.get(d);
    if (p === undefined) {
      p = make(d);
      // A place is one day of the phase, so places are few; other text is memoised up to a limit.
      if (p >= 0 || memo.size < MEMO_LIMIT) memo.set(d, p);
    }
    return p;
  };
  const placeByCode = codeMemo(of);
  return {
    slots,
    /** The place of each number. */
    places: places as readonly DatePlace[],
    /**
     * The places of a batch's dates: `first[i]` the first period of row i (NO_DATE, OUTSIDE_PHASE, or
     * n for none), `place[i]` its place's number (-1 for none).
     */
    fill(b: RowBatch, field: string, first: Int32Array, place: Int32Array): void {
      const size = b.size;
      // Dates held as codes: their places once per distinct date.
      const coded = b.codes?.(field);
      if (coded) {
        const at = placeByCode.get(coded);
        const codes = coded.codes;
        for (let i = 0; i < size; i++) {
          const p = at(codes[i]!);
          place[i] = p < 0 ? -1 : p;
          first[i] = p < 0 ? p : firstOf[p]!;
        }
        return;
      }
      // Dates are text columns; a number column holds no date.
      const col = b.values(field);
      // Rows are often sorted by date: a repeat of the row before costs no lookup.
      let last: Value | undefined;
      let p = NO_DATE;
      for (let i = 0; i < size; i++) {
        const v = col?.[i];
        if (v !== last) p = of((last = v));
        place[i] = p < 0 ? -1 : p;
        first[i] = p < 0 ? p : firstOf[p]!;
      }
    },
    /** The slot of each place and bucket kind (place * BUCKET_KINDS + kind), -1 until `slotOf` makes it; replaced as places are added. */
    slotTable: (): Int32Array => slotAt,
    /** The slot of place number `p` for a bucket kind (`BUCKETS`). */
    slotOf(p: number, b: number): number {
      let s = slotAt[p * BUCKET_KINDS + b]!;
      if (s >= 0) return s;
      const place = places[p]!;
      const key = b === BUCKETS.whole ? "" : b === BUCKETS.quarter ? place.quarter : place.date;
      const id = `${place.first}|${place.ins.join(",")}|${key}`;
      s = slotIds.get(id) ?? -1;
      if (s < 0) {
        s = slots.length;
        slots.push({ first: place.first, ins: place.ins, key });
        slotIds.set(id, s);
      }
      slotAt[p * BUCKET_KINDS + b] = s;
      return s;
    },
  };
}

/** `a` at twice its length, the new half filled with `blank`. */
function grown(a: Int32Array<ArrayBuffer>, blank: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2).fill(blank);
  b.set(a);
  return b;
}

/** Groups of one dimension a combination's number holds apart (`createGroupCombos`): 2^17, so three fit a double exactly. */
const GROUPS_APART = 1 << 17;

/**
 * The group keys (`--by`) of a batch's rows, as `groupKeys` gives them for each row, numbered per
 * batch so rows of the same groups share a number: a dimension's value is worked out once per distinct
 * cell value (a few event types, districts, partners), not once per row. Each dimension's groups are
 * numbered as they are met, and a row's combination is looked up by a number made of them (a text key
 * built for every row took ~0.6 µs a row).
 */
export function createGroupCombos(dims: readonly Dimension[]) {
  const memos = dims.map(() => new Map<Value | undefined, number>());
  /** Per dimension: its groups met so far, and the number of each. */
  const groups = dims.map(() => [] as string[]);
  const numbers = dims.map(() => new Map<string, number>());
  const numberOf = (k: number, g: string): number => {
    let n = numbers[k]!.get(g);
    if (n === undefined) {
      n = groups[k]!.length;
      groups[k]!.push(g);
      numbers[k]!.set(g, n);
    }
    return n;
  };
  // A batch is one table, of one partner: by partner alone, its rows are all of one group.
  const byTable = dims.every((d) => d === "partner");
  const numeric = dims.length <= 3;
  return {
    /** Set `combo[rows[j]]` for the first `count` rows listed: a number into the returned group keys. */
    of(batch: RowBatch, rows: Int32Array, count: number, combo: Int32Array): string[][] {
      if (byTable) {
        for (let j = 0; j < count; j++) combo[rows[j]!] = 0;
        return [dims.map((d) => groupKey(d, batch.table.partner))];
      }
      const cols = dims.map((d) => (d === "partner" ? undefined : columnOf(batch, dimensionField(d))));
      const partner = dims.map((d, k) => (d === "partner" ? numberOf(k, batch.table.partner) : -1));
      const ids = new Map<number | string, number>();
      const keys: string[][] = [];
      const parts = new Int32Array(dims.length);
      for (let j = 0; j < count; j++) {
        const i = rows[j]!;
        let id = 0;
        let wide = !numeric;
        for (let k = 0; k < dims.length; k++) {
          let g = partner[k]!;
          if (g < 0) {
            const v = cols[k]!(i);
            const memo = memos[k]!;
            const known = memo.get(v);
            if (known === undefined) {
              g = numberOf(k, cellGroupValue(dims[k] as Exclude<Dimension, "partner">, v));
              if (memo.size < MEMO_LIMIT) memo.set(v, g);
            } else g = known;
          }
          parts[k] = g;
          if (g >= GROUPS_APART) wide = true;
          id = id * GROUPS_APART + g;
        }
        // Past three dimensions or 2^17 groups of one, the combination is keyed by its numbers as text.
        const key = wide ? parts.join(",") : id;
        let c = ids.get(key);
        if (c === undefined) {
          c = keys.length;
          ids.set(key, c);
          keys.push(dims.map((d, k) => groupKey(d, groups[k]![parts[k]!]!)));
        }
        combo[i] = c;
      }
      return keys;
    },
  };
}

/** Row `i`'s value of `field` in a batch, as the row's `values` holds it. */
export function columnOf(batch: RowBatch, field: string): (i: number) => Value {
  const num = batch.numbers(field);
  if (num) return (i) => (num[i]! === num[i]! ? num[i]! : null);
  const vals = batch.values(field);
  return vals ? (i) => vals[i] ?? null : () => null;
}

/** Below this, sums of whole numbers are exact in any order (doubles hold every integer up to 2^53; half of that leaves room for rounding in the bound). */
const EXACT_BOUND = 2 ** 52;

/**
 * Whether an indicator's sums may be added up in any order: true as long as every contribution added
 * so far was a whole number (of at most 31 bits) and their absolute values add up to less than 2^52,
 * so every partial sum, whatever the order, is an integer a double holds exactly. Then a batch's rows
 * may be summed per bucket before they are added in, and the result is the row-by-row one to the bit.
 */
export class Exactness {
  private bound = 0;
  private whole = true;
  get exact(): boolean {
    return this.whole;
  }
  /** Note a batch's contributions: whether all were whole numbers of at most 31 bits, and their absolute values' sum. */
  noteBatch(allWhole: boolean, absSum: number): boolean {
    if (!this.whole) return false;
    if (!allWhole) return (this.whole = false);
    this.bound += absSum;
    if (this.bound >= EXACT_BOUND) this.whole = false;
    return this.whole;
  }
  /** Note a contribution; false once the sums have to be added row by row. */
  note(s: SexSplit): boolean {
    return this.noteBatch(isWholeSplit(s), splitSize(s));
  }
}

/** Whether every part of a contribution is a whole number of at most 31 bits. */
export function isWholeSplit({ female, male, other, unknown, total }: SexSplit): boolean {
  return (female | 0) === female && (male | 0) === male && (other | 0) === other && (unknown | 0) === unknown && (total | 0) === total;
}

/** The absolute values of a contribution's parts added up (a bound on what it adds to any sum). */
export function splitSize({ female, male, other, unknown, total }: SexSplit): number {
  return Math.abs(female) + Math.abs(male) + Math.abs(other) + Math.abs(unknown) + Math.abs(total);
}

/** Scratch space of `whereMasks` and `whereClasses`: a class number per code of a coded column (0: not met yet). */
export interface ClassScratch {
  at: Int32Array;
}

/**
 * Which rows of a batch each predicate holds for, into `out[j]` (undefined: every row). A predicate on
 * one text field is evaluated once per distinct value of its column (a few event types or statuses),
 * shared by every predicate on that field; others run on each row's fields (`testBatch`). `ids` is
 * scratch space of at least the batch's size.
 */
export function whereMasks(b: RowBatch, preds: readonly RowPredicate[], out: readonly Uint8Array[], ids: Int32Array, scratch: ClassScratch = { at: new Int32Array(0) }): (Uint8Array | undefined)[] {
  const size = b.size;
  let field: string | undefined;
  let values: Value[] = [];
  let answers = new Uint8Array(16);
  const one: Record<string, Value> = {};
  return preds.map((pred, j) => {
    const fields = pred.fields;
    const mask = out[j]!;
    if (fields.length === 0) return pred({}) ? undefined : mask.fill(0, 0, size);
    const f = fields[0]!;
    if (fields.length > 1 || b.numbers(f)) return testBatch(pred, b, mask);
    // Predicates on one field usually come together (one per event type): number its values once.
    if (f !== field) {
      field = f;
      values = classValues(b, f, ids, scratch);
    }
    one[f] = null;
    if (answers.length < values.length) answers = new Uint8Array(values.length * 2);
    for (let k = 0; k < values.length; k++) {
      one[f] = values[k]!;
      answers[k] = pred(one) ? 1 : 0;
    }
    delete one[f];
    for (let i = 0; i < size; i++) mask[i] = answers[ids[i]!]!;
    return mask;
  });
}

/** A batch's rows in classes that every predicate of a list answers alike (see `whereClasses`). */
export interface WhereClasses {
  /** Row i's class, 0 to `count` - 1 (at least the batch's size long). */
  of: Int32Array;
  count: number;
  /** Per predicate, per class: 1 when the predicate holds for the class's rows. */
  holds: Uint8Array[];
}

/**
 * Classes of `where` class and group combination together: row i's is its class × `combos` + its
 * combination (`combo[i]`), into `into`; a predicate holds for a joint class as for its `where` class.
 */
export function jointClasses(cl: WhereClasses, combo: Int32Array, combos: number, size: number, into: Int32Array): WhereClasses {
  for (let i = 0; i < size; i++) into[i] = cl.of[i]! * combos + combo[i]!;
  const count = cl.count * combos;
  const holds = cl.holds.map((h) => {
    const joint = new Uint8Array(count);
    for (let c = 0; c < count; c++) joint[c] = h[Math.floor(c / combos)]!;
    return joint;
  });
  return { of: into, count, holds };
}

/**
 * The rows of a batch by the value of the one field the predicates read (a few event types), each
 * predicate answered once per class; undefined when the predicates read more than one field between
 * them, or a number column (use `whereMasks`). Predicates that read no field hold for every class or none.
 * @example whereClasses(batch, [typeIs("TIE session"), all], ids, scratch) // { of: ids, count: 4, holds: [[0, 1, 0, 0], [1, 1, 1, 1]] }
 */
export function whereClasses(b: RowBatch, preds: readonly RowPredicate[], of: Int32Array, scratch: ClassScratch): WhereClasses | undefined {
  let field: string | undefined;
  for (const p of preds) {
    if (p.fields.length === 0) continue;
    if (p.fields.length > 1 || (field !== undefined && p.fields[0] !== field)) return undefined;
    field = p.fields[0]!;
  }
  if (field !== undefined && b.numbers(field)) return undefined;
  const values = field === undefined ? [null] : classValues(b, field, of, scratch);
  if (field === undefined) of.fill(0, 0, b.size);
  const one: Record<string, Value> = {};
  const holds = preds.map((p) => {
    const h = new Uint8Array(values.length);
    if (p.fields.length === 0) return h.fill(p({}) ? 1 : 0);
    for (let k = 0; k < values.length; k++) {
      one[field!] = values[k]!;
      h[k] = p(one) ? 1 : 0;
    }
    return h;
  });
  return { of, count: values.length, holds };
}

/**
 * The distinct values of a column, null first (for every row of a missing column), each row's number
 * among them into `ids`: from the codes where the column has them (an array read a row), else by value.
 */
function classValues(b: RowBatch, field: string, ids: Int32Array, scratch: ClassScratch): Value[] {
  const size = b.size;
  const values: Value[] = [null];
  const coded = b.codes?.(field);
  if (coded) {
    const { codes, dict } = coded;
    if (scratch.at.length < dict.length) scratch.at = new Int32Array(Math.max(dict.length, scratch.at.length * 2));
    const at = scratch.at;
    const met: number[] = [];
    for (let i = 0; i < size; i++) {
      const c = codes[i]!;
      if (c < 0) {
        ids[i] = 0;
        continue;
      }
      let k = at[c]!;
      if (k === 0) {
        k = at[c] = values.length;
        values.push(dict[c]!);
        met.push(c);
      }
      ids[i] = k;
    }
    for (const c of met) at[c] = 0;
    return values;
  }
  const col = b.values(field);
  if (!col) {
    ids.fill(0, 0, size);
    return values;
  }
  const seen = new Map<Value, number>([[null, 0]]);
  for (let i = 0; i < size; i++) {
    const v = col[i] ?? null;
    let k = seen.get(v);
    if (k === undefined) {
      k = values.length;
      values.push(v);
      seen.set(v, k);
    }
    ids[i] = k;
  }
  return values;
}

/** Where a `YYYY-MM-DD` date has its digits. */
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

/**
 * `YYYY-MM-DD`: digits, a month 01–12 and a day 01–31 (normalize has already checked that the day
 * exists). So the dates of a phase, and the date places made of them (`createDatePlaces`), are at most
 * 372 a year, whatever text a date field holds.
 */
export function isIsoDate(d: string): boolean {
  if (d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return false;
  for (const k of DATE_DIGITS) {
    const c = d.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  const month = (d.charCodeAt(5) - 48) * 10 + d.charCodeAt(6) - 48;
  const day = (d.charCodeAt(8) - 48) * 10 + d.charCodeAt(9) - 48;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
