import { describe, expect, it } from "vitest";
import { batchOfRows } from "../../src/normalize/batch.js";
import { createDataCollector } from "../../src/render/collect-data.js";
import type { DataRow, IngestEvent, Table } from "../../src/schema/table.js";

const table: Table = {
  file: "events.csv",
  sheet: "events",
  kind: "event-attendance",
  partner: "RJ",
  headerRows: [1],
  columns: ["date", "event_type", "total"].map((field, i) => ({ field, letter: "ABC"[i]!, label: field })),
};
const rows: DataRow[] = [2, 3, 4].map((row) => ({ table, row, values: { date: `2021-03-0${row}`, event_type: "TIE", total: row * 10 } }));
const collect = (events: IngestEvent[]) => {
  const c = createDataCollector();
  for (const e of events) c.add(e);
  return c.finish();
};

describe("createDataCollector", () => {
  it("keeps the rows of a batch as it keeps row events, in order", () => {
    const asRows = collect([{ type: "table", table }, ...rows.map((row): IngestEvent => ({ type: "row", row }))]);
    const asBatches = collect([{ type: "table", table }, { type: "row", row: rows[0]! }, { type: "batch", batch: batchOfRows(table, rows.slice(1)) }]);
    expect(asBatches).toEqual(asRows);
    expect(asRows[0]!.rows.map((r) => r.row)).toEqual([2, 3, 4]);
  });
});
