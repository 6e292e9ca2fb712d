import { describe, expect, it } from "vitest";
import { aggregateIndicators, createEngine, mergeStates, resultFromState } from "../../src/aggregate/engine.js";
import { parsePeriod } from "../../src/aggregate/periods.js";
import type { IndicatorResult } from "../../src/schema/result.js";
import { AggregateResultSchema } from "../../src/schema/result.js";
import type { IngestEvent } from "../../src/schema/table.js";
import { BATCH_FIELDS, BUDGET_FIELDS, EVENT_FIELDS, event, makeProject, makeTable, REGISTER_FIELDS, survivor, tableEvents } from "./helpers.js";

// ── A hand-built project with answers worked out by hand ──────────────────────────────────────────

const project = makeProject([
  { code: "enrolled", title: "Survivors enrolled", unit: "persons", counting: "unique", targets: { female: 4, male: 2, total: 6, years: { PY1: { total: 3 } } }, compute: { from: "survivor-register", date: "enrolment_date", measure: "count-persons" } },
  { code: "dropped", title: "Survivors dropped out", unit: "persons", counting: "unique", compute: { from: "survivor-register", where: [{ field: "status", equals: "dropped" }], date: "dropout_date", measure: "count-persons" } },
  { code: "counselled-sum", title: "Counselling contacts", unit: "persons", counting: "sum", compute: { from: "survivor-register", date: "counselling_date", measure: "count-persons" } },
  { code: "families", title: "Families counselled", unit: "families", compute: { from: "survivor-register", date: "family_counselling_date", measure: "count-rows", sexed: false } },
  { code: "family-members", title: "Family members counselled", unit: "persons", compute: { from: "survivor-register", date: "family_counselling_date", measure: "sum-sexes", sexes: { female: "family_members_female", male: "family_members_male" } } },
  { code: "graduated", title: "Graduated", unit: "persons", counting: "unique", compute: { from: "tsp-batch-status", where: [{ field: "outcome", equals: "completed" }], date: "end_date", measure: "count-persons" } },
  { code: "placed", title: "Placed", unit: "persons", counting: "unique", compute: { from: "tsp-batch-status", where: [{ field: "employment", in: ["wage", "self"] }], date: "placement_date", measure: "count-persons" } },
  { code: "placement-rate", title: "Placement rate", unit: "percent", formula: "100 * {placed} / {graduated}" },
  { code: "participants", title: "Event participants", unit: "persons", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "events", title: "Events", unit: "events", compute: { from: "event-attendance", date: "date", measure: "count-rows", sexed: false } },
  { code: "tie", title: "TIE participants", unit: "persons", compute: { from: "event-attendance", where: [{ field: "event_type", equals: "TIE session" }], date: "date", measure: "sum-sexes" } },
  { code: "largest", title: "Largest quarterly attendance", unit: "persons", counting: "max", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "latest", title: "Attendance at the latest event", unit: "persons", counting: "latest", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "budget", title: "Budget allocated", unit: "BDT", compute: { from: "budget-allocation", date: "date", measure: "sum", field: "amount" } },
  { code: "ups", title: "Unions allocating budget", unit: "institutions", counting: "unique", compute: { from: "budget-allocation", date: "date", measure: "count-persons", field: "institution" } },
  { code: "meetings-unique", title: "Meeting attendance (no ids)", unit: "persons", counting: "unique", compute: { from: "event-attendance", date: "date", measure: "count-persons" } },
  { code: "rj-enrolled", title: "Enrolled by RJ", unit: "persons", counting: "unique", compute: { from: "survivor-register", partner: "RJ", date: "enrolment_date", measure: "count-persons" } },
  { code: "manual", title: "Staff", unit: "persons", targets: { total: 8 } },
]);

const rjRegister = makeTable("survivor-register", "RJ", REGISTER_FIELDS, "register-2019-2021.xlsx", "Register");
const rjRegister2 = makeTable("survivor-register", "RJ", REGISTER_FIELDS, "register-2022.xlsx", "Register");
const damRegister = makeTable("survivor-register", "DAM", REGISTER_FIELDS, "dam-register.xlsx", "Register");
const batches = makeTable("tsp-batch-status", "UCEP", BATCH_FIELDS, "batches.xlsx", "Batches");
const events = makeTable("event-attendance", "RJ", EVENT_FIELDS, "events.xlsx", "Events");
const budget = makeTable("budget-allocation", "RJ", BUDGET_FIELDS, "budget.xlsx", "Budget");

const stream: IngestEvent[] = [
  ...tableEvents(rjRegister, [
    survivor("RJ-1", "female", "2019-11-07", { counselling_date: "2019-12-01", family_counselling_date: "2020-01-05", family_members_female: 2, family_members_male: 1 }),
    survivor("RJ-2", "female", "2020-03-31", { status: "dropped", dropout_date: "2021-02-01", counselling_date: "2020-04-01" }),
    survivor("RJ-3", "male", "2020-04-01", { counselling_date: "2021-07-01", family_counselling_date: "2021-07-01", family_members_female: 1, family_members_male: null }),
    survivor("RJ-4", null, "2021-06-30", { age: 16 }),
    survivor("RJ-5", "male", null),
  ]),
  // RJ-2 again in the next year's register: counselled once more; counted once as a person.
  ...tableEvents(rjRegister2, [survivor("rj-2 ", "female", "2022-01-10", { counselling_date: "2022-01-15" })]),
  ...tableEvents(damRegister, [
    survivor("DAM-1", "female", "2021-07-01", { district: "Satkhira", counselling_date: "2021-08-01" }),
    survivor("DAM-2", "other", "2022-12-31", { district: "Satkhira", age: 40 }),
    survivor("DAM-3", "female", "2023-01-01"),
  ]),
  ...tableEvents(batches, [
    { batch_id: "B1", trade: "Tailoring", training_type: "skill", survivor_id: "RJ-1", sex: "female", start_date: "2020-01-01", end_date: "2020-06-30", outcome: "completed", employment: "wage", placement_date: "2020-08-01" },
    { batch_id: "B1", trade: "Tailoring", training_type: "skill", survivor_id: "RJ-3", sex: "male", start_date: "2020-01-01", end_date: "2020-06-30", outcome: "completed", employment: "none", placement_date: null },
    { batch_id: "B2", trade: "Driving", training_type: "skill", survivor_id: "DAM-1", sex: "female", start_date: "2021-08-01", end_date: "2021-12-31", outcome: "completed", employment: "self", placement_date: "2022-02-01" },
    { batch_id: "B2", trade: "Driving", training_type: "skill", survivor_id: "RJ-2", sex: "female", start_date: "2021-08-01", end_date: null, outcome: "dropped", employment: null, placement_date: null },
  ]),
  ...tableEvents(events, [
    event("2020-02-10", "TIE session", 100, 50),
    event("2020-02-20", "POT show", 30, 20, 1),
    event("2021-09-01", "TIE session", 60, 40, 0, 110),
    event("2022-12-31", "POT show", 5, 5),
  ]),
  ...tableEvents(budget, [
    { institution: "Jhikargachha UP", upazila: "Jhikargachha", fiscal_year: "2021-22", date: "2021-09-01", amount: 15000 },
    { institution: "Jhikargachha UP", upazila: "Jhikargachha", fiscal_year: "2022-23", date: "2022-08-01", amount: 20000 },
    { institution: "Nabharan UP", upazila: "Sharsha", fiscal_year: "2021-22", date: "2022-06-30", amount: null },
  ]),
  { type: "finding", finding: { code: "missing-cell", severity: "error", message: "x" } },
];

const run = async (period: string, extra: { cumulative?: boolean; by?: ("partner" | "district" | "age_band")[]; indicators?: string[]; now?: string } = {}) =>
  aggregateIndicators(stream, project, { period: parsePeriod(period, project), ...extra });
const pick = (r: { indicators: IndicatorResult[] }, code: string): IndicatorResult => r.indicators.find((i) => i.code === code)!;
const split = (female: number, male: number, other: number, unknown: number, total = female + male + other + unknown) => ({ female, male, other, unknown, total });

describe("aggregate: counting rules", () => {
  it("returns the JSON contract", async () => {
    const r = await run("phase");
    expect(AggregateResultSchema.parse(r)).toEqual(r);
    expect(r.project).toBe("Test project");
    expect(r.period).toMatchObject({ id: "phase", from: "2019-11-07", to: "2022-12-31", cumulative: false });
    expect(r.indicators.map((i) => i.code)).toContain("manual");
  });

  it("counts each person once over the phase, by the sex of their earliest row, ids folded", async () => {
    const r = await run("phase");
    // RJ-1 F, RJ-2 F (twice), RJ-3 M, RJ-4 unknown, DAM-1 F, DAM-2 other; RJ-5 has no date, DAM-3 is after the phase.
    expect(pick(r, "enrolled").actual).toEqual(split(3, 1, 1, 1));
    expect(pick(r, "enrolled").notes).toEqual(expect.arrayContaining(["1 row with no enrolment_date counted in no period.", "1 row dated outside the phase (7 Nov 2019 – 31 Dec 2022) not counted."]));
  });

  it("includes the first and the last day of a period", async () => {
    expect(pick(await run("2019-11"), "enrolled").actual!.total).toBe(1); // 2019-11-07, the phase's first day
    expect(pick(await run("2020Q1"), "enrolled").actual!.total).toBe(1); // 2020-03-31
    expect(pick(await run("2020Q2"), "enrolled").actual!.total).toBe(1); // 2020-04-01
    expect(pick(await run("FY2020-21"), "enrolled").actual!.total).toBe(1); // 2021-06-30 (RJ-4)
    expect(pick(await run("FY2021-22"), "enrolled").actual!.total).toBe(2); // DAM-1 2021-07-01, RJ-2 again 2022-01-10
    expect(pick(await run("2022Q4"), "enrolled").actual!.total).toBe(1); // 2022-12-31, the phase's last day
  });

  it("counts a person in each period they appear in, and once in the cumulative figure", async () => {
    const r = await run("FY2021-22");
    expect(pick(r, "enrolled").actual).toEqual(split(2, 0, 0, 0));
    // Cumulative to 30 Jun 2022: RJ-1, RJ-2, RJ-3, RJ-4, DAM-1.
    expect(pick(r, "enrolled").cumulative).toEqual(split(3, 1, 0, 1));
  });

  it("reports the cumulative figure as actual with --cumulative", async () => {
    const r = await run("FY2021-22", { cumulative: true });
    expect(r.period.cumulative).toBe(true);
    expect(pick(r, "enrolled").actual).toEqual(pick(r, "enrolled").cumulative);
  });

  it("adds up persons counted with counting sum quarter by quarter", async () => {
    // RJ-2 counselled 2020-04-01 and 2022-01-15 (different quarters): counts twice.
    const r = await run("phase");
    // RJ-1 2019Q4, RJ-2 2020Q2, RJ-3 and DAM-1 2021Q3, RJ-2 2022Q1.
    expect(pick(r, "counselled-sum").actual).toEqual(split(4, 1, 0, 0));
  });

  it("selects rows with where conditions", async () => {
    const r = await run("phase");
    expect(pick(r, "dropped").actual).toEqual(split(1, 0, 0, 0));
    expect(pick(r, "graduated").actual).toEqual(split(2, 1, 0, 0));
    expect(pick(r, "placed").actual).toEqual(split(2, 0, 0, 0));
    expect(pick(r, "tie").actual).toEqual(split(160, 90, 0, 10));
  });

  it("counts rows without a sex split for families, and marks them not disaggregated", async () => {
    const r = await run("phase");
    expect(pick(r, "families").actual).toEqual(split(0, 0, 0, 0, 2));
    expect(pick(r, "families").disaggregated).toBe(false);
    expect(pick(r, "families").female_share_pct).toBeNull();
  });

  it("adds up sex count columns", async () => {
    const r = await run("phase");
    expect(pick(r, "family-members").actual).toEqual(split(3, 1, 0, 0));
    // Events: 150 + 51 + 110 (of which 10 unknown: total 110 vs 60 + 40) + 10.
    expect(pick(r, "participants").actual).toEqual(split(195, 115, 1, 10));
    expect(pick(r, "participants").notes).toContain("1 row whose sex columns do not add up to their total; the difference is counted as unknown sex.");
    expect(pick(r, "events").actual!.total).toBe(4);
  });

  it("sums money and counts institutions once, noting blank amounts", async () => {
    const r = await run("phase");
    expect(pick(r, "budget").actual).toEqual(split(0, 0, 0, 0, 35000));
    expect(pick(r, "budget").notes).toContain("1 row with a blank amount counted as 0.");
    expect(pick(r, "ups").actual!.total).toBe(2);
    expect(pick(r, "ups").disaggregated).toBe(false);
    expect((await run("FY2021-22")).indicators.find((i) => i.code === "budget")!.actual!.total).toBe(15000);
  });

  it("takes the largest calendar quarter for counting max", async () => {
    const r = await run("phase");
    // 2020Q1: 150 + 51 = 201; 2021Q3: 110; 2022Q4: 10.
    expect(pick(r, "largest").actual).toEqual(split(130, 70, 1, 0));
    expect(pick(await run("FY2021-22"), "largest").actual!.total).toBe(110);
  });

  it("takes the rows of the latest date for counting latest", async () => {
    expect(pick(await run("phase"), "latest").actual).toEqual(split(5, 5, 0, 0));
    expect(pick(await run("2020"), "latest").actual).toEqual(split(30, 20, 1, 0));
    const fy = await run("FY2020-21");
    expect(pick(fy, "latest").actual).toEqual(split(0, 0, 0, 0));
    expect(pick(fy, "latest").cumulative!.total).toBe(51);
  });

  it("falls back to counting rows for a person count without ids, and says so", async () => {
    const r = await run("phase");
    expect(pick(r, "meetings-unique").unique).toBe(false);
    expect(pick(r, "meetings-unique").actual!.total).toBe(4);
    expect(pick(r, "meetings-unique").notes[0]).toMatch(/event-attendance has no person ids/);
    expect(pick(r, "enrolled").unique).toBe(true);
  });

  it("reads only the partners a compute names", async () => {
    expect(pick(await run("phase"), "rj-enrolled").actual!.total).toBe(4);
  });

  it("leaves an indicator with neither compute nor formula without a figure", async () => {
    const m = pick(await run("phase"), "manual");
    expect(m.actual).toBeNull();
    expect(m.achievement_pct).toBeNull();
    expect(m.target).toEqual({ total: 8 });
  });
});

describe("aggregate: formulas", () => {
  it("computes a formula per sex and for the total from its components' figures", async () => {
    const rate = pick(await run("phase"), "placement-rate");
    expect(rate.actual!.total).toBeCloseTo((100 * 2) / 3, 5);
    expect(rate.actual!.female).toBe(100);
    expect(rate.actual!.male).toBe(0);
  });

  it("gives no figure when the formula divides by zero, with a note", async () => {
    const rate = pick(await run("2022Q4"), "placement-rate");
    expect(rate.actual).toBeNull();
    expect(rate.notes).toContain("No figure in the period: the formula divides by zero.");
    expect(rate.cumulative!.total).toBeCloseTo(66.666667, 5);
  });
});

describe("aggregate: targets", () => {
  it("compares the cumulative figure with the phase target", async () => {
    const e = pick(await run("FY2021-22"), "enrolled");
    expect(e.target).toEqual({ female: 4, male: 2, total: 6 });
    expect(e.achievement_pct).toBe(83.3); // 5 of 6
    expect(e.status).toBe("behind");
    expect(e.female_share_pct).toBe(100); // in-period: 2 of 2 female
    expect(e.female_gap).toBe(1); // 4 - 3
  });

  it("compares a project year with its own target", async () => {
    const e = pick(await run("PY1"), "enrolled");
    expect(e.target).toEqual({ total: 3 });
    expect(e.actual!.total).toBe(3); // RJ-1, RJ-2, RJ-3
    expect(e.achievement_pct).toBe(100);
    expect(e.status).toBe("exceeded");
  });

  it("marks an achievement at the on-track threshold on-track", async () => {
    const p = makeProject([{ code: "x", title: "x", unit: "events", targets: { total: 10 }, compute: { from: "event-attendance", date: "date", measure: "count-rows" } }]);
    const nine = tableEvents(events, Array.from({ length: 9 }, () => event("2021-01-01", "x", 1, 1)));
    const r = await aggregateIndicators(nine, p, { period: parsePeriod("phase", p) });
    expect(r.indicators[0]).toMatchObject({ achievement_pct: 90, status: "on-track" });
  });

  it("passes baselines through", async () => {
    const p = makeProject([{ code: "x", title: "x", unit: "events", baseline: { total: 2 }, compute: { from: "event-attendance", date: "date", measure: "count-rows" } }]);
    expect((await aggregateIndicators([], p, { period: parsePeriod("phase", p) })).indicators[0]!.baseline).toEqual({ total: 2 });
  });

  it("notes a period that has not ended yet", async () => {
    const e = pick(await run("2022Q4", { now: "2022-11-15" }), "events");
    expect(e.notes).toContain("Figures to 15 Nov 2022: the period runs to 31 Dec 2022.");
  });
});

describe("aggregate: breakdowns", () => {
  it("breaks figures down by partner, district and age band", async () => {
    const r = await run("phase", { by: ["partner", "district", "age_band"] });
    const e = pick(r, "enrolled");
    expect(e.by["partner"]).toEqual({ DAM: split(1, 0, 1, 0), RJ: split(2, 1, 0, 1) });
    expect(e.by["district"]).toEqual({ Jashore: split(2, 1, 0, 1), Satkhira: split(1, 0, 1, 0) });
    expect(e.by["age_band"]).toEqual({ "0-17": split(0, 0, 0, 1), "25-34": split(3, 1, 0, 0), "35+": split(0, 0, 1, 0) });
  });

  it("gives every asked dimension a key, even without rows", async () => {
    const r = await run("2020Q3", { by: ["partner"] });
    expect(pick(r, "enrolled").by).toEqual({ partner: {} });
    expect(pick(r, "placement-rate").by).toEqual({ partner: {} });
  });

  it("computes formulas per group", async () => {
    const r = await run("phase", { by: ["partner"] });
    expect(pick(r, "placement-rate").by["partner"]!["UCEP"]!.total).toBeCloseTo(66.666667, 5);
  });

  it("reports only the indicators asked for, computing the components of a formula", async () => {
    const r = await run("phase", { indicators: ["placement-rate"] });
    expect(r.indicators.map((i) => i.code)).toEqual(["placement-rate"]);
    expect(r.indicators[0]!.actual!.total).toBeCloseTo(66.666667, 5);
  });
});

describe("aggregate: engine state", () => {
  it("merges the states of two partners into the state of both", async () => {
    const options = { period: parsePeriod("FY2021-22", project), by: ["partner" as const] };
    const a = createEngine(project, options);
    const b = createEngine(project, options);
    for (const e of stream) (e.type === "row" && e.row.table.partner === "RJ" ? a : b).add(e);
    const merged = resultFromState(project, options, mergeStates(a.state(), b.state()));
    expect(merged).toEqual(await aggregateIndicators(stream, project, options));
  });

  it("ignores findings and other events", async () => {
    const engine = createEngine(project, { period: parsePeriod("phase", project) });
    engine.add({ type: "file", file: "x", rows: 3 });
    engine.add({ type: "finding", finding: { code: "x", severity: "error", message: "m" } });
    expect(engine.finish().indicators.every((i) => i.actual === null || i.actual.total === 0)).toBe(true);
  });
});
