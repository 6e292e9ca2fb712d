import { describe, expect, it } from "vitest";
import { cells, makeProject, memoryFile, validateFiles } from "../helpers.js";

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
