import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { prewarmReader, readWorkbook } from "../../src/read/index.js";
import type { InputFile } from "../../src/schema/table.js";
import { cellsOf, codesOf, memoryFile, readFully, rowsOf, xlsxBytes } from "./helpers.js";
import { makeZip, workbookParts } from "./zip-writer.js";

const day = (y: number, m: number, d: number, h = 0, min = 0): Date => new Date(Date.UTC(y, m - 1, d, h, min));

describe("readWorkbook on xlsx written by exceljs", () => {
  it("xlsx: text, numbers, booleans, rich text and hyperlinks read as plain values", async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("Events");
      ws.addRow(["Union", "Female", "Done"]);
      ws.addRow(["Jhikargachha", 43, true]);
      ws.addRow([{ richText: [{ text: "Shar" }, { text: "sha", font: { bold: true } }] }, 12.5, false]);
      ws.addRow([{ text: "site", hyperlink: "https://example.org" }, -3, null]);
    });
    const r = await readFully(memoryFile("events.xlsx", bytes));
    expect(r.format).toBe("xlsx");
    expect(rowsOf(r)).toEqual([
      [1, ["Union", "Female", "Done"]],
      [2, ["Jhikargachha", 43, true]],
      [3, ["Sharsha", 12.5, false]],
      [4, ["site", -3]],
    ]);
    expect(r.findings).toEqual([]);
  });

  it("xlsx: formula cells give their cached result, errors stay error values", async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("Sums");
      ws.addRow([1, 2, { formula: "A1+B1", result: 3 }, { formula: 'IF(A1=1,"yes","no")', result: "yes" }]);
      ws.addRow([{ error: "#REF!" }, { formula: "1/0", result: { error: "#DIV/0!" } }, { formula: "A1>0", result: true }]);
    });
    const r = await readFully(memoryFile("sums.xlsx", bytes));
    expect(cellsOf(r)).toEqual([
      [1, 2, 3, "yes"],
      [{ error: "#REF!" }, { error: "#DIV/0!" }, true],
    ]);
  });

  it("xlsx: a formula saved without a result reads as blank with one formula-no-value warning", async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("Sums");
      ws.addRow([1, 2, { formula: "A1+B1" }]);
      ws.addRow([3, 4, { formula: "A2+B2" }]);
    });
    const r = await readFully(memoryFile("sums.xlsx", bytes));
    expect(cellsOf(r)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(r.findings.map((f) => [f.code, f.sheet, f.cell])).toEqual([["formula-no-value", "Sums", "C1"]]);
    expect(r.findings[0]!.message).toMatch(/2 formula cells have no saved value.*=A1\+B1/);
  });

  it.each([false, true])("xlsx: date cells read as UTC dates whatever the date system (1904: %s)", async (date1904) => {
    const bytes = await xlsxBytes((wb) => {
      wb.properties.date1904 = date1904;
      const ws = wb.addWorksheet("Dates");
      ws.addRow(["when", "at"]);
      ws.addRow([day(2021, 3, 4), day(2019, 11, 7, 14, 30)]);
      ws.getCell("A2").numFmt = "dd/mm/yyyy";
      ws.getCell("B2").numFmt = "yyyy-mm-dd hh:mm";
      ws.addRow([day(1950, 12, 31), 44260]);
      ws.getCell("A3").numFmt = "d-mmm-yy";
    });
    const r = await readFully(memoryFile("dates.xlsx", bytes));
    expect(cellsOf(r).slice(1)).toEqual([
      [day(2021, 3, 4), day(2019, 11, 7, 14, 30)],
      [day(1950, 12, 31), 44260],
    ]);
  });

  it("xlsx: rows keep their real Excel numbers when the sheet is sparse", async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("Sparse");
      ws.getCell("B3").value = "title";
      ws.getCell("A10").value = 1;
      ws.getCell("D10").value = 4;
    });
    const r = await readFully(memoryFile("sparse.xlsx", bytes));
    expect(rowsOf(r)).toEqual([
      [3, [null, "title"]],
      [10, [1, null, null, 4]],
    ]);
  });

  it("xlsx: hidden and very hidden sheets are read in workbook order and marked hidden", async () => {
    const bytes = await xlsxBytes((wb) => {
      wb.addWorksheet("Visible").addRow(["v"]);
      wb.addWorksheet("Lookup", { state: "hidden" }).addRow(["h"]);
      wb.addWorksheet("Macros", { state: "veryHidden" }).addRow(["vh"]);
    });
    const r = await readFully(memoryFile("book.xlsx", bytes));
    expect(r.sheets.map((s) => [s.name, s.hidden, s.rows.map((x) => x.cells)])).toEqual([
      ["Visible", false, [["v"]]],
      ["Lookup", true, [["h"]]],
      ["Macros", true, [["vh"]]],
    ]);
  });

  const twoSheets = () =>
    xlsxBytes((wb) => {
      wb.addWorksheet("Register").addRow(["id"]);
      wb.addWorksheet("Events 2022").addRow(["event"]);
    });

  it("xlsx: the sheet option reads only the sheet named, ignoring case and outer spaces", async () => {
    const r = await readFully(memoryFile("book.xlsx", await twoSheets()), { sheet: " events 2022" });
    expect(r.sheets.map((s) => s.name)).toEqual(["Events 2022"]);
    expect(cellsOf(r)).toEqual([["event"]]);
  });

  it("xlsx: a sheet the workbook does not have gives sheet-not-found listing the sheets", async () => {
    const r = await readFully(memoryFile("book.xlsx", await twoSheets()), { sheet: "Events 2021" });
    expect(r.sheets).toEqual([]);
    expect(r.findings.map((f) => [f.code, f.file])).toEqual([["sheet-not-found", "book.xlsx"]]);
    expect(r.findings[0]!.message).toBe('the workbook has no sheet "Events 2021" (sheets: Register, Events 2022)');
  });

  it("xlsx: a workbook without a single value is file-empty, never a silent success", async () => {
    const bytes = await xlsxBytes((wb) => {
      wb.addWorksheet("One");
      wb.addWorksheet("Two").getCell("A1").value = "";
    });
    const r = await readFully(memoryFile("blank.xlsx", bytes));
    expect(r.sheets.map((s) => s.name)).toEqual(["One", "Two"]);
    expect(codesOf(r)).toEqual(["file-empty"]);
    expect(r.findings[0]!.message).toMatch(/no cells with a value \(2 worksheets, all blank\)/);
  });

  it("xlsx: more rows than limits.max_rows stop the sheet with sheet-too-large", async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("Big");
      for (let i = 1; i <= 10; i++) ws.addRow([i]);
    });
    const r = await readFully(memoryFile("big.xlsx", bytes), { limits: { max_rows: 4 } });
    expect(cellsOf(r).length).toBeLessThanOrEqual(4);
    expect(r.findings.map((f) => [f.code, f.sheet, f.row])).toEqual([["sheet-too-large", "Big", 5]]);
  });

  it("xlsx: a row with more filled cells than limits.max_columns stops with sheet-too-large", async () => {
    const bytes = await xlsxBytes((wb) => wb.addWorksheet("Wide").addRow(Array.from({ length: 20 }, (_, i) => i)));
    const r = await readFully(memoryFile("wide.xlsx", bytes), { limits: { max_columns: 10 } });
    expect(r.findings.map((f) => [f.code, f.row])).toEqual([["sheet-too-large", 1]]);
    expect(r.findings[0]!.message).toMatch(/20 filled cells; the limit is 10/);
  });

  it("xlsx: a consumer may skip a sheet's rows and still read the next sheet", async () => {
    const bytes = await xlsxBytes((wb) => {
      const a = wb.addWorksheet("A");
      for (let i = 1; i <= 5000; i++) a.addRow([i, `row ${i}`]);
      wb.addWorksheet("B").addRow(["b1"]);
    });
    const wb = await readWorkbook(memoryFile("skip.xlsx", bytes));
    const seen: [string, unknown][] = [];
    for await (const s of wb.sheets) {
      for await (const r of s.rows) {
        seen.push([s.name, r.cells[0]]);
        break;
      }
    }
    expect(seen).toEqual([
      ["A", 1],
      ["B", "b1"],
    ]);
    expect(wb.findings).toEqual([]);
  });

  it("xlsx: the caller's bytes are left whole when the workbook comes as one chunk or many, and read the same again", async () => {
    const bytes = makeZip(workbookParts({ sheetData: `<row r="1"><c r="A1"><v>42</v></c></row>` }));
    const length = bytes.length;
    // A file that hands out the caller's own array as its only chunk, and one in views of it.
    const handing = (chunk: number): InputFile => ({
      path: "again.xlsx",
      size: length,
      readAll: async () => bytes,
      async *open() {
        for (let i = 0; i < length; i += chunk) yield i === 0 && chunk >= length ? bytes : bytes.subarray(i, i + chunk);
      },
    });
    for (const chunk of [length, 100])
      for (let read = 0; read < 2; read++) {
        const r = await readFully(handing(chunk));
        expect(rowsOf(r)).toEqual([[1, [42]]]);
        expect(bytes.length).toBe(length);
      }
  });

  it("xlsx: a read that exceeds limits.seconds_per_file stops with read-timeout", async () => {
    let rows = "";
    for (let i = 1; i <= 200_000; i++) rows += `<row r="${i}"><c r="A${i}"><v>${i}</v></c><c r="B${i}" t="inlineStr"><is><t>text ${i}</t></is></c></row>`;
    const bytes = makeZip(workbookParts({ sheetData: rows }));
    const r = await readFully(memoryFile("slow.xlsx", bytes), { limits: { seconds_per_file: 0.05 } });
    expect(codesOf(r)).toEqual(["read-timeout"]);
    expect(r.findings[0]!.message).toMatch(/longer than 0.05 s/);
    expect(cellsOf(r).length).toBeLessThan(200_000);
  });
});

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const DATE_STYLES = `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/><xf numFmtId="20"/></cellXfs></styleSheet>`;

interface PackageCase {
  name: string;
  parts: Parameters<typeof workbookParts>[0];
  rows?: [number, unknown[]][];
  codes?: string[];
  message?: RegExp;
}

const packages: PackageCase[] = [
  {
    name: "inline strings, ISO date cells and cells without r= attributes",
    parts: {
      sheetData: `<row><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><r><t>da</t></r><r><t>te</t></r></is></c></row><row><c t="inlineStr"><is><t>Rina</t><rPh><t>りな</t></rPh></is></c><c t="d"><v>2021-03-04</v></c></row>`,
    },
    rows: [
      [1, ["name", "date"]],
      [2, ["Rina", day(2021, 3, 4)]],
    ],
  },
  {
    name: "date styles: custom, built-in date and built-in time formats",
    parts: { styles: DATE_STYLES, sheetData: `<row r="2"><c r="A2" s="1"><v>44259</v></c><c r="B2" s="2"><v>43776.5</v></c><c r="C2" s="3"><v>0.5</v></c><c r="D2"><v>44259</v></c></row>` },
    rows: [[2, [day(2021, 3, 4), day(2019, 11, 7, 12), 0.5, 44259]]],
  },
  {
    name: "the 1904 date system",
    parts: { styles: DATE_STYLES, workbookPr: `<workbookPr date1904="1"/>`, sheetData: `<row r="1"><c r="A1" s="1"><v>42797</v></c></row>` },
    rows: [[1, [day(2021, 3, 4)]]],
  },
  {
    name: "shared strings with _xHHHH_ escapes, rich runs and phonetic runs",
    parts: {
      sharedStrings: ["line_x000D_break", "<r><t>Ja</t></r><r><t>shore</t></r>", "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>とうきょう</t></rPh>", "_x005F_x0041_"],
      sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`,
    },
    rows: [[1, ["line\rbreak", "Jashore", "東京", "_x0041_"]]],
  },
  {
    name: "numbers read from a value's bytes equal what Number() makes of its text, however the text is cut",
    parts: {
      sharedStrings: ["a", "b"],
      sheetData: `<row r="1"><c r="A1"><v>-0</v></c><c r="B1"><v>007</v></c><c r="C1"><v>-12</v></c><c r="D1"><v>1234567890123456789</v></c><c r="E1"><v>1e3</v></c><c r="F1"><v> 12 </v></c><c r="G1"><v>00<!-- cut -->7</v></c><c r="H1"><v>12<!-- cut -->ab</v></c><c r="I1"><v>-0<!---->5</v></c><c r="J1"><v>&#55;</v></c><c r="K1" t="s"><v>001</v></c><c r="L1" t="s"><v>0<!---->1</v></c><c r="M1" t="str"><v>0012</v></c><c r="N1"><v>-007<!---->ab</v></c></row>`,
    },
    rows: [[1, [-0, 7, -12, Number("1234567890123456789"), 1000, 12, 7, "12ab", -5, 7, "b", "b", "0012", "-007ab"]]],
  },
  {
    name: "a worksheet stored before its shared strings",
    parts: {
      sharedStrings: ["a", "b"],
      sheetData: `<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>`,
    },
    rows: [[1, ["b", "a"]]],
  },
  {
    name: "prefixed XML (ns0:) as some writers produce",
    parts: {
      sheetData: "",
      override: {
        "xl/worksheets/sheet1.xml": `<ns0:worksheet xmlns:ns0="${MAIN}"><ns0:sheetData><ns0:row ns0:r="1"><ns0:c r="A1"><ns0:v>7</ns0:v></ns0:c></ns0:row></ns0:sheetData></ns0:worksheet>`,
      },
    },
    rows: [[1, [7]]],
  },
  {
    name: "merges, validations and column ranges over the whole grid cost nothing",
    parts: {
      sheetData: "",
      override: {
        "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><dimension ref="A1:XFD1048576"/><cols><col min="1" max="16384" width="9"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations></worksheet>`,
      },
    },
    rows: [[1, [1]]],
  },
  {
    name: "a workbook stored outside xl/, found through the relationships",
    parts: {
      sheetData: `<row r="1"><c r="A1"><v>5</v></c></row>`,
      override: {
        "_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/wtf/book.xml"/></Relationships>`,
        "wtf/book.xml": `<workbook xmlns="${MAIN}" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"><sheets><sheet name="Moved" sheetId="1" r:id="x1"/></sheets></workbook>`,
        "wtf/_rels/book.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="x1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="../xl/worksheets/sheet1.xml"/></Relationships>`,
      },
      omit: ["xl/workbook.xml", "xl/_rels/workbook.xml.rels"],
    },
    rows: [[1, [5]]],
  },
  {
    name: "a package without a workbook part, read from its worksheet names with a warning",
    parts: { sheetData: `<row r="1"><c r="A1"><v>1</v></c></row>`, omit: ["_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"] },
    rows: [[1, [1]]],
    codes: ["package-repaired"],
  },
  {
    name: "a shared-strings part encoded as UTF-16",
    parts: {
      sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`,
      override: {
        "xl/sharedStrings.xml": new Uint8Array([0xff, 0xfe, ...Buffer.from(`<?xml version="1.0" encoding="UTF-16"?><sst xmlns="${MAIN}"><si><t>Zürich</t></si></sst>`, "utf16le")]),
      },
    },
    rows: [[1, ["Zürich"]]],
  },
  { name: "a DTD in a part (XXE, billion laughs)", parts: { sheetData: "", sharedStrings: [], override: { "xl/sharedStrings.xml": `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaa">]><sst xmlns="${MAIN}"><si><t>&a;</t></si></sst>` } }, codes: ["xml-unsafe"], message: /sharedStrings.xml declares a DTD/ },
  { name: "absurdly deep nesting", parts: { sheetData: `<row r="1"><c r="A1" t="inlineStr"><is>${"<r>".repeat(400)}${"</r>".repeat(400)}</is></c></row>` }, codes: ["xml-unsafe"], message: /nests elements more than 256 deep/ },
  { name: "malformed XML", parts: { sheetData: `<row r="1"><c r="A1"><v>1</v></row>` }, codes: ["read-failed"], message: /^xl\/worksheets\/sheet1.xml is not well-formed XML \(line 1: closing tag <\/row> does not match <c>\)/ },
  { name: "a cell reference off the grid", parts: { sheetData: `<row r="2"><c r="XFE2"><v>1</v></c></row>` }, codes: ["read-failed"], message: /cell reference "XFE2" is outside the grid/ },
  { name: "a row number off the grid", parts: { sheetData: `<row r="2000000"><c r="A2000000"><v>1</v></c></row>` }, codes: ["read-failed"], message: /row number "2000000"/ },
  { name: "rows out of order", parts: { sheetData: `<row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>` }, rows: [[5, [1]]], codes: ["read-failed"], message: /row 3 comes after row 5/ },
  { name: "a shared string index past the table", parts: { sharedStrings: ["a"], sheetData: `<row r="3"><c r="C3" t="s"><v>4</v></c></row>` }, codes: ["read-failed"], message: /Data!C3 refers to shared string 4, but the table has 1/ },
  { name: "a shared string index that is not a whole number", parts: { sharedStrings: ["a", "b"], sheetData: `<row r="3"><c r="C3" t="s"><v>0.5</v></c></row>` }, codes: ["read-failed"], message: /Data!C3 refers to shared string 0.5, but the table has 2/ },
  { name: "a cell longer than Excel allows", parts: { sharedStrings: ["x".repeat(40_000)], sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` }, codes: ["sheet-too-large"], message: /Data!A1 holds 40,000 characters, more than the 32,767 an Excel cell can hold/ },
  { name: "an inline string longer than Excel allows", parts: { sheetData: `<row r="1"><c r="A1"><v>1</v></c></row><row r="4"><c r="B4"><v>2</v></c><c r="D4" t="inlineStr"><is><t>${"y".repeat(40_000)}</t></is></c></row>` }, rows: [[1, [1]]], codes: ["sheet-too-large"], message: /Data!D4 holds more than 32,767 characters/ },
  { name: "a zip without a workbook or worksheets", parts: { sheetData: "", omit: ["xl/workbook.xml", "xl/worksheets/sheet1.xml"] }, codes: ["zip-corrupt"], message: /no workbook part/ },
  { name: "a zipped CSV", parts: { sheetData: "", omit: ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"], extra: [{ name: "export.csv", data: "a,b\n" }] }, codes: ["format-unsupported"], message: /zip archive \(holding export.csv\)/ },
  { name: "an OpenDocument spreadsheet", parts: { sheetData: "", omit: ["xl/workbook.xml"], extra: [{ name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", store: true }] }, codes: ["format-unsupported"], message: /OpenDocument spreadsheet \(.ods\)/ },
  { name: "an Excel binary workbook", parts: { sheetData: "", extra: [{ name: "xl/workbook.bin", data: "\u0000" }] }, codes: ["format-unsupported"], message: /\.xlsb/ },
];

describe("readWorkbook on hand-built xlsx packages", () => {
  it.each(packages)("xlsx package: $name", async ({ parts, rows, codes, message }) => {
    const r = await readFully(memoryFile("book.xlsx", makeZip(workbookParts(parts))));
    expect(rowsOf(r)).toEqual(rows ?? []);
    expect(codesOf(r)).toEqual(codes ?? []);
    if (message) expect(r.findings[0]!.message).toMatch(message);
    for (const f of r.findings) expect(f.file).toBe("book.xlsx");
  });

  const damaged: { name: string; tweak: (e: ReturnType<typeof workbookParts>) => void; code: string; message: RegExp }[] = [
    { name: "a part whose CRC-32 does not match", tweak: (e) => (e.find((x) => x.name === "xl/sharedStrings.xml")!.crc = 1234), code: "zip-corrupt", message: /sharedStrings.xml fails its checksum/ },
    { name: "a part that inflates beyond its declared size", tweak: (e) => (e.find((x) => x.name === "xl/sharedStrings.xml")!.declaredSize = 10), code: "zip-bomb", message: /inflates to more than the 10 bytes its zip header declares/ },
    { name: "a part that inflates to fewer bytes than its declared size", tweak: (e) => (e.find((x) => x.name === "xl/sharedStrings.xml")!.declaredSize = 5000), code: "zip-corrupt", message: /sharedStrings.xml is damaged: the compressed data ends too early/ },
    { name: "a part declared larger than limits.max_entry_mb", tweak: (e) => (e.find((x) => x.name === "xl/sharedStrings.xml")!.declaredSize = 400 * 1024 * 1024), code: "zip-bomb", message: /would expand to 400 MB; the limit is 300 MB/ },
    { name: "entries flagged as encrypted", tweak: (e) => e.forEach((x) => (x.encryptedFlag = true)), code: "file-encrypted", message: /encrypted entries/ },
    { name: "two entries with the same name but for case", tweak: (e) => e.push({ name: "XL/worksheets/Sheet1.xml", data: "<x/>" }), code: "zip-corrupt", message: /two parts named/ },
  ];

  it.each(damaged)("xlsx package: $name is refused with $code", async ({ tweak, code, message }) => {
    const entries = workbookParts({ sharedStrings: ["a"], sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` });
    tweak(entries);
    const r = await readFully(memoryFile("book.xlsx", makeZip(entries)));
    expect(codesOf(r)).toEqual([code]);
    expect(r.findings[0]!.message).toMatch(message);
  });

  it("xlsx package: entry names like ../../etc/passwd are inert strings, never paths", async () => {
    const entries = workbookParts({ sheetData: `<row r="1"><c r="A1"><v>1</v></c></row>`, extra: [{ name: "../../../../tmp/logframe-zip-slip.txt", data: "x" }, { name: "/etc/cron.d/x", data: "x" }] });
    const r = await readFully(memoryFile("book.xlsx", makeZip(entries)));
    expect(cellsOf(r)).toEqual([[1]]);
    expect(r.findings).toEqual([]);
  });

  it("xlsx package: a read that runs out of the worker's heap is read-failed, and the next read works", async () => {
    // 16 MB of text: more than the worker's 12 MB heap, however compactly the table holds it.
    const strings = Array.from({ length: 400_000 }, (_, i) => `s${i}`.padEnd(40, "-"));
    const bytes = makeZip(workbookParts({ sharedStrings: strings, sheetData: `<row r="1"><c r="A1" t="s"><v>7</v></c></row>` }));
    const starved = await readFully(memoryFile("big.xlsx", bytes), { workerHeapMb: 12 });
    expect(starved.findings.map((f) => [f.code, f.file])).toEqual([["read-failed", "big.xlsx"]]);
    expect(starved.findings[0]!.message).toMatch(/needed more than 12 MB of memory/);
    const fed = await readFully(memoryFile("big.xlsx", bytes));
    expect(cellsOf(fed)).toEqual([["s7".padEnd(40, "-")]]);
  }, 60_000);

  it("prewarmReader: a worker started ahead of the read gives the same rows and findings", async () => {
    const bytes = makeZip(workbookParts({ sharedStrings: ["Union"], sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>4</v></c></row>` }));
    const cold = await readFully(memoryFile("book.xlsx", bytes));
    prewarmReader();
    prewarmReader(); // a second call while one waits starts no other
    const warm = await readFully(memoryFile("book.xlsx", bytes));
    expect(warm).toEqual(cold);
    expect(cellsOf(warm)).toEqual([["Union", 4]]);
  }, 60_000);

  it("prewarmReader: a waiting worker that dies (here: out of heap as it boots) is dropped, never an uncaught error", async () => {
    const bytes = makeZip(workbookParts({ sheetData: `<row r="1"><c r="A1"><v>1</v></c></row>` }));
    prewarmReader({ workerHeapMb: 2 });
    // While this read (its own 512 MB worker) runs, the 2 MB worker dies waiting in the pool.
    expect(cellsOf(await readFully(memoryFile("book.xlsx", bytes)))).toEqual([[1]]);
    const starved = await readFully(memoryFile("book.xlsx", bytes), { workerHeapMb: 2 });
    expect(starved.findings.map((f) => [f.code, f.file])).toEqual([["read-failed", "book.xlsx"]]);
    expect(starved.findings[0]!.message).toMatch(/needed more than 2 MB of memory/);
  }, 60_000);

  it("xlsx package: external entities are never fetched (no request reaches a listening server)", async () => {
    let hits = 0;
    const server = createServer((_, res) => {
      hits++;
      res.end("SECRET");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const sst = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY web SYSTEM "http://127.0.0.1:${port}/xxe"><!ENTITY file SYSTEM "file:///etc/hostname">]><sst xmlns="${MAIN}"><si><t>&web;&file;</t></si></sst>`;
      const entries = workbookParts({ sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, override: { "xl/sharedStrings.xml": sst } });
      const r = await readFully(memoryFile("xxe.xlsx", makeZip(entries)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(hits).toBe(0);
      expect(codesOf(r)).toEqual(["xml-unsafe"]);
      expect(JSON.stringify(r.sheets)).not.toContain("SECRET");
    } finally {
      server.close();
    }
  });
});
