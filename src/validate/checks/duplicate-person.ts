import type { Value } from "../../schema/kind.js";
import { cellOf, type DataRow, type RowBatch, type Table } from "../../schema/table.js";
import type { Check } from "../context.js";
import { isoDate } from "../kinds.js";
import { findingAt, placeOf } from "../locate.js";
import { createPlaces } from "../places.js";

interface Enrolment {
  batch: string;
  start: string;
  end: string;
  at: number;
}

/**
 * `duplicate-person`: one survivor id twice in a partner's register (across its files), or one trainee
 * in two batches whose dates overlap (a batch without an end date is taken to last its start day).
 * Memory: one location per register id, a few fields per trainee enrolment. A register batch is read
 * from its id column; a trainee batch row by row (`row`); other kinds are passed over.
 */
export const duplicatePerson: Check = {
  code: "duplicate-person",
  start(ctx) {
    const places = createPlaces();
    const registered = new Map<string, number>();
    const batches = new Map<string, Enrolment[]>();
    // "Register!B40", plus the file when it is another one.
    const where = (packed: number, file: string): string => {
      const p = places.unpack(packed);
      const at = placeOf({ sheet: p.table.sheet, cell: cellOf(p.table, "survivor_id", p.row), row: p.row });
      return p.table.file === file ? at : `${at} in ${p.table.file}`;
    };
    const register = (table: Table, row: number, raw: Value | undefined): void => {
      if (raw === null || raw === undefined || raw === "") return;
      const id = String(raw).trim();
      const key = `${table.partner}\u0001${id.toLowerCase()}`;
      const first = registered.get(key);
      if (first === undefined) registered.set(key, places.pack(table, row));
      else ctx.report(findingAt("duplicate-person", table, row, "survivor_id", `survivor ${id} is also on ${where(first, table.file)}`, { expected: "each survivor once", actual: id }));
    };
    const run = {
      row({ table, row, values }: DataRow): void {
        if (table.kind === "survivor-register") return register(table, row, values["survivor_id"]);
        if (table.kind !== "tsp-batch-status") return;
        const raw = values["survivor_id"];
        if (raw === null || raw === undefined || raw === "") return;
        const id = String(raw).trim();
        const start = isoDate(values["start_date"]);
        if (!start) return;
        const end = isoDate(values["end_date"]) ?? start;
        const batch = String(values["batch_id"] ?? "").trim();
        const key = id.toLowerCase();
        const list = batches.get(key) ?? [];
        const clash = list.find((e) => e.batch !== batch && e.start <= end && start <= e.end);
        if (clash) {
          ctx.report(
            findingAt("duplicate-person", table, row, "survivor_id", `trainee ${id} is in batch ${batch} (${start} to ${end}) and in batch ${clash.batch} (${clash.start} to ${clash.end}, ${where(clash.at, table.file)}), which overlap`, {
              expected: "one batch at a time",
              actual: `${batch} and ${clash.batch}`,
            }),
          );
        }
        if (!list.some((e) => e.batch === batch)) list.push({ batch, start, end, at: places.pack(table, row) });
        batches.set(key, list);
      },
      batch(b: RowBatch): void {
        const table = b.table;
        if (table.kind === "survivor-register") {
          const ids = b.values("survivor_id");
          if (ids) for (let i = 0; i < b.size; i++) register(table, b.rows[i]!, ids[i]);
        } else if (table.kind === "tsp-batch-status") {
          for (let i = 0; i < b.size; i++) run.row(b.row(i));
        }
      },
    };
    return run;
  },
};
