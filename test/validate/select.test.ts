import { describe, expect, it } from "vitest";
import type { Indicator } from "../../src/index.js";
import type { Condition } from "../../src/schema/project.js";
import type { DataRow, Table } from "../../src/schema/table.js";
import { compileSelection } from "../../src/validate/select.js";

const table: Table = { file: "events.xlsx", sheet: "Events", kind: "event-attendance", partner: "RJ", headerRows: [4], columns: [] };
const row = (values: DataRow["values"]): DataRow => ({ table, row: 5, values });
const indicator = (where: NonNullable<Indicator["compute"]>["where"]): Indicator => ({
  code: "2.1.tie",
  title: "TIE participants",
  unit: "persons",
  counting: "sum",
  headline: false,
  compute: { from: "event-attendance", where, date: "date", measure: "sum-sexes" },
});

describe("validation's row selection", () => {
  it.each([
    ["matches free text the way the engine does: case and outer spaces ignored", [{ field: "event_type", equals: "TIE session" }], { event_type: "  tie SESSION ", date: "2021-03-01" }, true],
    ["treats a blank value as in no list", [{ field: "event_type", in: ["TIE session"] }], { event_type: "", date: "2021-03-01" }, false],
    ["treats a blank value as not in every list", [{ field: "event_type", not_in: ["TIE session"] }], { event_type: null, date: "2021-03-01" }, true],
    ["leaves out a row without the indicator's date", [], { event_type: "TIE session", date: null }, false],
  ] as [string, Condition[], DataRow["values"], boolean][])("%s", (_name, where, values, expected) => {
    const sel = compileSelection(indicator(where))!;
    expect(sel.matches(row(values))).toBe(expected);
  });
});
