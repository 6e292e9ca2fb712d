import { describe, expect, it } from "vitest";
import { cells, validateFiles } from "../helpers.js";
import { batches, claims, claimsWith, miniProject, register } from "../mini.js";

const run = async (rows = claimsWith({})) => validateFiles(miniProject(), { 0: [register()], 1: [batches()], 2: [await claims(rows)] }, { only: ["breakdown-sum"] });

describe("breakdown-sum", () => {
  it("breakdown-sum: parts that add up to the whole give nothing", async () => {
    expect(cells(await run())).toEqual([]);
  });

  it("breakdown-sum: a claimed whole that is not the sum of its claimed parts fires at the whole's cell, per sex", async () => {
    // The report's F13: 449 graduates, but skill + EDT + both = 439.
    const report = await run(claimsWith({ F13: { female: 3, total: 4 } }));
    expect(cells(report)).toEqual([["F6", "breakdown-sum"], ["D6", "breakdown-sum"]].sort());
    expect(report.findings.find((f) => f.cell === "F6")!.message).toBe(
      "graduates by training type, total: 1.2.graduated_skill 2 + 1.2.graduated_edt 1 = 3, but 1.2.graduated is 4 (in RJ's claims for phase)",
    );
  });

  it("breakdown-sum: a sex with a blank part is not checked", async () => {
    const report = await run(claimsWith({ F13: { female: 3 }, F15: { female: null } }));
    expect(cells(report)).toEqual([]);
  });
});
