import { describe, expect, it } from "vitest";
import { cells, makeProject, memoryFile, validateFiles } from "../helpers.js";

const REGISTER = "Survivor ID,Sex,Enrolment date,Status";
const BATCH = "Batch ID,Training type,Survivor ID,Sex,Start date,End date,Outcome";
const batches = memoryFile("rrf/batches.csv", `${BATCH}\nB1,skill,RJ-1,F,2021-01-10,2021-04-10,completed\nB1,skill,RJ-9999,M,2021-01-10,2021-04-10,completed\n`);

describe("unknown-reference", () => {
  it("unknown-reference: a trainee id in no register is a warning at the id cell, even when the register is read after the batches", async () => {
    const project = makeProject({
      sources: [
        { path: "rrf/batches.csv", kind: "tsp-batch-status", partner: "RRF" },
        { path: "rj/register.csv", kind: "survivor-register", partner: "RJ" },
      ],
    });
    const register = memoryFile("rj/register.csv", `${REGISTER}\nRJ-1,F,2020-01-01,active\n`);
    const report = await validateFiles(project, { 0: [batches], 1: [register] }, { only: ["unknown-reference"] });
    expect(cells(report)).toEqual([["C3", "unknown-reference"]]);
    expect(report.findings[0]).toMatchObject({ severity: "warning", message: "survivor RJ-9999 is in no survivor register of the project" });
  });

  it("unknown-reference: a project without a register does not check references", async () => {
    const project = makeProject({ sources: [{ path: "rrf/batches.csv", kind: "tsp-batch-status", partner: "RRF" }] });
    const report = await validateFiles(project, { 0: [batches] }, { only: ["unknown-reference"] });
    expect(cells(report)).toEqual([]);
  });

  it("unknown-reference: a register that could not be read does not turn every trainee into a finding", async () => {
    const project = makeProject({
      sources: [
        { path: "rrf/batches.csv", kind: "tsp-batch-status", partner: "RRF" },
        { path: "rj/register.csv", kind: "survivor-register", partner: "RJ" },
      ],
    });
    const report = await validateFiles(project, { 0: [batches] }, { only: ["unknown-reference"] });
    expect(cells(report)).toEqual([]);
  });
});
