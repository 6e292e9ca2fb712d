import { describe, expect, it } from "vitest";
import { aggregateIndicators, createEngine, createMultiEngine, mergeStates, resultFromState } from "../../src/aggregate/engine.js";
import { parsePeriod } from "../../src/aggregate/periods.js";
import type { IndicatorResult } from "../../src/schema/result.js";
import { AggregateResultSchema } from "../../src/schema/result.js";
import { event, makeProject, tableEvents } from "./helpers.js";
import { events, project, stream } from "./sample.js";

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

  it("notes rows without a required date, but not blank optional dates (a service not given)", async () => {
    const r = await run("phase");
    expect(pick(r, "enrolled").notes.some((n) => n.includes("no enrolment_date"))).toBe(true);
    expect(pick(r, "counselled-sum").notes.some((n) => n.includes("counselling_date"))).toBe(false);
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

describe("aggregate: several periods in one pass", () => {
  const many = (specs: string[], extra: { cumulative?: boolean; by?: "partner"[] } = {}) => {
    const engine = createMultiEngine(project, { periods: specs.map((s) => parsePeriod(s, project)), ...extra });
    for (const e of stream) engine.add(e);
    return engine.finish();
  };

  it("returns one result per period, in the order asked, whatever the order of their ends", () => {
    expect(many(["2022Q4", "phase", "2020Q1", "FY2021-22"]).map((r) => r.period.id)).toEqual(["2022Q4", "phase", "2020Q1", "FY2021-22"]);
  });

  it("counts a person once in each period they appear in, as one engine per period does", async () => {
    const [fy, phase] = many(["FY2021-22", "phase"]);
    expect(pick(fy!, "enrolled").actual).toEqual(split(2, 0, 0, 0));
    expect(pick(fy!, "enrolled").cumulative).toEqual(split(3, 1, 0, 1));
    expect(pick(phase!, "enrolled").actual).toEqual(split(3, 1, 1, 1));
  });

  it("gives overlapping and repeated periods the figures of their own engines", async () => {
    const specs = ["2021", "FY2021-22", "2021Q3", "2021Q3", "2021-08", "phase"];
    const results = many(specs, { cumulative: true, by: ["partner"] });
    for (const [i, spec] of specs.entries()) expect(results[i]).toEqual(await run(spec, { cumulative: true, by: ["partner"] }));
  });

  it("returns no results for no periods", () => {
    expect(many([])).toEqual([]);
  });

  it("notes rows without a date or outside the phase in every period", () => {
    for (const r of many(["2020Q1", "2022Q4"])) {
      expect(pick(r, "enrolled").notes).toEqual(expect.arrayContaining(["1 row with no enrolment_date counted in no period.", "1 row dated outside the phase (7 Nov 2019 – 31 Dec 2022) not counted."]));
    }
  });
});
