import { describe, expect, it } from "vitest";
import { validateProject } from "../../../src/validate/run.js";
import { duplicateRow } from "../../../src/validate/checks/duplicate-row.js";
import { cells, cellsOf, checkBothWays, makeProject, memoryFile, streamBothWays, tableOf, validateFiles } from "../helpers.js";

const HEADER = "Date,Event type,Venue,Female,Male,Other,Total";
const project = makeProject({
  sources: [
    { path: "rj/*.csv", kind: "event-attendance", partner: "RJ" },
    { path: "dam/*.csv", kind: "event-attendance", partner: "RRF" },
  ],
});

describe("duplicate-row", () => {
  it("duplicate-row: the same event in a second file of one partner fires on the repeat and names both places", async () => {
    const a = memoryFile("rj/events-2021.csv", `${HEADER}\n2021-03-01,TIE,School A,50,60,0,110\n2021-03-02,TIE,School B,5,6,0,11\n`);
    const b = memoryFile("rj/events-2022.csv", `${HEADER}\n2022-01-01,POT,Bazar,5,5,0,10\n2021-03-01,TIE,School A,50,60,0,110\n`);
    const report = await validateFiles(project, { 0: [a, b] }, { only: ["duplicate-row"] });
    expect(cells(report)).toEqual([["row 3", "duplicate-row"]]);
    expect(report.findings[0]).toMatchObject({ file: "rj/events-2022.csv", message: "row 3 repeats events-2021 row 2 in rj/events-2021.csv (same Date, Event type, Venue, Female, Male, Other, Total)" });
  });

  it.each([
    { name: "duplicate-row: the same date, type and venue with other figures is another event", second: "2021-03-01,TIE,School A,50,61,0,111" },
    { name: "duplicate-row: a case or spacing difference in the text is still the same event", second: "2021-03-01, tie ,school a,50,60,0,110", fires: true },
  ])("$name", async ({ second, fires }) => {
    const a = memoryFile("rj/events.csv", `${HEADER}\n2021-03-01,TIE,School A,50,60,0,110\n${second}\n`);
    const report = await validateFiles(project, { 0: [a] }, { only: ["duplicate-row"] });
    expect(cells(report)).toEqual(fires ? [["row 3", "duplicate-row"]] : []);
  });

  it("duplicate-row: the same row from two partners is not a duplicate", async () => {
    const a = memoryFile("rj/events.csv", `${HEADER}\n2021-03-01,TIE,School A,50,60,0,110\n`);
    const b = memoryFile("dam/events.csv", `${HEADER}\n2021-03-01,TIE,School A,50,60,0,110\n`);
    const report = await validateFiles(project, { 0: [a], 1: [b] }, { only: ["duplicate-row"] });
    expect(cells(report)).toEqual([]);
  });
});

describe("duplicate-row on a batch", () => {
  const events = tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"], "RJ", "rj/events.csv");
  it.each([
    { name: "duplicate-row: a batch is hashed from its columns and makes no rows, repeats found as row by row", table: events, rows: [{ date: "2021-03-01", event_type: "TIE", venue: "School A", female: 50, male: 60, other: 0, total: 110 }, { date: "2021-03-01", event_type: " tie ", venue: "school a", female: 50, male: 60, other: 0, total: 110 }, { date: "2021-03-01", event_type: "TIE", venue: "School A", female: 50, male: 60, other: null, total: 110 }, { date: "2021-03-01", event_type: "TIE", venue: "School A", female: 50, male: 60, other: null, total: 110 }, { date: null, event_type: null, venue: null, female: null, male: null, other: null, total: null }, { date: null, event_type: null, venue: null, female: null, male: null, other: null, total: null }], cells: [["row 3", "duplicate-row"], ["row 5", "duplicate-row"]], made: 0 },
    { name: "duplicate-row: a register batch is left to duplicate-person", table: tableOf("survivor-register", ["survivor_id", "sex", "enrolment_date", "status", "dropout_date", "counselling_date", "ready_to_go_date", "tna_date"]), rows: [{ survivor_id: "S-1", sex: "female", enrolment_date: "2020-01-01", status: "active" }, { survivor_id: "S-1", sex: "female", enrolment_date: "2020-01-01", status: "active" }], cells: [], made: 0 },
  ])("$name", ({ table, rows, cells: want, made }) => {
    const r = checkBothWays(duplicateRow, project, table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });

  it("duplicate-row: a row event and a batch row that repeat each other are found", async () => {
    const one = { date: "2021-03-01", event_type: "TIE", venue: "School A", female: 50, male: 60, other: 0, total: 110 };
    const { rows, batches } = streamBothWays([{ table: events, rows: [one] }, { table: events, rows: [{ date: "2021-03-02", event_type: "POT", venue: "Bazar", female: 1, male: 1, other: 0, total: 2 }, one] }]);
    // Row events first, then the same stream with both parts as batches, then the first part as a row and the second as a batch.
    const mixed = [rows[0]!, rows[1]!, batches[2]!];
    for (const stream of [rows, batches, mixed]) {
      const report = await validateProject(stream, project, { now: "2023-01-07", only: ["duplicate-row"] });
      expect(cells(report)).toEqual([["row 4", "duplicate-row"]]);
    }
  });
});
