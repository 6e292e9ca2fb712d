import { describe, expect, it } from "vitest";
import { cells, makeProject, memoryFile, validateFiles } from "../helpers.js";

const HEADER = "Date,Event type,Venue,Female,Male,Other,Total";
const project = makeProject({ sources: [{ path: "events.csv", kind: "event-attendance", partner: "RJ" }] });
const csv = (totals: number[], type = "TIE session") => `${HEADER}\n${totals.map((t, i) => `2021-03-${String(i + 1).padStart(2, "0")},${type},School ${i},,,,${t}`).join("\n")}\n`;

describe("outlier", () => {
  it("outlier: 4,000 at a TIE session among sessions of about 220 is a warning that gives the reason", async () => {
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", csv([210, 220, 230, 215, 225, 4000, 205, 235, 220]))] }, { only: ["outlier"] });
    expect(cells(report)).toEqual([["G7", "outlier"]]);
    expect(report.findings[0]).toMatchObject({ severity: "warning", message: "4,000 at a TIE session, where the median of 9 such events is 220" });
  });

  it.each([
    { name: "outlier: a spread-out but plausible distribution has no outlier", totals: [150, 220, 300, 180, 260, 240, 200] },
    { name: "outlier: fewer than five events of a type say nothing", totals: [210, 220, 230, 4000] },
  ])("$name", async ({ totals }) => {
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", csv(totals))] }, { only: ["outlier"] });
    expect(cells(report)).toEqual([]);
  });

  it("outlier: each event type has its own distribution", async () => {
    const both = `${HEADER}\n${[200, 210, 220, 230, 240].map((t, i) => `2021-03-0${i + 1},TIE session,S${i},,,,${t}`).join("\n")}\n${[3000, 3100, 3200, 3300, 3400].map((t, i) => `2021-04-0${i + 1},Day observance,U${i},,,,${t}`).join("\n")}\n`;
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", both)] }, { only: ["outlier"] });
    expect(cells(report)).toEqual([]);
  });

  it("outlier: checks.outlier_z sets how far is far", async () => {
    const strict = makeProject({ sources: project.sources, checks: { outlier_z: 1 } });
    const report = await validateFiles(strict, { 0: [memoryFile("events.csv", csv([150, 220, 300, 180, 260, 240, 200]))] }, { only: ["outlier"] });
    expect(cells(report).length).toBeGreaterThan(0);
  });
});
