import { describe, expect, it } from "vitest";
import { validateProject } from "../../../src/validate/run.js";
import { unknownReference } from "../../../src/validate/checks/unknown-reference.js";
import { cells, cellsOf, checkBothWays, makeProject, memoryFile, streamBothWays, tableOf, validateFiles } from "../helpers.js";

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

describe("unknown-reference on a batch", () => {
  const project = makeProject({
    sources: [
      { path: "rrf/batches.csv", kind: "tsp-batch-status", partner: "RRF" },
      { path: "rj/register.csv", kind: "survivor-register", partner: "RJ" },
    ],
  });
  const trainees = tableOf("tsp-batch-status", ["batch_id", "training_type", "survivor_id", "sex", "start_date", "end_date", "outcome", "employment", "placement_date"], "RRF", "rrf/batches.csv");
  const registerTable = tableOf("survivor-register", ["survivor_id", "sex", "enrolment_date", "status"], "RJ", "rj/register.csv");

  it("unknown-reference: batches of trainees and of a register read after them give the findings of row events", async () => {
    const { rows, batches } = streamBothWays([
      { table: trainees, rows: [{ batch_id: "B1", training_type: "skill", survivor_id: "RJ-1", sex: "female", start_date: "2021-01-10", outcome: "completed" }, { batch_id: "B1", training_type: "skill", survivor_id: "RJ-9999", sex: "male", start_date: "2021-01-10", outcome: "completed" }] },
      { table: registerTable, rows: [{ survivor_id: " rj-1 ", sex: "female", enrolment_date: "2020-01-01", status: "active" }] },
    ]);
    const opts = { now: "2023-01-07", only: ["unknown-reference"] };
    const want = await validateProject(rows, project, opts);
    expect(cells(want)).toEqual([["C3", "unknown-reference"]]);
    expect(await validateProject(batches, project, opts)).toEqual(want);
  });

  it.each([
    { name: "unknown-reference: a trainee batch is read from its id column and makes no rows", table: trainees, rows: [{ batch_id: "B1", training_type: "skill", survivor_id: "RJ-9", sex: "female", start_date: "2021-01-10", outcome: "completed" }], cells: [], made: 0 },
    { name: "unknown-reference: an event batch makes no rows", table: tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]), rows: [{ date: "2021-03-01", event_type: "TIE", venue: "A", female: 1, male: 1, other: 0, total: 2 }], cells: [], made: 0 },
  ])("$name", ({ table, rows, cells: want, made }) => {
    const r = checkBothWays(unknownReference, project, table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });
});
