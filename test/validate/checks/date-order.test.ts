import { describe, expect, it } from "vitest";
import { dateOrder } from "../../../src/validate/checks/date-order.js";
import { cells, cellsOf, checkBothWays, makeProject, memoryFile, tableOf, validateFiles } from "../helpers.js";

const BATCH = "Batch ID,Training type,Survivor ID,Sex,Start date,End date,Outcome,Employment,Placement date";
const REGISTER = "Survivor ID,Sex,Enrolment date,Status,Drop-out date,Individual counselling,Ready to go,TNA";
const project = makeProject({
  sources: [
    { path: "batches.csv", kind: "tsp-batch-status", partner: "RRF" },
    { path: "register.csv", kind: "survivor-register", partner: "RJ" },
  ],
});

const batchCases = [
  { name: "date-order: a training that ends before it starts fires at the end date", line: "B1,skill,RJ-1,F,2021-03-01,2021-01-10,completed,,", expected: [["F2", "date-order"]] },
  { name: "date-order: a placement before the training ended fires at the placement date", line: "B1,skill,RJ-1,F,2021-01-10,2021-04-10,completed,wage,2021-04-01", expected: [["I2", "date-order"]] },
  { name: "date-order: a placement on the day training ends is in order", line: "B1,skill,RJ-1,F,2021-01-10,2021-04-10,completed,wage,2021-04-10", expected: [] },
  { name: "date-order: a one-day training is in order", line: "B1,edt,RJ-1,F,2021-01-10,2021-01-10,completed,,", expected: [] },
];
const registerCases = [
  { name: "date-order: a drop-out before enrolment fires", line: "RJ-1,F,2020-05-01,dropped,2020-04-01,,,", expected: [["E2", "date-order"]] },
  { name: "date-order: ready-to-go before enrolment fires", line: "RJ-1,F,2020-05-01,active,,,2020-03-01,", expected: [["G2", "date-order"]] },
  { name: "date-order: TNA before ready-to-go fires", line: "RJ-1,F,2020-05-01,active,,2020-05-02,2020-06-01,2020-05-20", expected: [["H2", "date-order"]] },
  { name: "date-order: a register row in pathway order is clean", line: "RJ-1,F,2020-05-01,active,,2020-05-02,2020-06-01,2020-06-20", expected: [] },
];

describe("date-order", () => {
  it.each(batchCases)("$name", async ({ line, expected }) => {
    const report = await validateFiles(project, { 0: [memoryFile("batches.csv", `${BATCH}\n${line}\n`)] }, { only: ["date-order"] });
    expect(cells(report)).toEqual(expected);
  });
  it.each(registerCases)("$name", async ({ line, expected }) => {
    const report = await validateFiles(project, { 1: [memoryFile("register.csv", `${REGISTER}\n${line}\n`)] }, { only: ["date-order"] });
    expect(cells(report)).toEqual(expected);
  });
});

describe("date-order on a batch", () => {
  it.each([
    { name: "date-order: a batch hands only the rows with two steps out of order to row", table: tableOf("tsp-batch-status", ["batch_id", "training_type", "survivor_id", "sex", "start_date", "end_date", "outcome", "employment", "placement_date"]), rows: [{ batch_id: "B1", training_type: "skill", survivor_id: "S-1", sex: "female", start_date: "2021-03-01", end_date: "2021-01-10", outcome: "completed" }, { batch_id: "B1", training_type: "skill", survivor_id: "S-2", sex: "male", start_date: "2021-03-01", end_date: "2021-06-01", outcome: "completed", placement_date: "2021-07-01" }, { batch_id: "B1", training_type: "skill", survivor_id: "S-3", sex: "male", start_date: "2021-03-01", outcome: "completed" }], cells: [["F2", "date-order"]], made: 1 },
    { name: "date-order: a batch of a kind with no ordered steps makes no rows", table: tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]), rows: [{ date: "2021-03-01", event_type: "TIE", venue: "A", female: 1, male: 1, other: 0, total: 2 }], cells: [], made: 0 },
  ])("$name", ({ table, rows, cells: want, made }) => {
    const r = checkBothWays(dateOrder, project, table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });
});
