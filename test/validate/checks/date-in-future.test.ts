import { describe, expect, it } from "vitest";
import { dateInFuture } from "../../../src/validate/checks/date-in-future.js";
import { cells, cellsOf, checkBothWays, makeProject, memoryFile, tableOf, validateFiles } from "../helpers.js";

const HEADER = "Batch ID,Training type,Survivor ID,Sex,Start date,End date,Outcome,Employment,Placement date";
const project = makeProject({ sources: [{ path: "batches.csv", kind: "tsp-batch-status", partner: "RRF" }] });

const cases = [
  { name: "date-in-future: a placement after the run's date fires at its cell", placement: "2031-01-01", expected: [["I2", "date-in-future"]] },
  { name: "date-in-future: the run's own date is not in the future", placement: "2023-01-07", expected: [] },
];

describe("date-in-future", () => {
  it.each(cases)("$name", async ({ placement, expected }) => {
    const csv = `${HEADER}\nB1,skill,RJ-1,F,2021-01-10,2021-04-10,completed,wage,${placement}\n`;
    const report = await validateFiles(project, { 0: [memoryFile("batches.csv", csv)] }, { only: ["date-in-future"], now: "2023-01-07" });
    expect(cells(report)).toEqual(expected);
  });

  it("date-in-future: today is injected, not read from the clock", async () => {
    const csv = `${HEADER}\nB1,skill,RJ-1,F,2021-01-10,2021-04-10,completed,wage,2022-06-01\n`;
    const report = await validateFiles(project, { 0: [memoryFile("batches.csv", csv)] }, { only: ["date-in-future"], now: "2022-05-01" });
    expect(report.findings[0]!.message).toBe("Placement date 2022-06-01 is after today (2022-05-01)");
  });
});

describe("date-in-future on a batch", () => {
  it.each([
    { name: "date-in-future: a batch gives the findings of the rows with a date after today from their date fields alone, building no row", table: tableOf("tsp-batch-status", ["batch_id", "training_type", "survivor_id", "sex", "start_date", "end_date", "outcome", "employment", "placement_date"]), rows: [{ batch_id: "B1", training_type: "skill", survivor_id: "S-1", sex: "female", start_date: "2023-01-07", outcome: "ongoing" }, { batch_id: "B1", training_type: "skill", survivor_id: "S-2", sex: "female", start_date: "2022-01-01", outcome: "completed", placement_date: "2023-01-08" }], cells: [["I3", "date-in-future"]], made: 0 },
    { name: "date-in-future: a batch dated up to today makes no rows", table: tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]), rows: [{ date: "2023-01-07", event_type: "TIE", venue: "A", female: 1, male: 1, other: 0, total: 2 }], cells: [], made: 0 },
  ])("$name", ({ table, rows, cells: want, made }) => {
    const r = checkBothWays(dateInFuture, project, table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });
});
