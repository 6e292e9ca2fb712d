import { describe, expect, it } from "vitest";
import { nonIntegerCount } from "../../../src/validate/checks/non-integer-count.js";
import { cells, cellsOf, checkBothWays, makeProject, memoryFile, tableOf, validateFiles, xlsxFile } from "../helpers.js";

const HEADER = "Date,Event type,Venue,Female,Male,Other,Total";
const events = makeProject({ sources: [{ path: "events.csv", kind: "event-attendance", partner: "RJ" }] });

describe("non-integer-count", () => {
  it.each([
    { name: "non-integer-count: half a person fires at the cell", line: "2021-03-01,TIE,School A,12.5,10,0,22.5", expected: [["D2", "non-integer-count"], ["G2", "non-integer-count"]] },
    { name: "non-integer-count: whole numbers written with decimals are whole", line: "2021-03-01,TIE,School A,12.0,10,0,22", expected: [] },
  ])("$name", async ({ line, expected }) => {
    const report = await validateFiles(events, { 0: [memoryFile("events.csv", `${HEADER}\n${line}\n`)] }, { only: ["non-integer-count"] });
    expect(cells(report)).toEqual(expected);
  });

  it("non-integer-count: a claimed count of persons must be whole, a claimed amount of money need not", async () => {
    const p = makeProject({
      sources: [{ path: "claims.xlsx", kind: "spp-target-achievement", partner: "RJ" }],
      logframe: {
        goal: { title: "G" },
        outcomes: [
          {
            code: "1",
            title: "O",
            indicators: [
              { code: "1.1.enrolled", title: "Enrolled", unit: "persons" },
              { code: "2.2.budget", title: "Budget", unit: "BDT" },
            ],
          },
        ],
      },
    });
    const file = await xlsxFile("claims.xlsx", {
      Claims: [
        ["Code", "Period", "Achievement female", "Achievement male", "Achievement total"],
        ["1.1.enrolled", "phase", 534.5, 396, 930.5],
        ["2.2.budget", "phase", null, null, 11469.05],
      ],
    });
    const report = await validateFiles(p, { 0: [file] }, { only: ["non-integer-count"] });
    expect(cells(report)).toEqual([["C2", "non-integer-count"], ["E2", "non-integer-count"]]);
  });
});

describe("non-integer-count on a batch", () => {
  const claimsProject = makeProject({
    sources: [{ path: "claims.csv", kind: "spp-target-achievement", partner: "RJ" }],
    logframe: { goal: { title: "G" }, outcomes: [{ code: "1", title: "O", indicators: [{ code: "persons", title: "Persons", unit: "persons" }, { code: "money", title: "Money", unit: "BDT" }] }] },
  });
  it.each([
    { name: "non-integer-count: a batch hands only the rows with a fraction in a persons column to row", table: tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"]), rows: [{ date: "2021-03-01", event_type: "TIE", venue: "A", female: 2.5, male: 10, other: null, total: 12.5 }, { date: "2021-03-02", event_type: "TIE", venue: "B", female: 3, male: 10, other: 0, total: 13 }], cells: [["D2", "non-integer-count"], ["G2", "non-integer-count"]], made: 1 },
    {
      name: "non-integer-count: a claims batch goes through row, row by row (which columns count persons depends on the row's indicator)",
      table: tableOf("spp-target-achievement", ["code", "period", "achieved_total"]),
      rows: [{ code: "persons", period: "phase", achieved_total: 2.5 }, { code: "money", period: "phase", achieved_total: 2.5 }],
      cells: [["C2", "non-integer-count"]],
      made: 2,
      project: claimsProject,
    },
    { name: "non-integer-count: a batch of money with fractions makes no rows (amounts are not persons)", table: tableOf("budget-allocation", ["institution", "fiscal_year", "date", "amount"]), rows: [{ institution: "UP", fiscal_year: "FY2021-22", date: "2021-09-01", amount: 2500.5 }], cells: [], made: 0 },
  ])("$name", ({ table, rows, cells: want, made, project }) => {
    const r = checkBothWays(nonIntegerCount, project ?? events, table, rows);
    expect(r.batch).toEqual(r.rows);
    expect(cellsOf(r.rows)).toEqual(want);
    expect(r.made).toBe(made);
  });
});
