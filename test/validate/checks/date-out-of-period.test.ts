import { describe, expect, it } from "vitest";
import { cells, makeProject, memoryFile, validateFiles } from "../helpers.js";

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
