/**
 * Random ingest streams for the batch properties: tables of every source kind, of several partners and
 * files, with blanks, sex sums off, negative and fractional counts, dates outside the phase and in the
 * future, repeated rows and persons, and total rows between the data rows, as normalize would hand them
 * over; and the same stream with its runs of data rows cut into `batch` events (`batchOfRows`).
 */
import fc from "fast-check";
import { batchOfRows, shapeOf } from "../../src/normalize/batch.js";
import type { FieldSpec, Value } from "../../src/schema/kind.js";
import { SOURCE_KINDS, type SourceKindName } from "../../src/schema/kinds/index.js";
import { columnLetter, type DataRow, type IngestEvent, type Table } from "../../src/schema/table.js";

export const STREAM_PARTNERS = ["RJ", "DAM", "UCEP"] as const;

/** Days from 2018-06-01 to 2026-12-31: before, in and after a phase of 2019-11-07..2022-12-31, and after a run date in 2023. */
const DAY0 = Date.UTC(2018, 5, 1);
const iso = (d: number) => new Date(DAY0 + d * 86_400_000).toISOString().slice(0, 10);
const day = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 524, max: 1673 }).map(iso) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3100 }).map(iso) },
  // The edges: the phase's first and last days and those beside them, the run's date (2023-01-07) and the day after.
  { weight: 1, arbitrary: fc.constantFrom("2019-11-06", "2019-11-07", "2022-12-31", "2023-01-01", "2023-01-03", "2023-01-07", "2023-01-08") },
);
/** `arb`, or null once in `every` draws (fc.option's `freq` is the odds of nil: 1 in freq). */
const orNull = <T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> => fc.option(arb, { freq: every, nil: null });
/** `arb` once in `every` draws, else null. */
const rarely = <T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> => fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
const date = orNull(day, 6);

/** A count: mostly whole, sometimes blank, negative or fractional (0.1 and 0.7 make float sums depend on their order). */
const count = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 60 }) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) },
  { weight: 1, arbitrary: fc.constantFrom(0.1, 0.2, 0.7, 2.5, 1e-9, 12.25) },
);
const sex = fc.constantFrom<Value>("female", "male", "other", "unknown", null);
/** Text as partners write it: one value in several spellings, so folded keys and where-conditions meet variants. */
const spelled = (...values: string[]) => fc.constantFrom<Value>(...values.flatMap((v) => [v, v.toLowerCase(), ` ${v.toUpperCase()} `]), null);

type Row = Record<string, Value>;

const eventRow = fc
  .record({
    date,
    event_type: spelled("TIE session", "POT show", "Courtyard meeting"),
    venue: spelled("School A", "Bazar"),
    union: spelled("Jhikargachha", "Sharsha"),
    district: fc.constantFrom<Value>("Jashore", null),
    female: count,
    male: count,
    other: orNull(count, 4),
    // What the total adds to the parts: nothing, a little (sex-sum), far too much (an outlier), or a blank total.
    off: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(400, 2500) }, { weight: 1, arbitrary: fc.constant(null) }),
  })
  .map(({ off, ...r }): Row => {
    const parts = [r.female, r.male, r.other].filter((v): v is number => typeof v === "number");
    return { ...r, total: off === null ? count_(r.female) : parts.reduce((a, b) => a + b, 0) + off };
  });
// A blank-total row keeps a number in total sometimes anyway (the sex split then checked against it).
function count_(v: Value): Value {
  return typeof v === "number" ? v * 3 : null;
}

const registerRow = fc.record({
  survivor_id: fc.constantFrom<Value>(...Array.from({ length: 12 }, (_, i) => `S-${i + 1}`), " s-3 ", null),
  sex,
  age: orNull(fc.integer({ min: 10, max: 60 }), 5),
  union: spelled("Jhikargachha", "Sharsha"),
  district: fc.constantFrom<Value>("Jashore", "Satkhira", null),
  enrolment_date: date,
  status: fc.constantFrom<Value>("active", "dropped", null),
  dropout_date: rarely(day, 3),
  counselling_date: date,
  ready_to_go_date: rarely(day, 2),
  tna_date: rarely(day, 2),
  family_members_female: count,
  family_members_male: count,
});

const batchRow = fc.record({
  batch_id: fc.constantFrom<Value>("B1", "B2", "b2 ", "B3"),
  trade: spelled("Tailoring", "Driving"),
  training_type: fc.constantFrom<Value>("skill", "edt", "both", "mentor-mentee", null),
  survivor_id: fc.constantFrom<Value>(...Array.from({ length: 15 }, (_, i) => `S-${i + 1}`), null),
  sex,
  start_date: date,
  end_date: date,
  outcome: fc.constantFrom<Value>("ongoing", "completed", "dropped"),
  employment: fc.constantFrom<Value>("wage", "self", "none", null),
  placement_date: rarely(day, 2),
});

const claimRow = fc.record({
  code: fc.constantFrom<Value>("enrolled", "F02", "placed", "participants", "budget", " enrolled ", "X.9", null),
  title: fc.constant<Value>("A claim"),
  period: fc.constantFrom<Value>("phase", "2021Q3", "FY2021-22", "Year one", null),
  target_total: count,
  achieved_female: count,
  achieved_male: count,
  achieved_other: orNull(count, 3),
  achieved_total: count,
});

const budgetRow = fc.record({
  institution: spelled("UP Gangananda", "UP Shimulia"),
  upazila: spelled("Jhikargachha"),
  fiscal_year: fc.constantFrom<Value>("FY2020-21", "FY2021-22", null),
  date,
  amount: fc.oneof(count, fc.constantFrom(1000.1, 2500.35, 0.3)),
});

const ROWS: Record<SourceKindName, fc.Arbitrary<Row>> = {
  "event-attendance": eventRow,
  "survivor-register": registerRow,
  "tsp-batch-status": batchRow,
  "spp-target-achievement": claimRow,
  "budget-allocation": budgetRow,
};

/** One table's rows as generated: a row, or a repeat of an earlier one, or a total row after it. */
interface TableSpec {
  kind: SourceKindName;
  partner: string;
  /** Fields the sheet has a column for (the others are null in every row). */
  fields: string[];
  rows: { values: Row; repeat: number | null; total: null | { subtotal: boolean; values: Row } }[];
}

const totalValues = (kind: SourceKindName) => {
  const numeric = Object.entries(SOURCE_KINDS[kind].fields).filter(([, s]) => s.type === "integer" || s.type === "number").map(([f]) => f);
  return fc.tuple(...numeric.map(() => count)).map((vs) => Object.fromEntries(numeric.map((f, i) => [f, vs[i]!])) as Row);
};

const tableSpec = (kinds: readonly SourceKindName[]): fc.Arbitrary<TableSpec> =>
  fc.constantFrom(...kinds).chain((kind) => {
    const specs: Record<string, FieldSpec> = SOURCE_KINDS[kind].fields;
    const fields = Object.entries(specs).filter(([, s]) => !s.identifying).map(([f]) => f);
    const required = fields.filter((f) => specs[f]!.required);
    return fc.record({
      kind: fc.constant(kind),
      partner: fc.constantFrom(...STREAM_PARTNERS),
      // Every required column, and each other one with its odds.
      fields: fc.subarray(fields.filter((f) => !required.includes(f)), { minLength: 0 }).map((optional) => fields.filter((f) => required.includes(f) || optional.includes(f))),
      rows: fc.array(
        fc.record({
          values: ROWS[kind],
          repeat: rarely(fc.nat(), 6),
          total: rarely(fc.record({ subtotal: fc.boolean(), values: totalValues(kind) }), 10),
        }),
        { maxLength: 40 },
      ),
    });
  });

/** A stream of one to five tables of the given kinds, in several partners' files. */
export function streamSpec(kinds: readonly SourceKindName[] = Object.keys(SOURCE_KINDS) as SourceKindName[]): fc.Arbitrary<TableSpec[]> {
  return fc.array(tableSpec(kinds), { minLength: 1, maxLength: 5 });
}

/** Where a stream cuts its runs of data rows into batches: per row, whether a batch starts there (1 in 8), and whether the batch goes as row events instead (0: 1 in 10). */
export const cutsSpec = fc.array(fc.tuple(fc.nat({ max: 7 }).map((n) => n === 0), fc.nat({ max: 9 })), { minLength: 200, maxLength: 200 });
export type Cuts = [boolean, number][];

/** The ingest events of the tables, data rows as row events: table, rows and total rows, a file event. */
export function rowEvents(tables: readonly TableSpec[]): IngestEvent[] {
  const out: IngestEvent[] = [];
  tables.forEach((spec, t) => {
    const table: Table = {
      file: `${spec.partner.toLowerCase()}/${spec.kind}-${t % 2}${t > 1 ? `-${t}` : ""}.csv`,
      sheet: `${spec.kind}-${t}`,
      kind: spec.kind,
      partner: spec.partner,
      headerRows: [1],
      columns: spec.fields.map((field, i) => ({ field, letter: columnLetter(i), label: field.replace(/_/g, " ") })),
    };
    const names = shapeOf(table).names;
    const has = new Set(spec.fields);
    // Values as normalize builds them: every field of the kind, null where the sheet has no column.
    const shaped = (v: Row): Row => Object.fromEntries(names.map((n) => [n, has.has(n) ? (v[n] ?? null) : null]));
    out.push({ type: "table", table });
    const made: Row[] = [];
    let line = 2;
    let rows = 0;
    for (const r of spec.rows) {
      const values = r.repeat !== null && made.length > 0 ? { ...made[r.repeat % made.length]! } : shaped(r.values);
      made.push(values);
      out.push({ type: "row", row: { table, row: line++, values } });
      rows++;
      if (r.total) {
        out.push({ type: "total", total: { table, row: line++, label: r.total.subtotal ? "Sub-total" : "Total", values: shaped(r.total.values), subtotal: r.total.subtotal } });
      }
    }
    out.push({ type: "file", file: table.file, rows });
  });
  return out;
}

/**
 * The same events with each run of consecutive data rows cut into batches where `cuts` says (a batch
 * also ends at a total row or a new table); a batch whose cut number is 0 stays row events, so streams
 * mix both, and every other batch holds its text as codes.
 */
export function batchEvents(events: readonly IngestEvent[], cuts: Cuts): IngestEvent[] {
  const out: IngestEvent[] = [];
  let run: DataRow[] = [];
  let asRows = false;
  let coded = 0;
  const flush = () => {
    if (run.length === 0) return;
    if (asRows) for (const row of run) out.push({ type: "row", row });
    // Half the batches hold their text as codes, as the normalizer's do, half as plain values.
    else out.push({ type: "batch", batch: batchOfRows(run[0]!.table, run, { coded: coded++ % 2 === 1 }) });
    run = [];
  };
  let k = 0;
  for (const e of events) {
    if (e.type !== "row") {
      flush();
      out.push(e);
      continue;
    }
    const [cut, n] = cuts[k++ % cuts.length]!;
    if (run.length > 0 && (cut || run[0]!.table !== e.row.table)) flush();
    if (run.length === 0) asRows = n === 0;
    run.push(e.row);
  }
  flush();
  return out;
}
