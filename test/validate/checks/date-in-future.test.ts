import { describe, expect, it } from "vitest";
import { cells, makeProject, memoryFile, validateFiles } from "../helpers.js";

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
