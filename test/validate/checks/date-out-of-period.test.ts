import { describe, expect, it } from "vitest";
import { dateOutOfPeriod } from "../../../src/validate/checks/date-out-of-period.js";
import { cells, cellsOf, checkBothWays, makeProject, memoryFile, tableOf, validateFiles } from "../helpers.js";

const HEADER = "Date,Event type,Venue,Female,Male,Other,Total";
const project = makeProject({ sources: [{ path: "events.csv", kind: "event-attendance", partner: "RJ" }] });

const cases = [
  { name: "date-out-of-period: a date before the phase start fires", date: "2018-05-01", expected: [["A2", "date-out-of-period"]] },
  { name: "date-out-of-period: a date after the phase end (but not in the future) fires", date: "2023-01-05", expected: [["A2", "date-out-of-period"]] },
  { name: "date-out-of-period: the phase's first day is inside", date: "2019-11-07", expected: [] },
  { name: "date-out-of-period: the phase's last day is inside", date: "2022-12-31", expected: [] },
  { name: "date-out-of-period: a date in the future is left to date-in-future", date: "2031-01-01", expected: [] },
];

describe("date-out-of-period", () => {
  it.each(cases)("$name", async ({ date, expected }) => {
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", `${HEADER}\n${date},TIE,School A,1,1,0,2\n`)] }, { only: ["date-out-of-period"], now: "2023-01-07" });
    expect(cells(report)).toEqual(expected);
  });

  it("date-out-of-period: the message names the phase boundary", async () => {
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", `${HEADER}\n2018-05-01,TIE,School A,1,1,0,2\n`)] }, { only: ["date-out-of-period"] });
    expect(report.findings[0]!.message).toBe("Date 2018-05-01 is before the phase start 2019-11-07");
  });
});

describe("date-out-of-period on a batch", () => {
  it.each([
    { name: "date-out-of-period: a batch gives the rows' findings from their date fields alone, building no row", table: tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]), rows: [{ date: "2019-11-06", event_type: "TIE", venue: "A", female: 1, male: 1, other: 0, total: 2 }, { date: "2019-11-07", event_type: "TIE", venue: "B", female: 1, male: 1, other: 0, total: 2 }, { date: "2022-12-31", event_type: "TIE", venue: "C", female: 1, male: 1, other: 0, total: 2 }, { date: "2023-01-02", event_type: "TIE", venue: "D", female: 1, male: 1, other: 0, total: 2 }, { date: "2031-01-01", event_type: "TIE", venue: "E", female: 1, male: 1, other: 0, total: 2 }, { date: null, event_type: "TIE", venue: "F", female: 1, male: 1, other: 0, total: 2 }], cells: [["A2", "date-out-of-period"], ["A5", "date-out-of-period"]], made: 0 },
    { name: "date-out-of-period: a register batch checks every date column of the row, in order, building no row", table: tableOf("survivor-register", ["survivor_id", "sex", "enrolment_date", "status", "dropout_date", "counselling_date", "ready_to_go_date", "tna_date"]), rows: [{ survivor_id: "S-1", sex: "female", enrolment_date: "2019-01-01", status: "active", tna_date: "2023-01-01" }, { survivor_id: "S-2", sex: "male", enrolment_date: "2020-01-01", status: "active" }], cells: [["C2", "date-out-of-period"], ["H2", "date-out-of-period"]], made: 0 },
  ])("$name", ({ table, rows, cells: want, made }) => {
    const r = checkBothWays(dateOutOfPeriod, project, table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });
});
