import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateIndicators, createEngine, createMultiEngine, mergeStates, resultFromState } from "../../src/aggregate/engine.js";
import { parsePeriod, splitPeriod } from "../../src/aggregate/periods.js";
import { traceIndicator } from "../../src/aggregate/trace.js";
import type { Value } from "../../src/schema/kind.js";
import type { AggregateResult, IndicatorResult, Period } from "../../src/schema/result.js";
import type { IngestEvent } from "../../src/schema/table.js";
import { EVENT_FIELDS, makeProject, makeTable, REGISTER_FIELDS, tableEvents } from "./helpers.js";

const project = makeProject([
  { code: "enrolled", title: "Enrolled", unit: "persons", counting: "unique", compute: { from: "survivor-register", date: "enrolment_date", measure: "count-persons" } },
  { code: "counselled", title: "Counselled (per quarter)", unit: "persons", counting: "sum", compute: { from: "survivor-register", date: "counselling_date", measure: "count-persons" } },
  { code: "dropped", title: "Dropped rows", unit: "persons", compute: { from: "survivor-register", where: [{ field: "status", equals: "dropped" }], date: "enrolment_date", measure: "count-rows" } },
  { code: "participants", title: "Participants", unit: "persons", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "events", title: "Events", unit: "events", compute: { from: "event-attendance", date: "date", measure: "count-rows", sexed: false } },
  { code: "peak", title: "Peak quarter", unit: "persons", counting: "max", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "stock", title: "Latest", unit: "persons", counting: "latest", compute: { from: "event-attendance", date: "date", measure: "sum-sexes" } },
  { code: "ratio", title: "Participants per event", unit: "number", formula: "{participants} / {events}" },
]);
const ADDITIVE = ["dropped", "participants", "events", "counselled"];
const COMPUTED = ["enrolled", "counselled", "dropped", "participants", "events", "peak", "stock"];

// ── Generators: rows of two partners' registers and event sheets, dates a little beyond the phase ──

const DAY0 = Date.UTC(2019, 9, 1); // 2019-10-01
const DAYS = 1250; // to early 2023
const isoDate = fc.integer({ min: 0, max: DAYS }).map((d) => new Date(DAY0 + d * 86_400_000).toISOString().slice(0, 10));
const maybeDate = fc.option(isoDate, { freq: 6 });
const sex = fc.constantFrom<Value>("female", "male", "other", "unknown", null);

const registerRow = fc.record({
  survivor_id: fc.integer({ min: 1, max: 25 }).map((n) => `S-${n}`),
  sex,
  age: fc.option(fc.integer({ min: 10, max: 60 })),
  district: fc.constantFrom("Jashore", "Satkhira", null),
  enrolment_date: maybeDate,
  status: fc.constantFrom("active", "dropped"),
  counselling_date: maybeDate,
});
const eventRow = fc
  .record({ date: maybeDate, event_type: fc.constantFrom("TIE session", "POT show"), female: fc.integer({ min: 0, max: 200 }), male: fc.integer({ min: 0, max: 200 }), other: fc.integer({ min: 0, max: 3 }), extra: fc.integer({ min: -5, max: 20 }), totalBlank: fc.boolean() })
  .map(({ extra, totalBlank, ...r }) => ({ ...r, event_id: null, union: null, total: totalBlank ? null : r.female + r.male + r.other + extra }));

const partnerRows = fc.record({ register: fc.array(registerRow, { maxLength: 25 }), events: fc.array(eventRow, { maxLength: 12 }) });
const dataset = fc.record({ RJ: partnerRows, DAM: partnerRows });

function eventsOf(data: { RJ: { register: Record<string, Value>[]; events: Record<string, Value>[] }; DAM: { register: Record<string, Value>[]; events: Record<string, Value>[] } }, only?: "RJ" | "DAM"): IngestEvent[] {
  const out: IngestEvent[] = [];
  for (const partner of ["RJ", "DAM"] as const) {
    if (only && only !== partner) continue;
    out.push(...tableEvents(makeTable("survivor-register", partner, REGISTER_FIELDS), data[partner].register));
    out.push(...tableEvents(makeTable("event-attendance", partner, EVENT_FIELDS), data[partner].events));
  }
  return out;
}

const byCode = (r: AggregateResult): Map<string, IndicatorResult> => new Map(r.indicators.map((i) => [i.code, i]));
const params = { seed: 20221231, numRuns: 150 };
const periods = ["phase", "FY2021-22", "2020Q2", "PY2", "2021"].map((p) => parsePeriod(p, project));

describe("aggregate: properties", () => {
  it("splits every computed figure into sexes that add up to its total, overall and per group (or fills only the total)", async () => {
    await fc.assert(
      fc.asyncProperty(dataset, fc.constantFrom(...periods), async (data, period) => {
        const r = await aggregateIndicators(eventsOf(data), project, { period, by: ["partner", "district", "age_band"] });
        for (const i of r.indicators.filter((x) => COMPUTED.includes(x.code))) {
          const splits = [i.actual!, i.cumulative!, ...Object.values(i.by).flatMap((g) => Object.values(g))];
          // A figure not split by sex fills only its total.
          for (const s of splits) expect(s.female + s.male + s.other + s.unknown).toBe(i.disaggregated ? s.total : 0);
        }
      }),
      params,
    );
  });

  it("gives the same result when two partners are aggregated apart and merged", async () => {
    await fc.assert(
      fc.asyncProperty(dataset, fc.constantFrom(...periods), async (data, period) => {
        const options = { period, by: ["partner" as const, "age_band" as const] };
        const rj = createEngine(project, options);
        const dam = createEngine(project, options);
        eventsOf(data, "RJ").forEach((e) => rj.add(e));
        eventsOf(data, "DAM").forEach((e) => dam.add(e));
        const merged = resultFromState(project, options, mergeStates(rj.state(), dam.state()));
        expect(merged).toEqual(await aggregateIndicators(eventsOf(data), project, options));
      }),
      params,
    );
  });

  it("gives each of several periods, in one pass, the result of an engine for that period alone", async () => {
    const phase = parsePeriod("phase", project);
    // Random ranges of the phase (overlapping, nested, repeated, one day long) beside split periods.
    const day = fc.integer({ min: 0, max: 1150 }).map((d) => new Date(Date.UTC(2019, 10, 7) + d * 86_400_000).toISOString().slice(0, 10));
    const range = fc.tuple(day, day).map(([a, b]) => parsePeriod(a <= b ? `${a}..${b}` : `${b}..${a}`, project));
    const split = fc.constantFrom("phase", "FY2020-21", "2021", "PY2").chain((spec) => fc.constantFrom(...(["quarter", "month", "project-year", "fiscal-year"] as const)).map((unit) => splitPeriod(parsePeriod(spec, project), unit, project)));
    const periodLists = fc.tuple(split, fc.array(range, { maxLength: 4 }), fc.boolean()).map(([parts, ranges, withPhase]): Period[] => [...ranges, ...parts, ...(withPhase ? [phase] : [])]);
    await fc.assert(
      fc.asyncProperty(dataset, periodLists, fc.boolean(), fc.constantFrom([], ["partner" as const], ["partner" as const, "age_band" as const]), async (data, periods, cumulative, by) => {
        const all = eventsOf(data);
        const multi = createMultiEngine(project, { periods, cumulative, by, now: "2021-06-30" });
        all.forEach((e) => multi.add(e));
        const results = multi.finish();
        expect(results).toHaveLength(periods.length);
        for (const [i, period] of periods.entries()) expect(results[i]).toEqual(await aggregateIndicators(all, project, { period, cumulative, by, now: "2021-06-30" }));
      }),
      { ...params, numRuns: 100 },
    );
  });

  it("gives, merged period by period, the per-period states of two partners aggregated apart the result of one pass", async () => {
    const quarters = splitPeriod(parsePeriod("FY2020-21", project), "quarter", project);
    await fc.assert(
      fc.asyncProperty(dataset, async (data) => {
        const options = { periods: quarters, by: ["partner" as const] };
        const [rj, dam] = [createMultiEngine(project, options), createMultiEngine(project, options)];
        eventsOf(data, "RJ").forEach((e) => rj.add(e));
        eventsOf(data, "DAM").forEach((e) => dam.add(e));
        const merged = quarters.map((period, i) => resultFromState(project, { period, by: ["partner"] }, mergeStates(rj.states()[i]!, dam.states()[i]!)));
        const one = createMultiEngine(project, options);
        eventsOf(data).forEach((e) => one.add(e));
        expect(merged).toEqual(one.finish());
      }),
      { ...params, numRuns: 50 },
    );
  });

  it("does not depend on the order of the rows", async () => {
    await fc.assert(
      fc.asyncProperty(
        dataset.chain((data) => fc.tuple(fc.constant(data), fc.shuffledSubarray(eventsOf(data), { minLength: eventsOf(data).length, maxLength: eventsOf(data).length }))),
        fc.constantFrom(...periods),
        async ([data, shuffled], period) => {
          const options = { period, by: ["partner" as const, "district" as const] };
          expect(await aggregateIndicators(shuffled, project, options)).toEqual(await aggregateIndicators(eventsOf(data), project, options));
        },
      ),
      params,
    );
  });

  it("adds quarters up to the whole for sums, and never below the whole for unique counts", async () => {
    await fc.assert(
      fc.asyncProperty(dataset, fc.constantFrom("phase", "FY2020-21", "PY2", "2022"), async (data, spec) => {
        const whole = parsePeriod(spec, project);
        const all = eventsOf(data);
        const w = byCode(await aggregateIndicators(all, project, { period: whole }));
        const parts = await Promise.all(splitPeriod(whole, "quarter", project).map(async (q) => byCode(await aggregateIndicators(all, project, { period: q }))));
        for (const code of ADDITIVE) {
          for (const sex of ["female", "male", "other", "unknown", "total"] as const) {
            expect(parts.reduce((s, p) => s + p.get(code)!.actual![sex], 0)).toBe(w.get(code)!.actual![sex]);
          }
        }
        const quarterSum = parts.reduce((s, p) => s + p.get("enrolled")!.actual!.total, 0);
        expect(quarterSum).toBeGreaterThanOrEqual(w.get("enrolled")!.actual!.total);
        for (const p of parts) expect(p.get("enrolled")!.actual!.total).toBeLessThanOrEqual(w.get("enrolled")!.actual!.total);
        // The largest quarter is one of the quarters.
        expect(Math.max(...parts.map((p) => p.get("participants")!.actual!.total))).toBe(w.get("peak")!.actual!.total);
      }),
      { ...params, numRuns: 60 },
    );
  });

  it("adds months up to their fiscal year for sums", async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (data) => {
        const fy = parsePeriod("FY2021-22", project);
        const all = eventsOf(data);
        const w = byCode(await aggregateIndicators(all, project, { period: fy }));
        const months = await Promise.all(splitPeriod(fy, "month", project).map(async (m) => byCode(await aggregateIndicators(all, project, { period: m }))));
        for (const code of ["dropped", "participants", "events"]) {
          expect(months.reduce((s, m) => s + m.get(code)!.actual!.total, 0)).toBe(w.get(code)!.actual!.total);
        }
      }),
      { ...params, numRuns: 40 },
    );
  });

  it("computes the cumulative figure as the phase figure of the rows up to the period's end", async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (data) => {
        const all = eventsOf(data);
        const fy = byCode(await aggregateIndicators(all, project, { period: parsePeriod("FY2020-21", project) }));
        const upTo = byCode(await aggregateIndicators(all, project, { period: parsePeriod("2019-11-07..2021-06-30", project) }));
        for (const code of COMPUTED) expect(fy.get(code)!.cumulative).toEqual(upTo.get(code)!.actual);
      }),
      params,
    );
  });

  it("traces rows whose counted values add up to the figure, for every indicator, sex and partner", async () => {
    await fc.assert(
      fc.asyncProperty(dataset, fc.constantFrom(...periods), fc.boolean(), async (data, period, cumulative) => {
        const all = eventsOf(data);
        const r = await aggregateIndicators(all, project, { period, cumulative, by: ["partner"] });
        for (const i of r.indicators) {
          for (const sex of i.disaggregated ? ([undefined, "female", "unknown"] as const) : [undefined]) {
            for (const partner of [undefined, "RJ", "DAM"]) {
              // traceIndicator throws an internal error when its rows do not add up to the engine's figure.
              const t = await traceIndicator(all, project, { indicator: i.code, period, cumulative, ...(sex ? { sex } : {}), ...(partner ? { partner } : {}) });
              const split = partner ? i.by["partner"]![partner] : i.actual;
              expect(t.figure).toBe(i.actual === null ? null : (split?.[sex ?? "total"] ?? 0));
              if (t.sum !== null) expect(t.sum).toBe(t.figure);
            }
          }
        }
      }),
      { ...params, numRuns: 25 },
    );
  });
});
