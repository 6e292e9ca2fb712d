import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEngine, createMultiEngine } from "../../src/aggregate/engine.js";
import { parsePeriod, splitPeriod } from "../../src/aggregate/periods.js";
import { traceIndicator } from "../../src/aggregate/trace.js";
import { BUCKETS, createDatePlaces, isIsoDate, NO_DATE, OUTSIDE_PHASE, whereClasses, whereMasks } from "../../src/aggregate/batch.js";
import { batchOfRows } from "../../src/normalize/batch.js";
import { compileWhere, testBatch } from "../../src/schema/condition.js";
import type { Value } from "../../src/schema/kind.js";
import type { Period } from "../../src/schema/result.js";
import type { IngestEvent } from "../../src/schema/table.js";
import { batchEvents, cutsSpec, rowEvents, streamSpec } from "../schema/streams.js";
import { BUDGET_FIELDS, makeProject, makeTable } from "./helpers.js";

/** Every measure and counting rule, with every kind of condition, dates of several fields, a partner filter and unsexed figures. */
const project = makeProject([
  { code: "enrolled", title: "Enrolled", unit: "persons", counting: "unique", compute: { from: "survivor-register", date: "enrolment_date", measure: "count-persons" } },
  { code: "counselled", title: "Counselled per quarter", unit: "persons", counting: "sum", compute: { from: "survivor-register", date: "counselling_date", measure: "count-persons", where: [{ field: "status", not_in: ["dropped"] }] } },
  { code: "trainees", title: "Trainees, latest", unit: "persons", counting: "latest", compute: { from: "tsp-batch-status", date: "start_date", measure: "count-persons" } },
  { code: "peak-trainees", title: "Trainees, peak quarter", unit: "persons", counting: "max", compute: { from: "tsp-batch-status", date: "start_date", measure: "count-persons", where: [{ field: "outcome", in: ["completed", "ongoing"] }] } },
  { code: "dated-rows", title: "Event and budget rows", unit: "number", counting: "max", compute: { from: ["event-attendance", "budget-allocation"], date: "date", measure: "count-rows", sexed: false, where: [{ field: "district", present: false }] } },
  { code: "dropped-rows", title: "Dropped rows", unit: "persons", compute: { from: "survivor-register", where: [{ field: "status", equals: "dropped" }, { field: "dropout_date", present: true }], date: "enrolment_date", measure: "count-rows" } },
  { code: "family", title: "Family members", unit: "persons", compute: { from: "survivor-register", date: "counselling_date", measure: "sum", field: "family_members_female" } },
  { code: "tie", title: "TIE participants", unit: "persons", compute: { from: "event-attendance", date: "date", measure: "sum-sexes", where: [{ field: "event_type", equals: "TIE session" }] } },
  { code: "shows", title: "Show participants (RJ)", unit: "persons", compute: { from: "event-attendance", partner: "RJ", date: "date", measure: "sum-sexes", where: [{ field: "event_type", matches: "show|meeting" }] } },
  { code: "participants", title: "All participants", unit: "persons", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "peak", title: "Peak quarter", unit: "persons", counting: "max", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "stock", title: "Latest attendance", unit: "persons", counting: "latest", compute: { from: "event-attendance", date: "date", measure: "sum-sexes", where: [{ field: "venue", not_in: ["bazar"] }] } },
  { code: "women", title: "Women at events", unit: "persons", compute: { from: "event-attendance", date: "date", measure: "sum-sexes", sexes: { female: "female" } } },
  { code: "events", title: "Events", unit: "events", compute: { from: "event-attendance", date: "date", measure: "count-rows", sexed: false } },
  { code: "budget", title: "Budget", unit: "BDT", compute: { from: "budget-allocation", date: "date", measure: "sum", field: "amount", sexed: false } },
  { code: "budget-latest", title: "Budget, latest", unit: "BDT", counting: "latest", compute: { from: "budget-allocation", date: "date", measure: "sum", field: "amount", sexed: false, where: [{ field: "fiscal_year", present: true }] } },
  { code: "ratio", title: "Participants per event", unit: "number", formula: "{participants} / {events}" },
]);

const phase = parsePeriod("phase", project);
const quarters = splitPeriod(phase, "quarter", project);
const day = fc.integer({ min: 0, max: 1150 }).map((d) => new Date(Date.UTC(2019, 10, 7) + d * 86_400_000).toISOString().slice(0, 10));
const range = fc.tuple(day, day).map(([a, b]) => parsePeriod(a <= b ? `${a}..${b}` : `${b}..${a}`, project));
/** The quarters of the phase, or months of a fiscal year, with random (overlapping) ranges and the phase itself. */
const periodLists = fc.tuple(fc.constantFrom(quarters, splitPeriod(parsePeriod("FY2020-21", project), "month", project)), fc.array(range, { maxLength: 3 }), fc.boolean()).map(([parts, ranges, withPhase]): Period[] => [...parts, ...ranges, ...(withPhase ? [phase] : [])]);
const dims = fc.constantFrom([], ["partner" as const], ["partner" as const, "district" as const, "age_band" as const], ["event_type" as const, "union" as const], ["partner" as const, "district" as const, "event_type" as const, "union" as const], ["training_type" as const, "trade" as const, "upazila" as const]);

function feed(events: readonly IngestEvent[], periods: readonly Period[], cumulative: boolean, by: (typeof dims extends fc.Arbitrary<infer D> ? D : never)) {
  const engine = createMultiEngine(project, { periods, cumulative, by, now: "2021-06-30" });
  for (const e of events) engine.add(e);
  return { states: engine.states(), results: engine.finish() };
}

describe("aggregation of batches", () => {
  it("gives the states and results of the same rows as row events, for every counting rule, with breakdowns, cut into batches anywhere", () => {
    fc.assert(
      fc.property(streamSpec(), cutsSpec, periodLists, fc.boolean(), dims, (tables, cuts, periods, cumulative, by) => {
        const rows = rowEvents(tables);
        const batched = batchEvents(rows, cuts);
        const want = feed(rows, periods, cumulative, by);
        const got = feed(batched, periods, cumulative, by);
        expect(got.results).toEqual(want.results);
        expect(got.states).toEqual(want.states);
      }),
      { seed: 20221231, numRuns: 250 },
    );
  });

  it("without breakdowns, adds rows by the class of their event type (sums per class, fractions row by row) as row events do", () => {
    // Without `--by`, a split group whose indicators select by one text field is added up by class (`addSplitGroupByClass`).
    fc.assert(
      fc.property(streamSpec(["event-attendance", "budget-allocation"]), cutsSpec, periodLists, fc.boolean(), (tables, cuts, periods, cumulative) => {
        const rows = rowEvents(tables);
        const want = feed(rows, periods, cumulative, []);
        const got = feed(batchEvents(rows, cuts), periods, cumulative, []);
        expect(got.results).toEqual(want.results);
        expect(got.states).toEqual(want.states);
      }),
      { seed: 77, numRuns: 200 },
    );
  });

  it("gives one engine's result for one period (createEngine), from batches", () => {
    fc.assert(
      fc.property(streamSpec(), cutsSpec, fc.constantFrom(phase, ...quarters.slice(4, 8), parsePeriod("FY2021-22", project)), fc.boolean(), (tables, cuts, period, cumulative) => {
        const rows = rowEvents(tables);
        const one = (events: readonly IngestEvent[]) => {
          const e = createEngine(project, { period, cumulative, by: ["partner"] });
          for (const x of events) e.add(x);
          return e.finish();
        };
        expect(one(batchEvents(rows, cuts))).toEqual(one(rows));
      }),
      { seed: 5, numRuns: 150 },
    );
  });

  it("traces the same rows from batches as from row events", async () => {
    await fc.assert(
      fc.asyncProperty(streamSpec(["event-attendance", "survivor-register", "budget-allocation"]), cutsSpec, fc.constantFrom("enrolled", "tie", "peak", "stock", "budget", "ratio"), fc.boolean(), async (tables, cuts, indicator, cumulative) => {
        const rows = rowEvents(tables);
        const options = { indicator, period: quarters[7]!, cumulative, partner: "RJ" };
        expect(await traceIndicator(batchEvents(rows, cuts), project, options)).toEqual(await traceIndicator(rows, project, options));
      }),
      { seed: 11, numRuns: 60 },
    );
  });

  const budgetTable = makeTable("budget-allocation", "RJ", BUDGET_FIELDS);
  const budgetRows = (amounts: (number | null)[]) =>
    amounts.map((amount, i) => ({ table: budgetTable, row: i + 2, values: { institution: `UP ${i % 3}`, upazila: null, district: null, fiscal_year: "FY2020-21", date: `2020-0${1 + (i % 3)}-15`, amount, purpose: null } as Record<string, Value> }));
  // By partner (each batch's sums go in at once) and without groups (whole sums gathered over batches, added in later).
  const budget = (events: IngestEvent[], by: readonly [] | readonly ["partner"] = ["partner"]) => feed([{ type: "table", table: budgetTable }, ...events], quarters, false, by);

  it.each([
    // Added up per batch first, these would give 18.450000002 instead of the row-by-row 18.450000002000003.
    { name: "a batch of fractions adds them in row order, as row events do", amounts: [0.7, 2.5, 0.3, 2.5, 0.1, 1e-9, 1e-9, 12.25, 0.1] },
    { name: "whole amounts beyond 31 bits are added row by row too", amounts: [2 ** 52 + 2, 3, 1, 2 ** 40 + 1, -7, 5] },
    { name: "one fraction after whole batches turns the indicator to row-by-row adds for good", amounts: [1, 2, 3, 4, 0.5, 6, 7, 8, 9] },
    // The whole sums of the first batch go in before the fractions: 1000010 + 0.1 + 0.2 + 0.3, not 0.1 + 0.2 + 0.3 + 1000010.
    { name: "whole sums gathered before a batch of fractions go in first, as the row-by-row order has them", amounts: [1e6, 3, 7, 0.1, 0.2, 0.3, 0.7, 0.1, 5] },
    { name: "blank amounts are noted and counted as nothing", amounts: [null, 4, null, 5] },
  ])("$name", ({ amounts }) => {
    const rows = budgetRows(amounts);
    const asRows = rows.map((row): IngestEvent => ({ type: "row", row }));
    const batch = (from: number, to?: number): IngestEvent => ({ type: "batch", batch: batchOfRows(budgetTable, rows.slice(from, to)) });
    // The same rows in batches of three, and in batches of 2 and 3 with a row event between them.
    for (const by of [["partner"], []] as const) {
      expect(budget([batch(0, 3), batch(3, 6), batch(6)], by)).toEqual(budget(asRows, by));
      expect(budget([batch(0, 2), { type: "row", row: rows[2]! }, batch(3, 6), batch(6)], by)).toEqual(budget(asRows, by));
    }
  });

  it("an empty batch adds nothing", () => {
    const empty = budget([{ type: "batch", batch: batchOfRows(budgetTable, []) }]);
    expect(empty).toEqual(budget([]));
  });

  it("createDatePlaces numbers each day of the phase once, from codes or values, past its first arrays and its memo's limit, and gives each place and bucket kind one slot", () => {
    const table = makeTable("event-attendance", "RJ", ["date", "event_type", "female", "total"]);
    const froms = ["2020-01-01", "2020-04-01"];
    const ends = ["2020-03-31", "2020-06-30"];
    const firstEndingFrom = (d: string) => ends.findIndex((e) => d <= e);
    // Latest first: the places made before the arrays grow are of the second quarter.
    const days = Array.from({ length: 150 }, (_, k) => new Date(Date.UTC(2020, 0, 1) + (181 - k) * 86_400_000).toISOString().slice(0, 10));
    const texts: Value[] = [...days, "2019-12-31", "2020-07-01", "1.3.2020", "", null, ...days.slice(0, 10), "2020-0x-01", "2020-04-40"];
    for (const coded of [false, true]) {
      const dates = createDatePlaces({ start: "2020-01-01", end: "2020-06-30" }, { froms, separate: [true, true], n: 2 }, (d) => (firstEndingFrom(d) < 0 ? 2 : firstEndingFrom(d)));
      const rows = texts.map((date, i) => ({ table, row: i + 2, values: { date, event_type: "x", female: 1, total: 1 } as Record<string, Value> }));
      const first = new Int32Array(rows.length);
      const place = new Int32Array(rows.length);
      dates.fill(batchOfRows(table, rows, { coded }), "date", first, place);
      // Each of the 150 days (more than the place arrays first hold) is a place of its own; a repeat is the same place.
      expect(new Set(place.subarray(0, 150)).size).toBe(150);
      expect([...place.subarray(0, 150)].map((p) => dates.places[p]!.date)).toEqual(days);
      expect([...first.subarray(0, 150)]).toEqual(days.map((d) => (d < "2020-04-01" ? 0 : 1)));
      expect([...first.subarray(150, 155)]).toEqual([OUTSIDE_PHASE, OUTSIDE_PHASE, NO_DATE, NO_DATE, NO_DATE]);
      expect([...place.subarray(150, 155)]).toEqual([-1, -1, -1, -1, -1]);
      expect([...place.subarray(155, 165)]).toEqual([...place.subarray(0, 10)]);
      // Text of a date's shape that is not one: no date, and no place.
      expect([...first.subarray(165)]).toEqual([NO_DATE, NO_DATE]);
      expect([...place.subarray(165)]).toEqual([-1, -1]);
      // Past the memo's limit of other text, a day already met keeps its place, and a new one gets one place.
      const junk = Array.from({ length: (1 << 16) + 10 }, (_, k) => `junk ${k}`);
      const many = [...junk, days[3]!, days[140]!, "2020-01-05", "2020-01-05"].map((date, i) => ({ table, row: i + 2, values: { date, event_type: "x", female: 1, total: 1 } as Record<string, Value> }));
      const f2 = new Int32Array(many.length);
      const p2 = new Int32Array(many.length);
      dates.fill(batchOfRows(table, many, { coded }), "date", f2, p2);
      expect([...p2.subarray(junk.length)]).toEqual([place[3], place[140], 150, 150]);
      expect([...f2.subarray(junk.length)]).toEqual([1, 0, 0, 0]);
      const again = new Int32Array(1);
      dates.fill(batchOfRows(table, [{ table, row: 2, values: { date: "2020-01-05", event_type: "x", female: 1, total: 1 } }], { coded }), "date", new Int32Array(1), again);
      expect(again[0]).toBe(150);
      expect(dates.places.length).toBe(151);
      // Slots: one per (first period, in-period periods, bucket key); asked twice, the same.
      const quarterSlots = [...place.subarray(0, 150)].map((p) => dates.slotOf(p, BUCKETS.quarter));
      expect(new Set(quarterSlots).size).toBe(2);
      expect([...place.subarray(0, 150)].map((p) => dates.slotOf(p, BUCKETS.quarter))).toEqual(quarterSlots);
      expect(new Set([...place.subarray(0, 150)].map((p) => dates.slotOf(p, BUCKETS.date))).size).toBe(150);
      expect(dates.slotTable()[place[0]! * 3 + BUCKETS.quarter]).toBe(quarterSlots[0]);
    }
  });

  it("isIsoDate takes YYYY-MM-DD with digits, a month 01-12 and a day 01-31, and nothing else of that shape", () => {
    for (const d of ["2020-01-01", "2021-12-31", "1999-02-30"]) expect(isIsoDate(d)).toBe(true);
    for (const d of ["2020-1x-01", "2020-13-01", "2020-00-10", "2020-04-00", "2020-04-32", "20a0-04-01", "2020/04/01", "2020-4-01", "2020-04-01T00:00", ""]) expect(isIsoDate(d)).toBe(false);
  });

  it("whereClasses puts rows that every predicate answers alike in one class, from codes or values, and declines predicates on several fields", () => {
    const table = makeTable("event-attendance", "RJ", ["date", "event_type", "venue", "female", "total"]);
    const oneField = [
      compileWhere([{ field: "event_type", equals: "TIE session" }], "w"),
      compileWhere([{ field: "event_type", in: ["pot show", "tie session"] }], "w"),
      compileWhere([], "w"),
      compileWhere([{ field: "event_type", present: false }], "w"),
    ];
    const value = fc.constantFrom<Value>("TIE session", " tie SESSION", "POT show", "", null);
    fc.assert(
      fc.property(fc.array(fc.record({ event_type: value, venue: value }), { maxLength: 30 }), fc.boolean(), (values, coded) => {
        const rows = values.map((v, i) => ({ table, row: i + 2, values: { event_id: null, date: "2021-01-01", union: null, upazila: null, district: null, female: 1, male: null, other: null, total: null, facilitator: null, ...v } as Record<string, Value> }));
        const batch = batchOfRows(table, rows, { coded });
        const cl = whereClasses(batch, oneField, new Int32Array(rows.length), { at: new Int32Array(0) })!;
        oneField.forEach((pred, j) => {
          const want = [...testBatch(pred, batch, new Uint8Array(rows.length))];
          expect(rows.map((_, i) => cl.holds[j]![cl.of[i]!])).toEqual(want);
        });
        // One class per distinct value (and one for blanks).
        expect(cl.count).toBeLessThanOrEqual(new Set(values.map((v) => v.event_type ?? null)).size + 1);
        const twoFields = [...oneField, compileWhere([{ field: "venue", present: true }], "w")];
        expect(whereClasses(batch, twoFields, new Int32Array(rows.length), { at: new Int32Array(0) })).toBeUndefined();
        expect(whereClasses(batch, [compileWhere([{ field: "female", equals: 1 }], "w")], new Int32Array(rows.length), { at: new Int32Array(0) })).toBeUndefined();
      }),
      { seed: 10, numRuns: 200 },
    );
  });

  it("whereMasks gives each predicate its answers per row, those on one text column worked out per distinct value", () => {
    const table = makeTable("event-attendance", "RJ", ["date", "event_type", "venue", "female", "total"]);
    const wheres = [
      compileWhere([{ field: "event_type", equals: "TIE session" }], "w"),
      compileWhere([{ field: "event_type", in: ["pot show", "tie session"] }], "w"),
      compileWhere([], "w"),
      compileWhere([{ field: "venue", present: false }], "w"),
      compileWhere([{ field: "female", equals: 3 }], "w"),
      compileWhere([{ field: "event_type", not_in: ["pot show"] }, { field: "venue", matches: "^s" }], "w"),
    ];
    const value = fc.constantFrom<Value>("TIE session", " tie SESSION", "POT show", "", null);
    fc.assert(
      fc.property(fc.array(fc.record({ event_type: value, venue: value, female: fc.constantFrom<Value>(3, 4, null) }), { maxLength: 30 }), (values) => {
        const rows = values.map((v, i) => ({ table, row: i + 2, values: { event_id: null, date: "2021-01-01", union: null, upazila: null, district: null, male: null, other: null, total: null, facilitator: null, ...v } as Record<string, Value> }));
        const batch = batchOfRows(table, rows);
        const out = wheres.map(() => new Uint8Array(rows.length));
        const masks = whereMasks(batch, wheres, out, new Int32Array(rows.length));
        masks.forEach((mask, j) => {
          const want = [...testBatch(wheres[j]!, batch, new Uint8Array(rows.length))];
          // undefined: every row passes.
          expect(mask ? [...mask] : rows.map(() => 1)).toEqual(want);
        });
        expect(masks[2]).toBeUndefined();
      }),
      { seed: 9, numRuns: 200 },
    );
  });
});
