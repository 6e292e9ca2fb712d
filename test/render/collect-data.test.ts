import { describe, expect, it } from "vitest";
import { batchOfRows } from "../../src/normalize/batch.js";
import { createDataCollector, DEFAULT_DATA_SHEET_ROWS, EXCEL_MAX_DATA_ROWS, leftOutReason } from "../../src/render/collect-data.js";
import { DATA_ROWS } from "../../src/cli/commands/report.js";
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
const collect = (events: IngestEvent[], maxRows?: number) => {
  const c = createDataCollector(maxRows === undefined ? {} : { maxRows });
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

  it("leaves out the kind with the most rows once the rows kept pass the limit, and says how many it had", () => {
    const budget: Table = { ...table, file: "budget.csv", kind: "budget-allocation", columns: [{ field: "amount", letter: "A", label: "amount" }] };
    const events: IngestEvent[] = [
      { type: "batch", batch: batchOfRows(table, rows) },
      { type: "row", row: { table: budget, row: 2, values: { amount: 5 } } },
      { type: "row", row: { table, row: 9, values: { date: "2021-03-09", event_type: "TIE", total: 1 } } },
    ];
    // 3 event rows and a budget row pass 3: the events (the most rows) go, and their later row is only counted.
    const [events2, budget2] = collect(events, 3);
    expect(events2).toEqual({ kind: "event-attendance", fields: events2!.fields, rows: [], leftOut: { rows: 4, max: 3, why: "limit" } });
    expect(budget2!.leftOut).toBeUndefined();
    expect(budget2!.rows.map((r) => r.values[budget2!.fields.indexOf("amount")])).toEqual([5]);
    // With room for one row, the budget's row stays; with none, it goes too.
    expect(collect(events, 1).map((d) => d.leftOut)).toEqual([{ rows: 4, max: 1, why: "limit" }, undefined]);
    expect(collect(events, 0).map((d) => d.leftOut)).toEqual([{ rows: 4, max: 0, why: "limit" }, { rows: 1, max: 0, why: "limit" }]);
    // At the limit exactly, every row is kept.
    expect(collect(events, 5).map((d) => d.rows.map((r) => r.row))).toEqual([[2, 3, 4, 9], [2]]);
  });

  it("leaves out a kind with more rows than an Excel sheet holds, whatever the limit, and says so", () => {
    // A batch that big is only counted: its rows are never made.
    const huge = { type: "batch", batch: { table, size: EXCEL_MAX_DATA_ROWS + 1 } } as unknown as IngestEvent;
    const [sheet] = collect([huge], 5_000_000);
    expect(sheet!.leftOut).toEqual({ rows: EXCEL_MAX_DATA_ROWS + 1, max: EXCEL_MAX_DATA_ROWS, why: "excel" });
    expect(leftOutReason("event-attendance", sheet!.leftOut!)).toBe("the workbook has no data sheet for event-attendance: its 1,048,576 rows are more than an Excel sheet holds (1,048,575)");
  });

  it("holds 10,000 rows in all by default, the CLI's --data-rows default", () => {
    expect(DEFAULT_DATA_SHEET_ROWS).toBe(10_000);
    expect(DATA_ROWS).toBe(DEFAULT_DATA_SHEET_ROWS);
  });
});
