import { describe, expect, it } from "vitest";
import { validateProject } from "../../../src/validate/run.js";
import { cells, memoryFile, streamBothWays, tableOf, validateFiles } from "../helpers.js";
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

describe("funnel-skip on batches", () => {
  const registerTable = tableOf("survivor-register", ["survivor_id", "sex", "enrolment_date", "status", "dropout_date", "tna_date"], "RJ", "rj/register.csv");
  const trainees = tableOf("tsp-batch-status", ["batch_id", "training_type", "survivor_id", "sex", "start_date", "end_date", "outcome", "employment", "placement_date"], "RRF", "rrf/batches.csv");

  it("funnel-skip: batches of a register and of batch sheets give the findings of row events, each person's first row at each stage", async () => {
    const { rows, batches } = streamBothWays([
      { table: registerTable, rows: [{ survivor_id: "R1", sex: "female", enrolment_date: "2020-01-01", status: "active", tna_date: "2020-02-01" }, { survivor_id: "R4", sex: "male", enrolment_date: "2020-01-04", status: "active" }, { survivor_id: "R2", sex: "female", enrolment_date: "2020-01-02", status: "active" }] },
      { table: trainees, rows: [{ batch_id: "B1", training_type: "skill", survivor_id: "R4", sex: "male", start_date: "2020-03-01", end_date: "2020-06-01", outcome: "completed" }, { batch_id: "B2", training_type: "skill", survivor_id: "R4", sex: "male", start_date: "2020-07-01", end_date: "2020-09-01", outcome: "completed" }, { batch_id: "B1", training_type: "skill", survivor_id: "R2", sex: "female", start_date: "2020-03-01", end_date: "2020-06-01", outcome: "dropped", employment: "wage", placement_date: "2020-07-01" }] },
    ]);
    const opts = { now: "2023-01-07", only: ["funnel-skip"] };
    const want = await validateProject(rows, miniProject(), opts);
    expect(cells(want)).toEqual([["F2", "funnel-skip"], ["I4", "funnel-skip"]]);
    expect(await validateProject(batches, miniProject(), opts)).toEqual(want);
  });
});
