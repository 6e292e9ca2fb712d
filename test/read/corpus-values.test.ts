import { describe, expect, it } from "vitest";
import { corpusFile } from "../corpus/corpus-files.js";
import { cellsOf, readFully, rowsOf } from "./helpers.js";

const day = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0): Date => new Date(Date.UTC(y, m - 1, d, h, min, s, ms));

describe("values of real corpus files", () => {
  it("corpus values: the 1900 and 1904 twins give the same dates", async () => {
    const [a, b] = await Promise.all([readFully(corpusFile("xlsx/sheetjs--1900.xlsx")), readFully(corpusFile("xlsx/sheetjs--1904.xlsx"))]);
    const dates = (r: typeof a) => cellsOf(r).map((row) => row[1]);
    expect(dates(a)).toEqual([day(1900, 1, 1), day(1900, 1, 11), day(1900, 4, 20), day(1903, 1, 15), day(1930, 6, 2)]);
    expect(dates(b)).toEqual(dates(a));
  });

  it("corpus values: openpyxl's 1904 workbook gives its date", async () => {
    expect(cellsOf(await readFully(corpusFile("xlsx/openpyxl--date_1904.xlsx")))).toEqual([[day(2011, 10, 31)]]);
  });

  it("corpus values: ISO date cells (t=d) are dates, and entities decode in strings", async () => {
    const rows = cellsOf(await readFully(corpusFile("xlsx/sheetjs--xlsx-stream-d-date-cell.xlsx")));
    expect(rows[0]).toEqual(["String", "てすと", "&'\";<>", "&amp;"]);
    expect(rows[4]).toEqual(["Date", day(2014, 2, 14, 8, 27, 48, 765)]);
  });

  it("corpus values: shared strings stored after the sheet are text, never placeholders", async () => {
    expect(rowsOf(await readFully(corpusFile("hostile/sst_after_sheet.xlsx")))).toEqual([
      [1, ["id", "name"]],
      [2, [1, "alpha"]],
      [3, [2, "beta"]],
    ]);
  });

  it("corpus values: astral characters survive shared and inline strings", async () => {
    expect(cellsOf(await readFully(corpusFile("xlsx/sheetjs--sushi.xlsx")))).toEqual([["🍣"]]);
    expect(cellsOf(await readFully(corpusFile("xlsx/poi--InlineString.xlsx")))).toEqual([["😜more text"]]);
  });

  it("corpus values: rows and cells without r= attributes are placed by position", async () => {
    const r = await readFully(corpusFile("xlsx/poi--59746_NoRowNums.xlsx"));
    expect(r.sheets[0]!.rows.length).toBe(71);
    expect(r.sheets[0]!.rows.map((x) => x.row).slice(0, 3)).toEqual([1, 2, 3]);
    expect(cellsOf(r)[1]!.slice(0, 3)).toEqual([true, "[M+Na]+1", 1]);
  });

  it("corpus values: a workbook stored under wtf/ is found through its relationships", async () => {
    const r = await readFully(corpusFile("xlsx/sheetjs--wtf_path.xlsx"));
    expect(r.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["SheetJS", false],
      ["Hidden", true],
    ]);
    expect(r.sheets[0]!.rows[0]!.cells).toEqual([1, 2, 3]);
  });

  it("corpus values: formula-injection payloads come back verbatim as text", async () => {
    const rows = cellsOf(await readFully(corpusFile("hostile/formula_injection.csv"))).flat();
    expect(rows).toContain("-42");
    expect(rows.some((c) => typeof c === "string" && c.startsWith("=HYPERLINK("))).toBe(true);
  });

  it("corpus values: sheet visibility is reported for hidden and very hidden sheets", async () => {
    const r = await readFully(corpusFile("xlsx/sheetjs--sheet_visibility.xlsx"));
    expect(r.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["Visible", false],
      ["Hidden", true],
      ["VeryHidden", true],
    ]);
  });
});
