import { describe, expect, it } from "vitest";
import { detectHeader } from "../../src/normalize/header.js";
import { buildResolver } from "../../src/normalize/labels.js";
import { eventAttendance, survivorRegister } from "../../src/schema/kinds/index.js";
import type { SourceKind } from "../../src/schema/kind.js";
import type { RawValue } from "../../src/schema/table.js";
import { rowsOf } from "./rows.js";

const noSource = { columns: {}, identifying: [] };
function detect(kind: SourceKind, grid: RawValue[][], source = noSource) {
  return detectHeader(rowsOf(grid), kind, buildResolver(kind, source));
}
const fieldsOf = (m: ReturnType<typeof detect>["match"]) => m?.columns.map((c) => [c.letter, c.label, c.field ?? (c.dropped ? "(dropped)" : null)]);

describe("detectHeader", () => {
  it("finds the header under a title block and a blank row, not on row 1", () => {
    const grid: RawValue[][] = [
      ["Ashshash project: awareness events"],
      ["Partner: Rights Jessore", null, "Period: Jan-Mar 2021"],
      [],
      ["Date", "Event type", "Venue", "Female", "Male", "Total"],
      ["2021-01-05", "Courtyard meeting", "Jhikargacha", 12, 8, 20],
    ];
    const { match } = detect(eventAttendance, grid);
    expect([match?.rows, match?.complete, fieldsOf(match)]).toEqual([
      [4],
      true,
      [["A", "Date", "date"], ["B", "Event type", "event_type"], ["C", "Venue", "venue"], ["D", "Female", "female"], ["E", "Male", "male"], ["F", "Total", "total"]],
    ]);
  });

  it("flattens a two-row header whose group heading spans blank cells", () => {
    const grid: RawValue[][] = [
      ["Events 2021"],
      [],
      [],
      ["Date", "Event type", "Participants", null, null, "Remarks"],
      [null, null, "Male", "Female", "Total", null],
      ["2021-01-05", "Courtyard meeting", 8, 12, 20, ""],
    ];
    const { match } = detect(eventAttendance, grid);
    expect([match?.rows, match?.last, fieldsOf(match)]).toEqual([
      [4, 5],
      4,
      [["A", "Date", "date"], ["B", "Event type", "event_type"], ["C", "Participants Male", "male"], ["D", "Participants Female", "female"], ["E", "Participants Total", "total"], ["F", "Remarks", null]],
    ]);
  });

  it("reads a group heading's lower labels alone when the combination is unknown", () => {
    const grid: RawValue[][] = [
      ["Date", "Event type", "Number of people", null, null],
      [null, null, "Girls", "Boys", "Total"],
    ];
    expect(fieldsOf(detect(eventAttendance, grid).match)?.map((c) => c[2])).toEqual(["date", "event_type", "female", "male", "total"]);
  });

  it("does not take a single header and the first data row for a two-row header", () => {
    const grid: RawValue[][] = [
      ["Date", "Event type", "Total", "Remarks"],
      ["2021-01-05", "Courtyard meeting", 20, "Female"],
    ];
    expect(detect(eventAttendance, grid).match?.rows).toEqual([1]);
  });

  it("does not read a title directly above the header as a group heading", () => {
    const grid: RawValue[][] = [["Awareness events 2021"], ["Date", "Event type", "Total"]];
    expect(detect(eventAttendance, grid).match?.rows).toEqual([2]);
  });

  it("counts personal-data columns towards the header but marks them dropped", () => {
    const grid: RawValue[][] = [["Survivor ID", "Name", "Mobile", "Sex", "Enrolment date", "Status"]];
    expect(fieldsOf(detect(survivorRegister, grid).match)).toEqual([
      ["A", "Survivor ID", "survivor_id"], ["B", "Name", "(dropped)"], ["C", "Mobile", "(dropped)"], ["D", "Sex", "sex"], ["E", "Enrolment date", "enrolment_date"], ["F", "Status", "status"],
    ]);
  });

  it("accepts a header lacking some required columns and names them", () => {
    const { match } = detect(survivorRegister, [["Case ID", "Gender", "Remarks", "Status"]]);
    expect([match?.complete, match?.missing]).toEqual([false, ["enrolment_date"]]);
  });

  it("marks the second column feeding a field as a duplicate", () => {
    const { match } = detect(eventAttendance, [["Date", "Event type", "Total", "Grand total"]]);
    expect(match?.columns.map((c) => c.duplicateOf ?? null)).toEqual([null, null, null, "total"]);
  });

  it("finds nothing in a sheet of notes, and says which rows it searched", () => {
    const grid: RawValue[][] = [["Instructions"], [], ["Fill in one row per event."], ["Send it by the 5th."]];
    expect(detect(eventAttendance, grid)).toEqual({ match: undefined, searched: [1, 4] });
  });

  it("searches only the first 30 non-blank rows", () => {
    const grid: RawValue[][] = [...Array.from({ length: 30 }, (_, i) => [`note ${i}`]), ["Date", "Event type", "Total"]];
    expect(detect(eventAttendance, grid)).toEqual({ match: undefined, searched: [1, 30] });
  });

  it("prefers the partner's own header mapping", () => {
    const grid: RawValue[][] = [["Programme date", "Kind of programme", "Headcount"]];
    const source = { columns: { date: "Programme date", event_type: "Kind of programme", total: "Headcount" }, identifying: [] };
    expect(fieldsOf(detect(eventAttendance, grid, source).match)?.map((c) => c[2])).toEqual(["date", "event_type", "total"]);
  });
});
