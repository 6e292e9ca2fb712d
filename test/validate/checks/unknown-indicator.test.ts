import { describe, expect, it } from "vitest";
import { cells, validateFiles } from "../helpers.js";
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
