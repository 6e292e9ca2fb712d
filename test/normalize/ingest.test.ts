import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/errors/finding.js";
import { ingestSources } from "../../src/normalize/ingest.js";
import type { IngestEvent } from "../../src/schema/table.js";
import { findingsOf, gridReader, ingestAll, ingestGrid, memoryFile, projectWith, rowsOfEvents, tablesOf, type GridSheet } from "./helpers.js";

const HEADER = ["Date", "Event type", "Total"];
const data = (name: string, hidden = false): GridSheet => ({ name, hidden, grid: [HEADER, ["2021-01-05", "Meeting", 5]] });
const summary: GridSheet = { name: "Summary", grid: [["Event type", "Number of events", "Total"], ["Meeting", 4, 120]] };
const instructions: GridSheet = { name: "Instructions", grid: [["How to fill this workbook"], ["One row per event."]] };
const usedSheets = (events: IngestEvent[]) => tablesOf(events).map((t) => t.sheet);
const codes = (events: IngestEvent[]) => findingsOf(events).map((f) => [f.sheet ?? null, f.code]);

describe("sheet choice", () => {
  it.each([
    { name: "uses only the data sheet beside a summary and instructions", sheets: [instructions, summary, data("Events")], sheet: undefined, used: ["Events"], codes: [] },
    { name: "uses every visible data sheet", sheets: [data("Q1"), data("Q2")], sheet: undefined, used: ["Q1", "Q2"], codes: [] },
    { name: "ignores a hidden data sheet", sheets: [data("Old", true), data("Events")], sheet: undefined, used: ["Events"], codes: [] },
    { name: "uses a hidden sheet the source names", sheets: [data("Events"), data("Old", true)], sheet: "Old", used: ["Old"], codes: [] },
    { name: "matches the named sheet ignoring case and spaces", sheets: [data("Events ")], sheet: "events", used: ["Events "], codes: [] },
    { name: "a named sheet without a header is header-not-found", sheets: [instructions], sheet: "Instructions", used: [], codes: [["Instructions", "header-not-found"]] },
    { name: "a named sheet the workbook lacks is sheet-not-found", sheets: [data("Events")], sheet: "Events 2022", used: [], codes: [[null, "sheet-not-found"]] },
    { name: "one sheet without a header is header-not-found", sheets: [instructions], sheet: undefined, used: [], codes: [["Instructions", "header-not-found"]] },
    { name: "no sheet with a header is no-data-sheet", sheets: [instructions, { ...instructions, name: "Notes" }], sheet: undefined, used: [], codes: [[null, "no-data-sheet"]] },
    { name: "only hidden sheets is no-data-sheet", sheets: [data("Events", true)], sheet: undefined, used: [], codes: [[null, "no-data-sheet"]] },
  ])("$name", async ({ sheets, sheet, used, codes: want }) => {
    const events = await ingestGrid("event-attendance", sheets, sheet ? { sheet } : {});
    expect([usedSheets(events), codes(events)]).toEqual([used, want]);
  });

  it("lists the sheets when a named one is missing", async () => {
    const events = await ingestGrid("event-attendance", [data("Events"), summary], { sheet: "Events 2022" });
    expect(findingsOf(events)[0]?.message).toBe("there is no sheet `Events 2022` (sheets: Events, Summary)");
  });

  it("says which rows it searched when no header is found", async () => {
    const events = await ingestGrid("event-attendance", [instructions]);
    expect(findingsOf(events)[0]).toMatchObject({ row: 1, message: expect.stringContaining("rows 1-2 searched") });
  });

  it("falls back to the best sheet lacking a required column, and says what it lacks", async () => {
    const partial: GridSheet = { name: "Events", grid: [["Date", "Event type", "Female"], ["2021-01-05", "Meeting", 5]] };
    const events = await ingestGrid("event-attendance", [instructions, partial]);
    expect([usedSheets(events), codes(events), rowsOfEvents(events).length]).toEqual([["Events"], [["Events", "missing-column"]], 1]);
  });
});

describe("ingestSources", () => {
  it("reports a source whose path matched no file, naming it", async () => {
    const project = projectWith("event-attendance", { path: "partners/xx/*.xlsx" });
    const events: IngestEvent[] = [];
    for await (const e of ingestSources([{ source: project.sources[0]!, index: 2, files: [] }], project)) events.push(e);
    expect(events).toEqual([
      { type: "finding", finding: { code: "file-not-found", severity: "error", message: "sources[2].path `partners/xx/*.xlsx` matched no file", file: "partners/xx/*.xlsx", partner: "RJ" } },
    ]);
  });

  it("streams a table event, then rows, then the file event, with the source's partner on the table", async () => {
    const events = await ingestGrid("event-attendance", [data("Events")]);
    expect(events.map((e) => e.type)).toEqual(["table", "row", "file"]);
    expect(tablesOf(events)[0]).toMatchObject({ file: "partners/rj/data.xlsx", sheet: "Events", kind: "event-attendance", partner: "RJ", headerRows: [1] });
  });

  it("passes the reader's findings on with the partner", async () => {
    const note: Finding = { code: "encoding-guessed", severity: "warning", message: "decoded as windows-1252", file: "partners/rj/data.xlsx" };
    const project = projectWith("event-attendance");
    const events = await ingestAll(project, [memoryFile("partners/rj/data.xlsx", "")], { read: gridReader([data("Events")], "xlsx", [note]) });
    expect(findingsOf(events)).toEqual([{ ...note, partner: "RJ" }]);
  });

  it("turns a reader that throws into read-failed, and goes on to the next file", async () => {
    const project = projectWith("event-attendance");
    const good = gridReader([data("Events")]);
    const read = async (file: Parameters<typeof good>[0]) => {
      if (file.path.endsWith("bad.xlsx")) throw new Error("boom");
      return good(file);
    };
    const events = await ingestAll(project, [memoryFile("bad.xlsx", ""), memoryFile("good.xlsx", "")], { read });
    expect(events.map((e) => (e.type === "finding" ? e.finding.code : e.type))).toEqual(["read-failed", "file", "table", "row", "file"]);
  });
});
