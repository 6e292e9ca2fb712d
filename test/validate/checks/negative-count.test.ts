import { describe, expect, it } from "vitest";
import { negativeCount } from "../../../src/validate/checks/negative-count.js";
import { cells, cellsOf, checkBothWays, makeProject, memoryFile, tableOf, validateFiles } from "../helpers.js";

const HEADER = "Date,Event type,Venue,Female,Male,Other,Total";
const project = makeProject({ sources: [{ path: "events.csv", kind: "event-attendance", partner: "RJ" }] });

const cases = [
  { name: "negative-count: a count below zero fires at its cell", line: "2021-03-01,TIE,School A,-3,10,0,7", expected: [["D2", "negative-count"]] },
  { name: "negative-count: zero is a count", line: "2021-03-01,TIE,School A,0,10,0,10", expected: [] },
];

describe("negative-count", () => {
  it.each(cases)("$name", async ({ line, expected }) => {
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", `${HEADER}\n${line}\n`)] }, { only: ["negative-count"] });
    expect(cells(report)).toEqual(expected);
  });

  it("negative-count: money below zero fires too", async () => {
    const p = makeProject({ sources: [{ path: "budget.csv", kind: "budget-allocation", partner: "RJ" }] });
    const csv = "Institution,Fiscal year,Date,Amount\nRohita UP,2021-22,2021-09-01,-5000\nKhedapara UP,2021-22,2021-09-01,5000\n";
    const report = await validateFiles(p, { 0: [memoryFile("budget.csv", csv)] }, { only: ["negative-count"] });
    expect(cells(report)).toEqual([["D2", "negative-count"]]);
  });
});

describe("negative-count on a batch", () => {
  it.each([
    { name: "negative-count: a batch hands only the rows with a count below zero to row", table: tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]), rows: [{ date: "2021-03-01", event_type: "TIE", venue: "A", female: -3, male: 10, other: 0, total: 7 }, { date: "2021-03-02", event_type: "TIE", venue: "B", female: 3, male: 10, other: null, total: 13 }, { date: "2021-03-03", event_type: "TIE", venue: "C", female: 3, male: -1, other: 0, total: -2 }], cells: [["D2", "negative-count"], ["E4", "negative-count"], ["G4", "negative-count"]], made: 2 },
    { name: "negative-count: a batch of money below zero fires too", table: tableOf("budget-allocation", ["institution", "fiscal_year", "date", "amount"]), rows: [{ institution: "UP", fiscal_year: "FY2021-22", date: "2021-09-01", amount: -5000 }, { institution: "UP 2", fiscal_year: "FY2021-22", date: "2021-09-01", amount: 5000 }], cells: [["D2", "negative-count"]], made: 1 },
    { name: "negative-count: a batch without negative counts makes no rows", table: tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]), rows: [{ date: "2021-03-01", event_type: "TIE", venue: "A", female: 0, male: 10, other: 0, total: 10 }], cells: [], made: 0 },
  ])("$name", ({ table, rows, cells: want, made }) => {
    const r = checkBothWays(negativeCount, project, table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });
});
