import { describe, expect, it } from "vitest";
import { formatAggregateCsv, formatAggregateTable } from "../../../src/cli/format/aggregate.js";
import type { AggregateResult, IndicatorResult } from "../../../src/index.js";

const indicator = (over: Partial<IndicatorResult>): IndicatorResult => ({
  code: "1.1.enrolled",
  reference: "F02",
  title: "Survivors identified and enrolled in the project by partner organisations",
  unit: "persons",
  counting: "unique",
  outcome: "1",
  output: "1.1",
  disaggregated: true,
  unique: true,
  baseline: null,
  target: { female: 385, male: 165, total: 550 },
  actual: { female: 534, male: 396, other: 0, unknown: 0, total: 930 },
  cumulative: { female: 534, male: 396, other: 0, unknown: 0, total: 930 },
  achievement_pct: 169.1,
  status: "exceeded",
  female_share_pct: 57.4,
  female_gap: -149,
  by: {},
  notes: [],
  ...over,
});
const result = (indicators: IndicatorResult[]): AggregateResult => ({
  project: "Ashshash",
  period: { id: "phase", kind: "phase", label: "Phase (7 Nov 2019 – 31 Dec 2022)", from: "2019-11-07", to: "2022-12-31", cumulative: false },
  indicators,
});

describe("aggregate output", () => {
  it("lays out a table within 80 columns with a sub-row per group", () => {
    const text = formatAggregateTable(
      result([
        indicator({ by: { partner: { RJ: { female: 500, male: 396, other: 0, unknown: 0, total: 896 }, DAM: { female: 34, male: 0, other: 0, unknown: 0, total: 34 } } } }),
        indicator({ code: "2.2.up_budget_fy2122", reference: "F42", title: "UP budget allocated FY 2021-2022 (BDT)", unit: "BDT", disaggregated: false, target: null, actual: { female: 0, male: 0, other: 0, unknown: 0, total: 95000 }, achievement_pct: null, status: null, notes: ["1 row with a blank amount counted as 0."] }),
      ]),
    );
    const lines = text.split("\n");
    expect(lines[0]).toBe("Ashshash · Phase (7 Nov 2019 – 31 Dec 2022)");
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines[2]).toMatch(/^1\.1\.enrolled\s+Survivors identified .*…\s+534\s+396\s+0\s+930\s+550\s+169\.1$/);
    expect(lines[3]).toMatch(/^\s+RJ\s+500\s+396\s+0\s+896$/);
    expect(lines[5]).toMatch(/^2\.2\.up_budget_fy2122\s+UP budget.*\s{10,}95,000$/);
    expect(text).toContain("Notes:\n  2.2.up_budget_fy2122: 1 row with a blank amount counted as 0.");
  });

  it("prints each note once, through the dim function, under a quarter's note on what the % compares", () => {
    const quarter = { ...result([indicator({ notes: ["a note"] })]), period: { id: "2022Q4", kind: "quarter" as const, label: "2022Q4", from: "2022-10-01", to: "2022-12-31", cumulative: false } };
    const text = formatAggregateTable(quarter, { dim: (t) => `<${t}>` });
    expect(text).toContain("Notes:\n<  % = achievement to date (cumulative to 2022-12-31) against the target>\n<  1.1.enrolled: a note>\n");
  });

  it("adds an unknown-sex column only when some figure has one", () => {
    const text = formatAggregateTable(result([indicator({ actual: { female: 1, male: 1, other: 0, unknown: 2, total: 4 } })]));
    expect(text.split("\n")[1]).toMatch(/F\s+M\s+O\s+\?\s+Total/);
    expect(text).toContain("? = sex not recorded");
  });

  it("writes one CSV row per indicator and group, neutralising partner text", () => {
    const csv = formatAggregateCsv(result([indicator({ title: "=HYPERLINK(1)", by: { district: { "@evil": { female: 1, male: 0, other: 0, unknown: 0, total: 1 } } } })]));
    expect(csv.split("\r\n")).toEqual([
      "code,reference,title,unit,group,female,male,other,unknown,total,target_total,achievement_pct,status",
      "1.1.enrolled,F02,'=HYPERLINK(1),persons,,534,396,0,0,930,550,169.1,exceeded",
      "1.1.enrolled,F02,'=HYPERLINK(1),persons,district=@evil,1,0,0,0,1,,,",
      "",
    ]);
  });

  it("leaves sex columns blank for a figure not split by sex, and figures blank when there is none", () => {
    const csv = formatAggregateCsv(result([indicator({ disaggregated: false, target: null, achievement_pct: null, status: null }), indicator({ code: "x", reference: undefined, actual: null, target: null, achievement_pct: null, status: null })]));
    expect(csv.split("\r\n")[1]).toBe("1.1.enrolled,F02,Survivors identified and enrolled in the project by partner organisations,persons,,,,,,930,,,");
    expect(csv.split("\r\n")[2]).toBe("x,,Survivors identified and enrolled in the project by partner organisations,persons,,,,,,,,,");
  });
});
