import { describe, expect, it } from "vitest";
import { validateProject } from "../../../src/validate/run.js";
import { cells, makeProject, memoryFile, streamBothWays, tableOf, validateFiles, xlsxFile } from "../helpers.js";

const HEADER = "Date,Event type,Venue,Female,Male,Other,Total";
const project = makeProject({ sources: [{ path: "events.*", kind: "event-attendance", partner: "RJ" }] });

describe("total-row-mismatch", () => {
  it("total-row-mismatch: a totals row that differs from its rows fires at that column's cell with both numbers", async () => {
    const csv = `${HEADER}\n2021-03-01,TIE,A,500,400,0,900\n2021-03-02,TIE,B,600,378,0,978\nTotal,,,1100,778,0,1978\n`;
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", csv)] }, { only: ["total-row-mismatch"] });
    expect(cells(report)).toEqual([["G4", "total-row-mismatch"]]);
    expect(report.findings[0]).toMatchObject({ message: 'the total row "Total" says 1,978 for Total, but the rows it covers (rows 2-3) add up to 1,878', expected: 1878, actual: 1978 });
  });

  it("total-row-mismatch: a totals row that adds up does not fire", async () => {
    const csv = `${HEADER}\n2021-03-01,TIE,A,500,400,0,900\n2021-03-02,TIE,B,700,378,0,1078\nTotal,,,1200,778,0,1978\n`;
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", csv)] }, { only: ["total-row-mismatch"] });
    expect(cells(report)).toEqual([]);
  });

  it("total-row-mismatch: subtotals are checked over their block and the grand total over every row", async () => {
    const file = await xlsxFile("events.xlsx", {
      Events: [
        ["Date", "Event type", "Venue", "Female", "Male", "Other", "Total"],
        ["2021-03-01", "TIE", "A", 10, 10, 0, 20],
        ["2021-03-02", "TIE", "B", 5, 5, 0, 10],
        ["Sub-total", null, null, 15, 15, 0, 30],
        ["2022-03-01", "POT", "C", 1, 1, 0, 2],
        ["Sub-total", null, null, 1, 2, 0, 2],
        ["Grand total", null, null, 16, 16, 0, 32],
      ],
    });
    const report = await validateFiles(project, { 0: [file] }, { only: ["total-row-mismatch"] });
    expect(cells(report)).toEqual([["E6", "total-row-mismatch"]]);
  });
});

describe("total-row-mismatch on a batch", () => {
  const table = tableOf("event-attendance", ["date", "event_type", "venue", "female", "male", "other", "total"], "RJ", "events.csv");
  const row = (f: number | null, m: number | null, t: number | null) => ({ date: "2021-03-01", event_type: "TIE", venue: "A", female: f, male: m, other: null, total: t });

  it.each([
    {
      name: "total-row-mismatch: a batch adds its columns into the running sums in row order, to the bit",
      // 0.1 + 0.2 + 0.7 in this order is 0.9999999999999999: a total of 1 is within the tolerance, but the expected figure shows the sum as added.
      parts: [{ table, rows: [row(0.1, 1, 1.1), row(0.2, 2, 2.2)] }, { table, rows: [row(0.7, null, 0.7)] }, { table, total: { female: 1, male: 4, total: 4 } }],
      cells: [["E5", "total-row-mismatch"]],
    },
    {
      name: "total-row-mismatch: a subtotal after a batch covers the batch's rows, the grand total every row",
      parts: [{ table, rows: [row(10, 10, 20), row(5, 5, 10)] }, { table, total: { female: 15, male: 15, total: 30 }, subtotal: true }, { table, rows: [row(1, 1, 2)] }, { table, total: { female: 1, male: 2, total: 2 }, subtotal: true }, { table, total: { female: 16, male: 16, total: 32 } }],
      cells: [["E6", "total-row-mismatch"]],
    },
  ])("$name", async ({ parts, cells: want }) => {
    const { rows, batches } = streamBothWays(parts);
    const opts = { now: "2023-01-07", maxFindings: Infinity, only: ["total-row-mismatch"] };
    const byRows = await validateProject(rows, project, opts);
    expect(cells(byRows)).toEqual(want);
    expect(await validateProject(batches, project, opts)).toEqual(byRows);
  });
});
