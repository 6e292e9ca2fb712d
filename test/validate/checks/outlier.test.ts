import { describe, expect, it } from "vitest";
import { outlier } from "../../../src/validate/checks/outlier.js";
import { cells, cellsOf, checkBothWays, makeProject, memoryFile, tableOf, validateFiles } from "../helpers.js";

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

describe("outlier on a batch", () => {
  const totals = [210, 220, 230, 215, 225, 4000, 205, 235, 220];
  it.each([
    { name: "outlier: a batch's totals and event types go straight into the distributions and make no rows", table: tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]), rows: totals.map((t, i) => ({ date: "2021-03-01", event_type: i % 2 ? "TIE session" : " tie  session", venue: `S${i}`, female: null, male: null, other: null, total: t })), cells: [["G7", "outlier"]], made: 0 },
    { name: "outlier: rows with a blank total or type are no events", table: tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]), rows: [...totals.map((t) => ({ date: "2021-03-01", event_type: "TIE", venue: null, female: null, male: null, other: null, total: t })), { date: "2021-03-01", event_type: null, venue: "X", female: null, male: null, other: null, total: 9999 }, { date: "2021-03-01", event_type: "TIE", venue: "Y", female: null, male: null, other: null, total: null }], cells: [["G7", "outlier"]], made: 0 },
    { name: "outlier: a register batch makes no rows", table: tableOf("survivor-register", ["survivor_id", "sex", "enrolment_date", "status"]), rows: [{ survivor_id: "S-1", sex: "female", enrolment_date: "2020-01-01", status: "active" }], cells: [], made: 0 },
  ])("$name", ({ table, rows, cells: want, made }) => {
    const r = checkBothWays(outlier, project, table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });
});
