import { describe, expect, it } from "vitest";
import { aggregateIndicators } from "../../src/aggregate/engine.js";
import { parsePeriod } from "../../src/aggregate/periods.js";
import { traceIndicator, traceSumLine } from "../../src/aggregate/trace.js";
import { ReportingError } from "../../src/errors/reporting-error.js";
import { project, stream } from "./sample.js";

const phase = parsePeriod("phase", project);
const trace = (indicator: string, more: Partial<Parameters<typeof traceIndicator>[2]> = {}) => traceIndicator(stream, project, { indicator, period: phase, ...more });

describe("trace", () => {
  it("lists the rows of a unique count, with repeated rows of a person not counted and where they were counted", async () => {
    const t = await trace("enrolled", { sex: "female" });
    expect(t.figure).toBe(3);
    expect(t.sum).toBe(3);
    const counted = t.rows.filter((r) => r.counted).map((r) => `${r.file} ${r.cell}`);
    expect(counted).toEqual(["register-2019-2021.xlsx A2", "register-2019-2021.xlsx A3", "dam-register.xlsx A2"]);
    const repeat = t.rows.find((r) => r.file === "register-2022.xlsx")!;
    expect(repeat).toMatchObject({ counted: false, value: 1, cell: "A2", reason: "rj-2 already counted at register-2019-2021.xlsx Register!row 3" });
    expect(t.rows.find((r) => r.counted)!.reason).toBe("survivor-register, enrolment_date 2019-11-07 within 2019-11-07..2022-12-31");
  });

  it("shows rows left out for a blank date or an outside date only when blank", async () => {
    const t = await trace("enrolled");
    expect(t.rows.find((r) => r.cell === "A6")).toMatchObject({ counted: false, reason: "no enrolment_date: counted in no period" });
    expect(t.rows.some((r) => r.file === "dam-register.xlsx" && r.row === 4)).toBe(false); // 2023-01-01, after the phase
  });

  it("says which conditions selected a row", async () => {
    const t = await trace("dropped");
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.reason).toBe("survivor-register, dropout_date 2021-02-01 within 2019-11-07..2022-12-31; status = dropped");
  });

  it("points at the sex's own column of a sum of sex columns", async () => {
    const t = await trace("participants", { sex: "female" });
    expect(t.rows.map((r) => [r.cell, r.value])).toEqual([["E2", 100], ["E3", 30], ["E4", 60], ["E5", 5]]);
    expect(t.sum).toBe(195);
    const all = await trace("participants");
    expect(all.rows.map((r) => r.cell)).toEqual(["H2", "H3", "H4", "H5"]);
  });

  it("counts only the largest quarter for counting max, and says why others are out", async () => {
    const t = await trace("largest");
    expect(t.rows.filter((r) => r.counted).map((r) => r.row)).toEqual([2, 3]);
    expect(t.rows.find((r) => r.row === 4)!.reason).toBe("date 2021-09-01 in 2021Q3; the largest quarter is 2020Q1 (201)");
  });

  it("counts only the latest date for counting latest", async () => {
    const t = await trace("latest");
    expect(t.rows.filter((r) => r.counted).map((r) => r.row)).toEqual([5]);
    expect(t.sum).toBe(10);
  });

  it("traces a formula to its components", async () => {
    const t = await trace("placement-rate");
    expect(t.sum).toBeNull();
    expect(t.formula).toBe("100 * {placed} / {graduated}");
    expect(t.components!.map((c) => [c.indicator, c.sum])).toEqual([["placed", 2], ["graduated", 3]]);
    expect(t.figure).toBeCloseTo(66.67, 1);
  });

  it("traces a partner's share of a unique count", async () => {
    const t = await trace("enrolled", { partner: "RJ" });
    expect(t.figure).toBe(4);
    expect(t.rows.every((r) => r.partner === "RJ")).toBe(true);
  });

  it("traces an in-period figure, and a cumulative one", async () => {
    const fy = parsePeriod("FY2021-22", project);
    const inPeriod = await trace("enrolled", { period: fy });
    expect(inPeriod.rows.filter((r) => r.counted).map((r) => r.file)).toEqual(["register-2022.xlsx", "dam-register.xlsx"]);
    const cumulative = await trace("enrolled", { period: fy, cumulative: true });
    expect(cumulative.sum).toBe(5);
    expect(traceSumLine(cumulative)).toBe("= 5, the figure reported for enrolled, cumulative to 30 Jun 2022");
  });

  it("ends with the sum line", async () => {
    expect(traceSumLine(await trace("enrolled", { sex: "female" }))).toBe("= 3, the figure reported for enrolled (female), phase");
  });

  it("refuses an unknown indicator, a sex split of an unsexed figure and an unknown partner", async () => {
    await expect(trace("nope")).rejects.toMatchObject({ code: "unknown-indicator" });
    await expect(trace("events", { sex: "female" })).rejects.toMatchObject({ code: "bad-option" });
    await expect(trace("enrolled", { partner: "XX" })).rejects.toBeInstanceOf(ReportingError);
  });

  it("adds up to the figure for every indicator, sex, partner and period", async () => {
    const periods = ["phase", "FY2021-22", "2020Q1", "PY2"].map((p) => parsePeriod(p, project));
    for (const period of periods) {
      for (const cumulative of [false, true]) {
        const r = await aggregateIndicators(stream, project, { period, cumulative, by: ["partner"] });
        for (const i of r.indicators) {
          for (const sex of i.disaggregated ? [undefined, "female", "male", "unknown"] as const : [undefined]) {
            for (const partner of [undefined, "RJ", "DAM", "UCEP"]) {
              const t = await traceIndicator(stream, project, { indicator: i.code, period, cumulative, ...(sex ? { sex } : {}), ...(partner ? { partner } : {}) });
              const split = partner ? (i.by["partner"]![partner] ?? { female: 0, male: 0, other: 0, unknown: 0, total: 0 }) : i.actual;
              expect(t.figure).toBe(i.actual === null ? null : split![sex ?? "total"]);
              if (t.sum !== null && t.figure !== null) expect(t.sum).toBeCloseTo(t.figure, 6);
            }
          }
        }
      }
    }
  });
});
