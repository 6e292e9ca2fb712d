import { describe, expect, it } from "vitest";
import { cells, validateFiles } from "../helpers.js";
import { batches, claims, claimsWith, miniProject, register } from "../mini.js";

const run = async (rows = claimsWith({}), tnaForR4 = true) => validateFiles(miniProject(), { 0: [register({ tnaForR4 })], 1: [batches()], 2: [await claims(rows)] }, { only: ["funnel-order"] });

describe("funnel-order", () => {
  it("funnel-order: a pathway that narrows stage by stage gives nothing", async () => {
    expect(cells(await run())).toEqual([]);
  });

  it("funnel-order: a claimed stage above the one before it fires at the later stage's claims cell", async () => {
    const report = await run(claimsWith({ F13: { female: 3, total: 4 } }));
    expect(cells(report)).toEqual([["D6", "funnel-order"], ["F6", "funnel-order"]]);
    expect(report.findings.find((f) => f.cell === "F6")!.message).toBe("total: 4 at 1.2.graduated but 3 at the earlier stage 1.2.tna (in RJ's claims for phase)");
  });

  it("funnel-order: on the raw sheets it is checked per sex and per partner", async () => {
    const report = await run(claimsWith({}), false);
    // R4 graduated without a TNA: 3 graduates, 2 TNAs; male 1 vs 0. RRF has no TNA stage of its own, so it is not compared.
    expect(report.findings.map((f) => f.message)).toEqual([
      "male: 1 at 1.2.graduated but 0 at the earlier stage 1.2.tna (computed from the raw sheets for phase); run `logframe trace 1.2.graduated --period phase`",
      "total: 3 at 1.2.graduated but 2 at the earlier stage 1.2.tna (computed from the raw sheets for phase); run `logframe trace 1.2.graduated --period phase`",
    ]);
  });

  it("funnel-order: a stage with no figure is passed over", async () => {
    const rows = claimsWith({ F10: { female: null, male: null, total: null } });
    expect(cells(await run(rows))).toEqual([]);
  });
});
