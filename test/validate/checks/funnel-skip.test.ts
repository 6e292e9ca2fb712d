import { describe, expect, it } from "vitest";
import { cells, memoryFile, validateFiles } from "../helpers.js";
import { batches, miniProject, register } from "../mini.js";

const run = async (tnaForR4: boolean, batchFile = batches()) => validateFiles(miniProject(), { 0: [register({ tnaForR4 })], 1: [batchFile] }, { only: ["funnel-skip"] });

describe("funnel-skip", () => {
  it("funnel-skip: a graduate without a TNA is a warning at the graduation date", async () => {
    const report = await run(false);
    expect(cells(report)).toEqual([["F3", "funnel-skip"]]);
    expect(report.findings[0]).toMatchObject({ severity: "warning", file: "rrf/batches.csv", message: "R4 reached 1.2.graduated without 1.2.tna" });
  });

  it("funnel-skip: every survivor through each stage in turn gives nothing", async () => {
    expect(cells(await run(true))).toEqual([]);
  });

  it("funnel-skip: a trainee in no register is left to unknown-reference", async () => {
    const csv = "Batch ID,Training type,Survivor ID,Sex,Start date,End date,Outcome\nB1,skill,X-9,F,2020-03-01,2020-06-01,completed\n";
    expect(cells(await run(true, memoryFile("rrf/batches.csv", csv)))).toEqual([]);
  });

  it("funnel-skip: placed without graduating names the missing stage", async () => {
    const csv = "Batch ID,Training type,Survivor ID,Sex,Start date,End date,Outcome,Employment,Placement date\nB1,skill,R2,F,2020-03-01,2020-06-01,dropped,wage,2020-07-01\n";
    const report = await run(true, memoryFile("rrf/batches.csv", csv));
    expect(report.findings.map((f) => [f.cell, f.message])).toEqual([["I2", "R2 reached 1.2.placed without 1.2.graduated"]]);
  });
});
