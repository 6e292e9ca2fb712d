import type { Table } from "../schema/table.js";

/**
 * Memoise something derived from a table (its sex columns, its key fields), so per-row work is a
 * pointer comparison: rows arrive table by table, so the last table is nearly always the one asked for.
 */
export function perTable<T>(build: (table: Table) => T): (table: Table) => T {
  const cache = new Map<Table, T>();
  let lastTable: Table | undefined;
  let last: T | undefined;
  return (table) => {
    if (table === lastTable) return last as T;
    let v = cache.get(table);
    if (v === undefined && !cache.has(table)) {
      v = build(table);
      cache.set(table, v);
    }
    lastTable = table;
    last = v;
    return v as T;
  };
}
