import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { IngestEvent } from "../../src/schema/table.js";
import { findingsOf, ingestAll, memoryFile, projectWith, projection, rowsOfEvents, tablesOf, totalsOf } from "./helpers.js";

// End to end: real xlsx files written with exceljs and CSV text, through readWorkbook and ingestSources.

type Cell = ExcelJS.CellValue;

async function xlsx(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function addRows(ws: ExcelJS.Worksheet, rows: Cell[][]): void {
  rows.forEach((cells, i) => {
    const row = ws.getRow(i + 1);
    cells.forEach((v, c) => {
      if (v !== null && v !== undefined) row.getCell(c + 1).value = v;
    });
    row.commit();
  });
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** Memoise an async function by its argument: each file is written and read once per describe. */
function once<A, R>(f: (a: A) => Promise<R>): (a: A) => Promise<R> {
  const seen = new Map<string, Promise<R>>();
  return (a) => {
    const key = JSON.stringify(a ?? null);
    if (!seen.has(key)) seen.set(key, f(a));
    return seen.get(key)!;
  };
}

describe("an event-attendance workbook as partners send it", () => {
  const events = once(async (source: { sheet?: string } = {}) => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("Events");
      addRows(ws, [
        ["Ashshash: awareness events"],
        ["Partner: Rights Jessore", null, null, "Quarter: Jan-Mar 2021"],
        [],
        ["Date", "Event type", "Participants", null, null, "Venue"],
        [null, null, "Male", "Female", "Total", null],
        [utc(2021, 1, 5), "Courtyard meeting", 8, 12, { formula: "C6+D6", result: 20 }, "Jhikargacha"],
        [44205, "School session", 100, 120, 220, "Sharsha"],
        ["7-Feb-21", "School session", 90, 100, 190, "Jashore Sadar"],
        [],
        ["Feb 9, 2021", "Union meeting", 5, 5, { formula: "#REF!+1", result: { error: "#REF!" } }, "Chougachha"],
        ["31/02/2021", "Union meeting", 5, 5, 10, "Chougachha"],
        ["Sub-total", null, 208, 242, 450],
        ["Grand Total", null, 208, 242, 450],
        [],
        ["Prepared by: programme officer"],
      ]);
      ws.mergeCells("A4:A5");
      ws.mergeCells("B4:B5");
      ws.mergeCells("C4:E4");
      ws.mergeCells("F4:F5");
      const summary = wb.addWorksheet("Summary");
      addRows(summary, [["Event type", "Events", "Total"], ["School session", 2, 410]]);
      const old = wb.addWorksheet("Old");
      old.state = "hidden";
      addRows(old, [["Date", "Event type", "Total"], [utc(2020, 5, 1), "Meeting", 4]]);
    });
    return ingestAll(projectWith("event-attendance", source), [memoryFile("partners/rj/events.xlsx", bytes)]);
  });

  it("finds the merged two-row header on rows 4-5 under the title block", async () => {
    const table = tablesOf(await events({}))[0];
    expect([table?.sheet, table?.headerRows, table?.columns.map((c) => [c.letter, c.field, c.label])]).toEqual([
      "Events",
      [4, 5],
      [["A", "date", "Date"], ["B", "event_type", "Event type"], ["C", "male", "Participants Male"], ["D", "female", "Participants Female"], ["E", "total", "Participants Total"], ["F", "venue", "Venue"]],
    ]);
  });

  it("reads date cells, Excel serials and text dates, and reports what it cannot read", async () => {
    const e = await events({});
    expect(rowsOfEvents(e).map((r) => [r.row, r.values.date, r.values.total])).toEqual([
      [6, "2021-01-05", 20],
      [7, "2021-01-09", 220],
      [8, "2021-02-07", 190],
      [10, "2021-02-09", null],
      [11, null, 10],
    ]);
    expect(projection(e)).toEqual([
      [9, null, "blank-row"],
      [10, "total", "cell-error"],
      [11, "date", "bad-date"],
    ]);
    expect(findingsOf(e).find((f) => f.code === "cell-error")).toMatchObject({ sheet: "Events", cell: "E10", partner: "RJ", message: "#REF! instead of a value" });
  });

  it("keeps the subtotal and total rows out of the data", async () => {
    expect(totalsOf(await events({})).map((t) => [t.row, t.label, t.subtotal, t.values.total])).toEqual([
      [12, "Sub-total", true, 450],
      [13, "Grand Total", false, 450],
    ]);
  });

  it("ignores the summary and the hidden sheet, unless the hidden sheet is named", async () => {
    const named = await events({ sheet: "Old" });
    expect([tablesOf(await events({})).map((t) => t.sheet), tablesOf(named).map((t) => t.sheet), rowsOfEvents(named).map((r) => r.values.date)]).toEqual([
      ["Events"],
      ["Old"],
      ["2020-05-01"],
    ]);
  });
});

describe("a survivor register with personal data", () => {
  const PEOPLE = [
    ["RJ-0001", "Amena Khatun", "Abdul Karim", "01711-223344", "F", "1990123456789", "Bagachra"],
    ["RJ-0002", "Rahim Uddin", "Korim Uddin", "01822-334455", "boys", "1985987654321", "Navaron"],
    ["RJ-0003", "Shirin Akter", "Jalal Mia", "01933-445566", "মহিলা", "2001555444333", "Benapole"],
    ["RJ-0004", "Karim Sheikh", "Hanif Sheikh", "01644-556677", "পুরুষ", "1999111222333", "Sharsha"],
    ["RJ-0005", "Joya", "Nur Islam", "01555-667788", "hijra", "1992000111222", "Jhikargacha"],
    ["RJ-0006", "Moni Begum", "Alam", "01766-778899", "third gender", "1993222333444", "Gadkhali"],
    ["RJ-0007", "Taslima", "Rafiq", "01877-889900", "", "1994333444555", "Kayba"],
    ["RJ-0008", "Nasrin", "Sobhan", "01988-990011", "fmale", "1995444555666", "Ulashi"],
    ["RJ-0009", "Rupa", "Kamal", "01699-001122", "Female", "1996555666777", "Nizampur"],
    ["RJ-0010", "Sumon", "Babul", "01511-112233", "M", "1997666777888", "Putkhali"],
    ["RJ-0011", "Lima", "Habib", "01712-121212", "girls", "1998777888999", "Bahadurpur"],
  ];
  const register = once(async () => {
    const bytes = await xlsx((wb) => {
      const ws = wb.addWorksheet("Register");
      addRows(ws, [
        ["Survivor register, Rights Jessore"],
        ["Status", "Joined", "Case Ref", "Name of Survivor", "Father's Name", "Mobile No.", "Gender", "NID", "Village", "Age"],
        ...PEOPLE.map(([id, name, father, phone, sex, nid, village], i) => ["Active", `0${(i % 9) + 1}/03/2020`, id, name, father, phone, sex, nid, village, 20 + i] as Cell[]),
      ]);
    });
    const source = { columns: { survivor_id: "Case Ref", enrolment_date: "Joined" } };
    return ingestAll(projectWith("survivor-register", source), [memoryFile("partners/rj/register.xlsx", bytes)]);
  });

  it("never lets a name, phone number, NID or village through, anywhere in the stream", async () => {
    const text = JSON.stringify(await register(undefined));
    const leaked = PEOPLE.flatMap(([, name, father, phone, , nid, village]) => [name!, father!, phone!, nid!, village!]).filter((v) => text.includes(v));
    expect(leaked).toEqual([]);
  });

  it("records the dropped columns by letter and label only", async () => {
    const table = tablesOf(await register(undefined))[0];
    expect([table?.dropped, table?.columns.map((c) => c.field)]).toEqual([
      [
        { letter: "D", label: "Name of Survivor" },
        { letter: "E", label: "Father's Name" },
        { letter: "F", label: "Mobile No." },
        { letter: "H", label: "NID" },
        { letter: "I", label: "Village" },
      ],
      ["status", "enrolment_date", "survivor_id", "sex", "age"],
    ]);
  });

  it("reads the partner's column names and each spelling of sex", async () => {
    const e = await register(undefined);
    expect(rowsOfEvents(e).map((r) => [r.values.survivor_id, r.values.sex, r.values.enrolment_date])).toEqual([
      ["RJ-0001", "female", "2020-03-01"],
      ["RJ-0002", "male", "2020-03-02"],
      ["RJ-0003", "female", "2020-03-03"],
      ["RJ-0004", "male", "2020-03-04"],
      ["RJ-0005", "other", "2020-03-05"],
      ["RJ-0006", "other", "2020-03-06"],
      ["RJ-0007", "unknown", "2020-03-07"],
      ["RJ-0008", "unknown", "2020-03-08"],
      ["RJ-0009", "female", "2020-03-09"],
      ["RJ-0010", "male", "2020-03-01"],
      ["RJ-0011", "female", "2020-03-02"],
    ]);
    expect(findingsOf(e).map((f) => [f.cell, f.code, f.severity])).toEqual([
      ["G9", "unknown-sex", "warning"],
      ["G10", "unknown-category", "error"],
    ]);
  });
});

describe("CSV files", () => {
  const csv = async (text: string, source = {}) => ingestAll(projectWith("event-attendance", source), [memoryFile("partners/rj/events.csv", text)]);

  it("reads a CSV as one sheet named after the file, with text dates and numbers", async () => {
    const e = await csv("Event type,Date,Female,Male,Total\nMeeting,07/11/2019,\"1,200\",৮০০,\"2,000\"\nMeeting,7 Nov 2019,1,1,2\n");
    expect([tablesOf(e)[0]?.sheet, rowsOfEvents(e).map((r) => [r.row, r.values.date, r.values.female, r.values.male, r.values.total]), projection(e)]).toEqual([
      "events",
      [[2, "2019-11-07", 1200, 800, 2000], [3, "2019-11-07", 1, 1, 2]],
      [],
    ]);
  });

  it("with date_order auto, reports a date that reads two ways when nothing settles the order", async () => {
    const e = await csv("Date,Event type,Total\n03/04/2021,Meeting,5\n2021-05-01,Meeting,5\n", { date_order: "auto" });
    expect(findingsOf(e).map((f) => [f.cell, f.code])).toEqual([["A2", "ambiguous-date"]]);
  });

  it("with date_order auto, settles the order from the sheet", async () => {
    const e = await csv("Date,Event type,Total\n03/04/2021,Meeting,5\n13/05/2021,Meeting,5\n", { date_order: "auto" });
    expect(rowsOfEvents(e).map((r) => r.values.date)).toEqual(["2021-04-03", "2021-05-13"]);
  });

  it("reports a CSV without the kind's header as header-not-found", async () => {
    const e = await csv("a,b,c\n1,2,3\n");
    expect(findingsOf(e).map((f: { code: string; sheet?: string }) => [f.sheet, f.code])).toEqual([["events", "header-not-found"]]);
  });

  it("streams: events come out before the file is read to the end", async () => {
    const lines = ["Date,Event type,Total", ...Array.from({ length: 50_000 }, (_, i) => `2021-01-05,Meeting,${i}`)].join("\n");
    const iter = (async function* () {
      const { ingestSources } = await import("../../src/normalize/ingest.js");
      const project = projectWith("event-attendance");
      yield* ingestSources([{ source: project.sources[0]!, index: 0, files: [memoryFile("big.csv", lines)] }], project);
    })();
    const first: IngestEvent[] = [];
    for await (const e of iter) {
      first.push(e);
      if (first.length === 3) break;
    }
    expect(first.map((e) => e.type)).toEqual(["table", "row", "row"]);
  });
});

describe("files the reader cannot use", () => {
  const codesOf = async (path: string, bytes: Uint8Array | string, source = {}) =>
    findingsOf(await ingestAll(projectWith("event-attendance", source), [memoryFile(path, bytes)])).map((f) => [f.code, f.partner]);

  it("an empty CSV gives the reader's file-empty and nothing more", async () => {
    expect(await codesOf("partners/rj/events.csv", "")).toEqual([["file-empty", "RJ"]]);
  });

  it("a damaged xlsx gives the reader's finding and nothing more", async () => {
    const bytes = await xlsx((wb) => addRows(wb.addWorksheet("Events"), [["Date", "Event type", "Total"]]));
    const codes = await codesOf("partners/rj/events.xlsx", bytes.slice(0, bytes.length - 200));
    expect(codes).toEqual([["zip-corrupt", "RJ"]]);
  });

  it("a named sheet the workbook lacks is reported once", async () => {
    const bytes = await xlsx((wb) => addRows(wb.addWorksheet("Events"), [["Date", "Event type", "Total"]]));
    expect(await codesOf("partners/rj/events.xlsx", bytes, { sheet: "Events 2022" })).toEqual([["sheet-not-found", "RJ"]]);
  });
});
