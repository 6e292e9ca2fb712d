import { describe, expect, it } from "vitest";
import { cells, validateFiles } from "../helpers.js";
import { batches, claims, claimsWith, miniProject, register } from "../mini.js";

const run = async (rows = claimsWith({})) => validateFiles(miniProject(), { 0: [register()], 1: [batches()], 2: [await claims(rows)] }, { only: ["claim-mismatch", "claim-unchecked"] });

describe("claim-mismatch", () => {
  it("claim-mismatch: claims that match the raw sheets give nothing", async () => {
    expect(cells(await run())).toEqual([]);
  });

  it("claim-mismatch: a claimed total that differs fires at the claims cell and names both sources", async () => {
    const report = await run(claimsWith({ F13: { total: 4 } }));
    expect(cells(report)).toEqual([["F6", "claim-mismatch"]]);
    expect(report.findings[0]).toMatchObject({
      file: "rj/claims.xlsx",
      sheet: "Claims",
      expected: 3,
      actual: 4,
      indicator: "1.2.graduated",
      message: "RJ claims 4 for 1.2.graduated (total, phase) at Claims!F6; the raw sheets give 3, computed from 3 rows of rrf/batches.csv; run `logframe trace 1.2.graduated --period phase`",
    });
  });

  it("claim-mismatch: each sex is compared on its own", async () => {
    const report = await run(claimsWith({ F04: { female: 3, male: 0 } }));
    expect(cells(report)).toEqual([["D4", "claim-mismatch"], ["E4", "claim-mismatch"]]);
  });

  it("claim-mismatch: a blank claimed sex is not compared", async () => {
    const report = await run(claimsWith({ F13: { female: null, male: null } }));
    expect(cells(report)).toEqual([]);
  });

  it("claim-mismatch: a period logframe cannot read is noted once, not compared", async () => {
    const report = await run(claimsWith({ F13: { period: "Year one", total: 99 } }));
    expect(cells(report)).toEqual([["B6", "claim-unchecked"]]);
    expect(report.findings[0]!.severity).toBe("info");
  });

  it("claim-mismatch: a claim for a calendar year is compared with that year's figures", async () => {
    const report = await run([...claimsWith({}), ["F02", "2020", 2, 2, 5]]);
    expect(cells(report)).toEqual([["F10", "claim-mismatch"]]);
    expect(report.findings[0]!.message).toContain("the raw sheets give 4");
  });
});
