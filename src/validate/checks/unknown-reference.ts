import type { Value } from "../../schema/kind.js";
import type { DataRow, RowBatch, Table } from "../../schema/table.js";
import type { Check } from "../context.js";
import { findingAt } from "../locate.js";
import { createPlaces } from "../places.js";

/**
 * `unknown-reference` (warning): a trainee's survivor id that is in no survivor register of the project.
 * Only when the project declares a register and at least one register was read (a missing register
 * file is its own finding, not a flood of these). Registers may come after the batch sheets, so
 * trainees are matched at the end; memory: the register ids and one location per trainee id. A batch
 * is read from its id column.
 */
export const unknownReference: Check = {
  code: "unknown-reference",
  start(ctx) {
    const hasRegister = ctx.project.sources.some((s) => s.kind === "survivor-register");
    const registered = new Set<string>();
    const trainees = new Map<string, { at: number; id: string }>();
    const places = createPlaces();
    let registersRead = 0;
    const add = (table: Table, row: number, raw: Value | undefined): void => {
      if (raw === null || raw === undefined || raw === "") return;
      const id = String(raw).trim();
      const key = id.toLowerCase();
      if (table.kind === "survivor-register") registered.add(key);
      else if (table.kind === "tsp-batch-status" && !trainees.has(key)) trainees.set(key, { at: places.pack(table, row), id });
    };
    return {
      table(t) {
        if (t.kind === "survivor-register") registersRead++;
      },
      row({ table, row, values }: DataRow): void {
        if (hasRegister) add(table, row, values["survivor_id"]);
      },
      batch(b: RowBatch): void {
        if (!hasRegister || (b.table.kind !== "survivor-register" && b.table.kind !== "tsp-batch-status")) return;
        const ids = b.values("survivor_id");
        if (ids) for (let i = 0; i < b.size; i++) add(b.table, b.rows[i]!, ids[i]);
      },
      finish() {
        if (!hasRegister || registersRead === 0) return;
        for (const [key, { at, id }] of trainees) {
          if (registered.has(key)) continue;
          const { table, row } = places.unpack(at);
          ctx.report(findingAt("unknown-reference", table, row, "survivor_id", `survivor ${id} is in no survivor register of the project`, { expected: "an id from a register", actual: id }));
        }
      },
    };
  },
};
