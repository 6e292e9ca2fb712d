import { describe, expect, it } from "vitest";
import type { RawValue } from "../../src/schema/table.js";
import { findingsOf, ingestAll, ingestGrid, memoryFile, projectWith, projection, rowsOfEvents, tablesOf, totalsOf } from "./helpers.js";

const EVENT_HEADER = ["Date", "Event type", "Venue", "Female", "Male", "Total"];

describe("data rows", () => {
  it("reads rows under the header into typed values, with the physical row numbers", async () => {
    const events = await ingestGrid("event-attendance", [
      ["Awareness events, Jan-Mar 2021"],
      [],
      EVENT_HEADER,
      ["05/01/2021", "Courtyard meeting", "Jhikargacha", "12", "8", "20"],
      [44205, "School session", "Sharsha", 1978, 0, 1978],
    ]);
    expect(rowsOfEvents(events).map((r) => [r.row, r.values])).toEqual([
      [4, { event_id: null, date: "2021-01-05", event_type: "Courtyard meeting", union: null, upazila: null, district: null, venue: "Jhikargacha", female: 12, male: 8, other: null, total: 20, facilitator: null }],
      [5, { event_id: null, date: "2021-01-09", event_type: "School session", union: null, upazila: null, district: null, venue: "Sharsha", female: 1978, male: 0, other: null, total: 1978, facilitator: null }],
    ]);
    expect(events.at(-1)).toEqual({ type: "file", file: "partners/rj/data.xlsx", rows: 2 });
  });

  it("locates every finding by file, sheet, cell, row, column and partner", async () => {
    const events = await ingestGrid("event-attendance", [EVENT_HEADER, ["05/01/2021", "Meeting", "X", "twenty", 8, 28]]);
    expect(findingsOf(events)).toEqual([
      { code: "type-error", severity: "error", message: 'expected a whole number, got "twenty"', file: "partners/rj/data.xlsx", sheet: "Sheet1", cell: "D2", row: 2, column: "female", partner: "RJ", actual: "twenty" },
    ]);
  });

  it.each([
    { name: "a blank required cell is missing-cell", row: ["", "Meeting", "X", 1, 2, 3], want: [[2, "date", "missing-cell"]] },
    { name: "an Excel error is cell-error, not also missing-cell", row: ["05/01/2021", "Meeting", "X", { error: "#REF!" }, 2, 3], want: [[2, "female", "cell-error"]] },
    { name: "an impossible date is bad-date", row: ["31/02/2021", "Meeting", "X", 1, 2, 3], want: [[2, "date", "bad-date"]] },
    { name: "a blank optional cell is fine", row: ["05/01/2021", "Meeting", "", null, 2, 2], want: [] },
  ] as { name: string; row: RawValue[]; want: unknown[] }[])("$name", async ({ row, want }) => {
    expect(projection(await ingestGrid("event-attendance", [EVENT_HEADER, row]))).toEqual(want);
  });

  it("reads the columns in whatever order the partner put them", async () => {
    const events = await ingestGrid("event-attendance", [
      ["Total", "Male", "Female", "Event type", "Date"],
      [20, 8, 12, "Meeting", "2021-01-05"],
    ]);
    expect(rowsOfEvents(events)[0]?.values).toMatchObject({ date: "2021-01-05", event_type: "Meeting", female: 12, male: 8, total: 20 });
  });

  it("skips the header repeated further down (a sheet printed with a header on every page)", async () => {
    const events = await ingestGrid("event-attendance", [
      ["Date", "Event type", "Participants", null, null],
      [null, null, "Female", "Male", "Total"],
      ["05/01/2021", "Meeting", 1, 2, 3],
      ["Date", "Event type", "Participants", null, null],
      [null, null, "Female", "Male", "Total"],
      ["06/01/2021", "Meeting", 1, 2, 3],
    ]);
    expect([rowsOfEvents(events).map((r) => r.row), projection(events)]).toEqual([[3, 6], []]);
  });

  it("skips a row numbering the columns under the header", async () => {
    const events = await ingestGrid("event-attendance", [EVENT_HEADER, [1, 2, 3, 4, 5, 6], ["05/01/2021", "Meeting", "X", 1, 2, 3]]);
    expect([rowsOfEvents(events).map((r) => r.row), projection(events)]).toEqual([[3], []]);
  });
});

describe("blank rows, notes and trailing columns", () => {
  it("reports a blank row inside the data but not blank rows at the end", async () => {
    const events = await ingestGrid("event-attendance", [
      EVENT_HEADER,
      ["05/01/2021", "Meeting", "X", 1, 2, 3],
      [null, "", null],
      ["06/01/2021", "Meeting", "Y", 1, 2, 3],
      [],
      [null, null],
    ]);
    expect([rowsOfEvents(events).map((r) => r.row), projection(events)]).toEqual([[2, 4], [[3, null, "blank-row"]]]);
  });

  it("does not take the lines of a CSV record with quoted line breaks for blank rows", async () => {
    const csv = 'Date,Event type,Venue,Female,Male,Total\n2021-01-05,Meeting,"Hall,\nupstairs",1,2,3\n2021-01-06,Meeting,School,1,2,3\n\n2021-01-07,Meeting,School,1,2,3\n';
    const events = await ingestAll(projectWith("event-attendance", { path: "events.csv" }), [memoryFile("events.csv", csv)]);
    expect([rowsOfEvents(events).map((r) => r.row), projection(events)]).toEqual([[2, 4, 6], [[5, null, "blank-row"]]]);
  });

  it("drops notes and signatures below the data", async () => {
    const events = await ingestGrid("event-attendance", [
      EVENT_HEADER,
      ["05/01/2021", "Meeting", "X", 1, 2, 3],
      [],
      ["Prepared by: M. Rahman", null, null, "Checked by:"],
      ["Signature"],
      [null, null, "Note: figures for March are provisional"],
    ]);
    expect([rowsOfEvents(events).map((r) => r.row), projection(events)]).toEqual([[2], []]);
  });

  it("keeps a nearly empty row that has data after it, with missing-cell", async () => {
    const events = await ingestGrid("event-attendance", [
      EVENT_HEADER,
      ["05/01/2021", "Meeting", "X", 1, 2, 3],
      [null, null, "Sharsha"],
      ["06/01/2021", "Meeting", "Y", 1, 2, 3],
    ]);
    expect(projection(events)).toEqual([
      [3, "date", "missing-cell"],
      [3, "event_type", "missing-cell"],
      [3, "total", "missing-cell"],
    ]);
  });

  it("keeps a last row that has only its id, with missing-cell (an id is not a note)", async () => {
    const events = await ingestGrid("survivor-register", [
      ["Survivor ID", "Sex", "Enrolment date", "Status"],
      ["RJ-0001", "F", "2020-01-05", "Active"],
      ["RJ-0002"],
    ]);
    expect(projection(events)).toEqual([
      [3, "sex", "unknown-sex"],
      [3, "enrolment_date", "missing-cell"],
      [3, "status", "missing-cell"],
    ]);
  });

  it("ignores empty columns after the last header and reports data under a blank header once", async () => {
    const events = await ingestGrid("event-attendance", [
      ["Date", "Event type", null, "Total"],
      ["05/01/2021", "Meeting", "x", 3, null, "", null],
      ["06/01/2021", "Meeting", "y", 3, null, "stray"],
      ["07/01/2021", "Meeting", "z", 3, null, "stray"],
    ]);
    expect(findingsOf(events).map((f) => [f.cell, f.code, f.message])).toEqual([
      ["C2", "missing-label", "column C has data but no header; it is ignored"],
      ["F3", "missing-label", "column F has data but no header; it is ignored"],
    ]);
  });
});

describe("totals rows", () => {
  it("keeps totals and subtotals out of the data and emits them for total-row-mismatch", async () => {
    const events = await ingestGrid("event-attendance", [
      EVENT_HEADER,
      ["05/01/2021", "Meeting", "X", 10, 5, 15],
      ["06/01/2021", "Meeting", "Y", 20, 5, 25],
      ["Sub-total", null, null, 30, 10, 40],
      ["07/02/2021", "Meeting", "Z", 1, 1, 2],
      [null, "Sub Total (Feb)", null, 1, 1, 2],
      [],
      ["Grand Total", null, null, "1,978", 11, 42],
      ["Prepared by"],
    ]);
    expect(rowsOfEvents(events).map((r) => r.row)).toEqual([2, 3, 5]);
    expect(totalsOf(events).map((t) => [t.row, t.label, t.subtotal, t.values.female, t.values.total])).toEqual([
      [4, "Sub-total", true, 30, 40],
      [6, "Sub Total (Feb)", true, 1, 2],
      [8, "Grand Total", false, 1978, 42],
    ]);
    expect(projection(events)).toEqual([]);
  });

  it.each([
    { name: "মোট in Bengali", label: "মোট" },
    { name: "Sum", label: "Sum" },
    { name: "TOTAL:", label: "TOTAL:" },
  ])("recognises $name", async ({ label }) => {
    const events = await ingestGrid("event-attendance", [EVENT_HEADER, ["05/01/2021", "Meeting", "X", 10, 5, 15], [label, null, null, 10, 5, 15]]);
    expect([rowsOfEvents(events).length, totalsOf(events).length]).toEqual([1, 1]);
  });

  it("takes an unlabelled row of sums inside the data for a total", async () => {
    const events = await ingestGrid("event-attendance", [EVENT_HEADER, ["05/01/2021", "Meeting", "X", 10, 5, 15], [null, null, null, 10, 5, 15]]);
    expect(totalsOf(events).map((t) => [t.row, t.label, t.values.total])).toEqual([[3, "", 15]]);
  });

  it("does not take a dated event whose type starts with Total for a total", async () => {
    const events = await ingestGrid("event-attendance", [EVENT_HEADER, ["05/01/2021", "Total sanitation", "X", 10, 5, 15]]);
    expect([rowsOfEvents(events).length, totalsOf(events).length]).toEqual([1, 0]);
  });

  it("reports a #REF! in a totals row", async () => {
    const events = await ingestGrid("event-attendance", [EVENT_HEADER, ["05/01/2021", "Meeting", "X", 10, 5, 15], ["Total", null, null, 10, 5, { error: "#REF!" }]]);
    expect(projection(events)).toEqual([[3, "total", "cell-error"]]);
  });
});

describe("header findings", () => {
  it("reports missing, duplicate and unknown columns, but not a serial-number column", async () => {
    const events = await ingestGrid("event-attendance", [
      ["Event type", "Female", "Total", "Participants total", "Weather", "S/N"],
      ["Meeting", 1, 1, 1, "sunny", 1],
    ]);
    expect(findingsOf(events).map((f) => [f.cell ?? null, f.column ?? null, f.code])).toEqual([
      [null, "date", "missing-column"],
      ["D1", "total", "duplicate-label"],
      ["E1", null, "unknown-column"],
    ]);
    expect(findingsOf(events)[0]?.message).toBe("no column for `date` in the header (row 1); tried: date, event date, date of event, held on");
    expect(tablesOf(events)[0]?.columns.map((c) => c.field)).toEqual(["event_type", "female", "total"]);
  });
});

describe("date_order: auto", () => {
  const grid = (dates: string[]) => [["Date", "Event type", "Total"], ...dates.map((d) => [d, "Meeting", 5])];

  it("settles the order from a date later in the sheet and reads earlier dates by it", async () => {
    const events = await ingestGrid("event-attendance", grid(["03/04/2021", "04/05/2021", "25/05/2021"]), { date_order: "auto" });
    expect([rowsOfEvents(events).map((r) => [r.row, r.values.date]), projection(events)]).toEqual([
      [[2, "2021-04-03"], [3, "2021-05-04"], [4, "2021-05-25"]],
      [],
    ]);
  });

  it("reads month-first when the evidence says so", async () => {
    const events = await ingestGrid("event-attendance", grid(["05/13/2021", "03/04/2021"]), { date_order: "auto" });
    expect(rowsOfEvents(events).map((r) => r.values.date)).toEqual(["2021-05-13", "2021-03-04"]);
  });

  it("never guesses: without evidence a date that reads two ways is ambiguous-date", async () => {
    const events = await ingestGrid("event-attendance", grid(["03/04/2021", "2021-06-01"]), { date_order: "auto" });
    expect([rowsOfEvents(events).map((r) => [r.row, r.values.date]), projection(events)]).toEqual([
      [[2, null], [3, "2021-06-01"]],
      [[2, "date", "ambiguous-date"]],
    ]);
  });
});
