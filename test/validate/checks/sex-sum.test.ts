import { describe, expect, it } from "vitest";
import { batchOfRows } from "../../../src/normalize/batch.js";
import { sexSum } from "../../../src/validate/checks/sex-sum.js";
import { withMessage, type ReportedFinding } from "../../../src/validate/locate.js";
import { numberFormatter } from "../../../src/validate/numbers.js";
import { cells, cellsOf, checkBothWays, makeProject, memoryFile, tableOf, validateFiles, xlsxFile } from "../helpers.js";

const HEADER = "Date,Event type,Venue,Female,Male,Other,Total";
const project = makeProject({ sources: [{ path: "events.csv", kind: "event-attendance", partner: "RJ" }] });

const cases = [
  { name: "sex-sum: a total that is not female + male + other fires at the total cell", line: "2021-03-01,TIE session,School A,50,60,0,120", expected: [["G2", "sex-sum"]] },
  { name: "sex-sum: a blank other counts as zero", line: "2021-03-01,TIE session,School A,50,60,,110", expected: [] },
  { name: "sex-sum: a total that is right once other is counted does not fire", line: "2021-03-01,TIE session,School A,50,60,10,120", expected: [] },
  { name: "sex-sum: a row with no sex split at all is not checked", line: "2021-03-01,TIE session,School A,,,,120", expected: [] },
  { name: "sex-sum: a blank other with parts short of the total fires", line: "2021-03-01,TIE session,School A,50,60,,120", expected: [["G2", "sex-sum"]] },
];

describe("sex-sum", () => {
  it.each(cases)("$name", async ({ line, expected }) => {
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", `${HEADER}\n${line}\n`)] }, { only: ["sex-sum"] });
    expect(cells(report)).toEqual(expected);
  });

  it("sex-sum: the message gives the parts and both numbers", async () => {
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", `${HEADER}\n2021-03-01,TIE session,School A,50,60,0,120\n`)] }, { only: ["sex-sum"] });
    expect(report.findings[0]).toMatchObject({ message: "total 120, but female 50 + male 60 + other 0 = 110", expected: 110, actual: 120, severity: "error", file: "events.csv" });
  });

  it("sex-sum: a claims row whose total drops a digit fires at the claims total cell", async () => {
    const claims = makeProject({
      sources: [{ path: "claims.xlsx", kind: "spp-target-achievement", partner: "RJ" }],
      logframe: { goal: { title: "G" }, outcomes: [{ code: "2", title: "O", indicators: [{ code: "2.1.days", reference: "F39", title: "Days", unit: "persons" }] }] },
    });
    const file = await xlsxFile("claims.xlsx", {
      Claims: [
        ["Code", "Title", "Period", "Achievement female", "Achievement male", "Achievement total"],
        ["F39", "Days observance", "phase", 18499, 17821, 16320],
      ],
    });
    const report = await validateFiles(claims, { 0: [file] }, { only: ["sex-sum"] });
    expect(cells(report)).toEqual([["F2", "sex-sum"]]);
    expect(report.findings[0]!.message).toBe("total 16,320, but female 18,499 + male 17,821 = 36,320");
  });
});

describe("sex-sum on a batch", () => {
  const events = tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]);
  const register = tableOf("survivor-register", ["survivor_id", "sex", "enrolment_date", "status"]);
  it.each([
    {
      name: "sex-sum: a batch checks the rows whose parts do not add up exactly from its columns, with row()'s tolerance and message, and builds no row",
      table: events,
      rows: [{ date: "2021-03-01", event_type: "TIE", venue: "A", female: 50, male: 60, other: 0, total: 110 }, { date: "2021-03-02", event_type: "TIE", venue: "B", female: 50, male: 60, other: null, total: 120 }, { date: "2021-03-03", event_type: "TIE", venue: "C", female: null, male: null, other: null, total: 40 }, { date: "2021-03-04", event_type: "TIE", venue: "D", female: 50, male: 60, other: 0, total: 110.001 }, { date: "2021-03-05", event_type: "TIE", venue: "E", female: 1, male: 2, other: 3, total: null }],
      cells: [["G3", "sex-sum"]],
      made: 0,
    },
    {
      name: "sex-sum: a batch reads a part or a total that is not finite as row() does: as blank",
      table: events,
      rows: [{ date: "2021-03-01", event_type: "TIE", venue: "A", female: Infinity, male: 2, other: 0, total: 5 }, { date: "2021-03-02", event_type: "TIE", venue: "B", female: 1, male: 2, other: 0, total: Infinity }],
      cells: [["G2", "sex-sum"]],
      made: 0,
    },
    { name: "sex-sum: a batch of a kind without sex columns makes no rows", table: register, rows: [{ survivor_id: "S-1", sex: "female", enrolment_date: "2021-03-01", status: "active" }], cells: [], made: 0 },
  ])("$name", ({ table, rows, cells: want, made }) => {
    const r = checkBothWays(sexSum, project, table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });
});

describe("sex-sum's messages", () => {
  it("sex-sum: a batch's message is made from the figures it had when reported, after its columns are reused", () => {
    const table = tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]);
    const values = { date: "2021-03-01", event_type: "TIE", venue: "A", female: 50, male: 60, other: 0, total: 120 };
    const batch = batchOfRows(table, [{ table, row: 2, values }]);
    const reported: ReportedFinding[] = [];
    const run = sexSum.start({ project, now: "2023-01-07", indicators: new Map(), formatNumber: numberFormatter(project), report: (f) => reported.push(f) });
    run.batch!(batch);
    // The reader refills a consumed batch's columns with the next rows' numbers.
    for (const field of ["female", "male", "other", "total"]) batch.numbers(field)!.fill(7);
    expect(reported.map((f) => withMessage(f).message)).toEqual(["total 120, but female 50 + male 60 + other 0 = 110"]);
  });
});
