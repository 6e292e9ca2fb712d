import { describe, expect, it } from "vitest";
import { cells, makeProject, memoryFile, validateFiles } from "../helpers.js";

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
