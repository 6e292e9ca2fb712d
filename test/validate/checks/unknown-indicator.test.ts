import { describe, expect, it } from "vitest";
import { unknownIndicator } from "../../../src/validate/checks/unknown-indicator.js";
import { cells, cellsOf, checkBothWays, tableOf, validateFiles } from "../helpers.js";
import { batches, claims, claimsWith, miniProject, register } from "../mini.js";

describe("unknown-indicator", () => {
  it("unknown-indicator: a claims code that is neither a code nor a reference fires at the code cell", async () => {
    const report = await validateFiles(miniProject(), { 0: [register()], 1: [batches()], 2: [await claims([...claimsWith({}), ["F99", "phase", 1, 1, 2]])] }, { only: ["unknown-indicator"] });
    expect(cells(report)).toEqual([["A10", "unknown-indicator"]]);
  });

  it("unknown-indicator: claims by code or by reference are both known", async () => {
    const report = await validateFiles(miniProject(), { 2: [await claims([["1.2.graduated", "phase", 2, 1, 3], ["F13", "phase", 2, 1, 3]])] }, { only: ["unknown-indicator"] });
    expect(cells(report)).toEqual([]);
  });

  it("unknown-indicator: rules, the funnel and breakdowns that name an unknown code are reported without a cell", async () => {
    const project = miniProject({
      rules: [{ left: "1.9.placed", operator: "<=", right: "1.2.graduated" }],
      funnel: ["1.1.enrolled", "1.1.counselled"],
      breakdowns: [{ whole: "1.2.graduated", parts: ["1.2.graduated_skill", "1.2.graduated_mm"] }],
    });
    const report = await validateFiles(project, {}, { only: ["unknown-indicator"] });
    expect(report.findings.map((f) => f.message).sort()).toEqual([
      "breakdowns[0].parts[1] names 1.2.graduated_mm, which is not in the logframe",
      "funnel[1] names 1.1.counselled, which is not in the logframe",
      "rules[0] names 1.9.placed, which is not in the logframe",
    ]);
  });
});

describe("unknown-indicator on a batch", () => {
  const claimsTable = tableOf("spp-target-achievement", ["code", "period", "achieved_total"]);
  it.each([
    { name: "unknown-indicator: a claims batch goes through row, row by row", table: claimsTable, rows: [{ code: "F02", period: "phase", achieved_total: 4 }, { code: " F99 ", period: "phase", achieved_total: 1 }], cells: [["A3", "unknown-indicator"]], made: 2 },
    { name: "unknown-indicator: an event batch makes no rows", table: tableOf("event-attendance", ["date", "event_type", "total"]), rows: [{ date: "2021-03-01", event_type: "TIE", total: 2 }], cells: [], made: 0 },
  ])("$name", ({ table, rows, cells: want, made }) => {
    const r = checkBothWays(unknownIndicator, miniProject(), table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });
});
