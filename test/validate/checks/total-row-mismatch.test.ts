import { describe, expect, it } from "vitest";
import { cells, makeProject, memoryFile, validateFiles, xlsxFile } from "../helpers.js";

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
