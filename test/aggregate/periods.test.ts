import { describe, expect, it } from "vitest";
import { formatDate, parsePeriod, periodLabel, quarterOf, splitPeriod } from "../../src/aggregate/periods.js";
import { ReportingError } from "../../src/errors/reporting-error.js";

const ashshash = { project: { phase: { start: "2019-11-07", end: "2022-12-31" }, fiscal_year_start_month: 7 } };
const withPhase = (start: string, end: string, fy = 7) => ({ project: { phase: { start, end }, fiscal_year_start_month: fy } });

const range = (spec: string, p = ashshash) => {
  const period = parsePeriod(spec, p);
  return [period.kind, period.from, period.to];
};

describe("parsePeriod", () => {
  it.each([
    { spec: "phase", want: ["phase", "2019-11-07", "2022-12-31"] },
    { spec: "2022Q4", want: ["quarter", "2022-10-01", "2022-12-31"] },
    { spec: "2020q1", want: ["quarter", "2020-01-01", "2020-03-31"] },
    { spec: "2021Q2", want: ["quarter", "2021-04-01", "2021-06-30"] },
    { spec: "2022-03", want: ["month", "2022-03-01", "2022-03-31"] },
    { spec: "2020-02", want: ["month", "2020-02-01", "2020-02-29"] },
    { spec: "2021-02", want: ["month", "2021-02-01", "2021-02-28"] },
    { spec: "2021-04", want: ["month", "2021-04-01", "2021-04-30"] },
    { spec: "2021", want: ["year", "2021-01-01", "2021-12-31"] },
    { spec: "PQ1", want: ["project-quarter", "2019-11-07", "2020-02-06"] },
    { spec: "PQ2", want: ["project-quarter", "2020-02-07", "2020-05-06"] },
    { spec: "pq3", want: ["project-quarter", "2020-05-07", "2020-08-06"] },
    { spec: "PY1", want: ["project-year", "2019-11-07", "2020-11-06"] },
    { spec: "PY2", want: ["project-year", "2020-11-07", "2021-11-06"] },
    { spec: "FY2021-22", want: ["fiscal-year", "2021-07-01", "2022-06-30"] },
    { spec: "FY2021-2022", want: ["fiscal-year", "2021-07-01", "2022-06-30"] },
    { spec: "fy2020-21", want: ["fiscal-year", "2020-07-01", "2021-06-30"] },
    { spec: "2021-01-01..2021-06-30", want: ["range", "2021-01-01", "2021-06-30"] },
    { spec: "2020-02-29..2020-02-29", want: ["range", "2020-02-29", "2020-02-29"] },
  ])("$spec covers $want", ({ spec, want }) => {
    expect(range(spec)).toEqual(want);
  });

  it.each([
    { spec: "2019Q4", want: ["2019-11-07", "2019-12-31"], label: "2019Q4 (from 7 Nov 2019)" },
    { spec: "FY2019-20", want: ["2019-11-07", "2020-06-30"], label: "FY2019-20 (from 7 Nov 2019)" },
    { spec: "FY2022-23", want: ["2022-07-01", "2022-12-31"], label: "FY2022-23 (to 31 Dec 2022)" },
    { spec: "2019", want: ["2019-11-07", "2019-12-31"], label: "2019 (from 7 Nov 2019)" },
    { spec: "2019-11", want: ["2019-11-07", "2019-11-30"], label: "November 2019 (from 7 Nov 2019)" },
    { spec: "PY4", want: ["2022-11-07", "2022-12-31"], label: "PY4 (7 Nov 2022 – 31 Dec 2022, clipped to the phase)" },
    { spec: "2019-01-01..2030-01-01", want: ["2019-11-07", "2022-12-31"], label: "1 Jan 2019 – 1 Jan 2030 (7 Nov 2019 – 31 Dec 2022)" },
  ])("$spec is clipped to the phase and its label says so", ({ spec, want, label }) => {
    const p = parsePeriod(spec, ashshash);
    expect([p.from, p.to]).toEqual(want);
    expect(p.label).toBe(label);
  });

  it.each([
    { spec: "phase", label: "Phase (7 Nov 2019 – 31 Dec 2022)" },
    { spec: "2022Q4", label: "2022Q4 (Oct–Dec 2022)" },
    { spec: "2022-03", label: "March 2022" },
    { spec: "PQ3", label: "PQ3 (7 May 2020 – 6 Aug 2020)" },
    { spec: "FY2021-22", label: "FY2021-22" },
    { spec: "2021-01-01..2021-06-30", label: "1 Jan 2021 – 30 Jun 2021" },
  ])("$spec is labelled $label", ({ spec, label }) => {
    expect(parsePeriod(spec, ashshash).label).toBe(label);
  });

  it.each([
    { spec: "2022Q5", why: /not a period/ },
    { spec: "2022-13", why: /not a period/ },
    { spec: "Q3", why: /not a period/ },
    { spec: "PQ0", why: /not a period/ },
    { spec: "FY2021-23", why: /FY2021-22/ },
    { spec: "FY2021", why: /FY2021-22/ },
    { spec: "2021-02-30..2021-03-01", why: /2021-02-30 is not a date/ },
    { spec: "2021-06-30..2021-01-01", why: /ends \(2021-01-01\) before it starts/ },
    { spec: "2018Q1", why: /outside the project phase/ },
    { spec: "PQ14", why: /outside the project phase/ },
    { spec: "2023", why: /outside the project phase/ },
  ])("refuses $spec with bad-period", ({ spec, why }) => {
    let err: unknown;
    try {
      parsePeriod(spec, ashshash);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReportingError);
    expect((err as ReportingError).code).toBe("bad-period");
    expect((err as ReportingError).message).toMatch(why);
  });

  it("lists the accepted forms in the hint of a bad period", () => {
    expect(() => parsePeriod("last year", ashshash)).toThrow(ReportingError);
    try {
      parsePeriod("last year", ashshash);
    } catch (e) {
      expect((e as ReportingError).hint).toContain("FY2021-22");
      expect((e as ReportingError).hint).toContain("PQ3");
    }
  });

  it("counts project periods from a leap day without drifting", () => {
    const p = withPhase("2020-02-29", "2024-12-31");
    expect(range("PQ1", p)).toEqual(["project-quarter", "2020-02-29", "2020-05-28"]);
    expect(range("PQ2", p)).toEqual(["project-quarter", "2020-05-29", "2020-08-28"]);
    expect(range("PY1", p)).toEqual(["project-year", "2020-02-29", "2021-02-27"]);
    expect(range("PY2", p)).toEqual(["project-year", "2021-02-28", "2022-02-27"]);
  });

  it("keeps project quarters contiguous when the phase starts on a month end", () => {
    const p = withPhase("2021-01-31", "2023-12-31");
    const quarters = ["PQ1", "PQ2", "PQ3", "PQ4", "PQ5"].map((q) => parsePeriod(q, p));
    expect(quarters.map((q) => [q.from, q.to])).toEqual([
      ["2021-01-31", "2021-04-29"],
      ["2021-04-30", "2021-07-30"],
      ["2021-07-31", "2021-10-30"],
      ["2021-10-31", "2022-01-30"],
      ["2022-01-31", "2022-04-29"],
    ]);
  });

  it("writes a January fiscal year as FY2021", () => {
    expect(range("FY2021", withPhase("2020-01-01", "2023-12-31", 1))).toEqual(["fiscal-year", "2021-01-01", "2021-12-31"]);
  });

  it("ends an April fiscal year on the last day of March, leap years included", () => {
    expect(range("FY2019-20", withPhase("2019-01-01", "2023-12-31", 4))).toEqual(["fiscal-year", "2019-04-01", "2020-03-31"]);
  });
});

describe("splitPeriod", () => {
  const ids = (spec: string, unit: Parameters<typeof splitPeriod>[1]) =>
    splitPeriod(parsePeriod(spec, ashshash), unit, ashshash).map((p) => `${p.id} ${p.from}..${p.to}`);

  it("cuts the phase into calendar quarters, clipping the first", () => {
    const parts = ids("phase", "quarter");
    expect(parts[0]).toBe("2019Q4 2019-11-07..2019-12-31");
    expect(parts[1]).toBe("2020Q1 2020-01-01..2020-03-31");
    expect(parts.at(-1)).toBe("2022Q4 2022-10-01..2022-12-31");
    expect(parts).toHaveLength(13);
  });

  it("cuts a fiscal year into twelve months ending on each month's last day", () => {
    const parts = ids("FY2019-20", "month");
    expect(parts[0]).toBe("2019-11 2019-11-07..2019-11-30");
    expect(parts).toContain("2020-02 2020-02-01..2020-02-29");
    expect(parts.at(-1)).toBe("2020-06 2020-06-01..2020-06-30");
  });

  it("cuts the phase into project years, the last clipped at the phase end", () => {
    expect(ids("phase", "project-year")).toEqual([
      "PY1 2019-11-07..2020-11-06",
      "PY2 2020-11-07..2021-11-06",
      "PY3 2021-11-07..2022-11-06",
      "PY4 2022-11-07..2022-12-31",
    ]);
  });

  it("cuts the phase into fiscal years", () => {
    expect(ids("phase", "fiscal-year")).toEqual([
      "FY2019-20 2019-11-07..2020-06-30",
      "FY2020-21 2020-07-01..2021-06-30",
      "FY2021-22 2021-07-01..2022-06-30",
      "FY2022-23 2022-07-01..2022-12-31",
    ]);
  });

  it("cuts a range inside a quarter into one clipped part", () => {
    const parts = splitPeriod(parsePeriod("2021-02-10..2021-03-05", ashshash), "quarter", ashshash);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ id: "2021Q1", from: "2021-02-10", to: "2021-03-05", label: "2021Q1 (10 Feb 2021 – 5 Mar 2021)" });
  });
});

describe("labels and helpers", () => {
  it("labels cumulative figures by the period's end", () => {
    expect(periodLabel(parsePeriod("FY2021-22", ashshash), { cumulative: true })).toBe("cumulative to 30 Jun 2022 (FY2021-22)");
    expect(periodLabel(parsePeriod("phase", ashshash), { cumulative: true })).toBe("Phase (7 Nov 2019 – 31 Dec 2022)");
  });

  it.each([
    ["2021-01-01", "2021Q1"],
    ["2021-03-31", "2021Q1"],
    ["2021-04-01", "2021Q2"],
    ["2021-12-31", "2021Q4"],
  ])("places %s in %s", (d, q) => {
    expect(quarterOf(d)).toBe(q);
  });

  it("formats dates without depending on the locale", () => {
    expect(formatDate("2019-09-07")).toBe("7 Sep 2019");
  });
});
