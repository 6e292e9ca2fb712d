import { describe, expect, it } from "vitest";
import { cells, makeProject, memoryFile, validateFiles } from "../helpers.js";

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
