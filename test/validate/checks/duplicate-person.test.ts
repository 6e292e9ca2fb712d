import { describe, expect, it } from "vitest";
import { duplicatePerson } from "../../../src/validate/checks/duplicate-person.js";
import { cells, cellsOf, checkBothWays, makeProject, memoryFile, tableOf, validateFiles } from "../helpers.js";

const REGISTER = "Survivor ID,Sex,Enrolment date,Status";
const BATCH = "Batch ID,Training type,Survivor ID,Sex,Start date,End date,Outcome";
const project = makeProject({
  sources: [
    { path: "rj/register*.csv", kind: "survivor-register", partner: "RJ" },
    { path: "rrf/batches.csv", kind: "tsp-batch-status", partner: "RRF" },
    { path: "dam/register.csv", kind: "survivor-register", partner: "RRF" },
  ],
});

describe("duplicate-person", () => {
  it("duplicate-person: one survivor id twice across a partner's register files fires at the second id cell", async () => {
    const a = memoryFile("rj/register-2021.csv", `${REGISTER}\nRJ-0040,F,2020-01-01,active\nRJ-0041,M,2020-01-02,active\n`);
    const b = memoryFile("rj/register-2022.csv", `${REGISTER}\nRJ-0412,F,2022-01-01,active\nrj-0040 ,F,2022-02-01,active\n`);
    const report = await validateFiles(project, { 0: [a, b] }, { only: ["duplicate-person"] });
    expect(cells(report)).toEqual([["A3", "duplicate-person"]]);
    expect(report.findings[0]!.message).toBe("survivor rj-0040 is also on register-2021!A2 in rj/register-2021.csv");
  });

  it("duplicate-person: the same id in two partners' registers is not a duplicate in a register", async () => {
    const a = memoryFile("rj/register.csv", `${REGISTER}\nS-1,F,2020-01-01,active\n`);
    const b = memoryFile("dam/register.csv", `${REGISTER}\nS-1,F,2020-01-01,active\n`);
    const report = await validateFiles(project, { 0: [a], 2: [b] }, { only: ["duplicate-person"] });
    expect(cells(report)).toEqual([]);
  });

  it.each([
    { name: "duplicate-person: a trainee in two batches whose dates overlap fires", second: "B2,edt,RJ-1,F,2021-03-01,2021-05-01,completed", expected: [["C3", "duplicate-person"]] },
    { name: "duplicate-person: a trainee in two batches one after the other does not fire", second: "B2,edt,RJ-1,F,2021-04-11,2021-05-01,completed", expected: [] },
    { name: "duplicate-person: the same batch twice is a duplicate row, not a second batch", second: "B1,skill,RJ-1,F,2021-01-10,2021-04-10,completed", expected: [] },
  ])("$name", async ({ second, expected }) => {
    const csv = `${BATCH}\nB1,skill,RJ-1,F,2021-01-10,2021-04-10,completed\n${second}\n`;
    const report = await validateFiles(project, { 1: [memoryFile("rrf/batches.csv", csv)] }, { only: ["duplicate-person"] });
    expect(cells(report)).toEqual(expected);
  });
});

describe("duplicate-person on a batch", () => {
  it.each([
    { name: "duplicate-person: a register batch is read from its id column and makes no rows", table: tableOf("survivor-register", ["survivor_id", "sex", "enrolment_date", "status"]), rows: [{ survivor_id: "RJ-1", sex: "female", enrolment_date: "2020-01-01", status: "active" }, { survivor_id: " rj-1", sex: "female", enrolment_date: "2020-02-01", status: "active" }, { survivor_id: null, sex: "male", enrolment_date: "2020-02-01", status: "active" }], cells: [["A3", "duplicate-person"]], made: 0 },
    { name: "duplicate-person: a trainee batch goes through row, row by row", table: tableOf("tsp-batch-status", ["batch_id", "training_type", "survivor_id", "sex", "start_date", "end_date", "outcome", "employment", "placement_date"]), rows: [{ batch_id: "B1", training_type: "skill", survivor_id: "RJ-1", sex: "female", start_date: "2021-01-01", end_date: "2021-03-01", outcome: "completed" }, { batch_id: "B2", training_type: "edt", survivor_id: "RJ-1", sex: "female", start_date: "2021-02-01", end_date: "2021-04-01", outcome: "completed" }], cells: [["C3", "duplicate-person"]], made: 2 },
    { name: "duplicate-person: an event batch makes no rows", table: tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]), rows: [{ date: "2021-03-01", event_type: "TIE", venue: "A", female: 1, male: 1, other: 0, total: 2 }], cells: [], made: 0 },
  ])("$name", ({ table, rows, cells: want, made }) => {
    const r = checkBothWays(duplicatePerson, project, table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });
});
