import type { RawRow, RawValue } from "../../src/schema/table.js";

/** Rows of a grid as the reader gives them: `grid[0]` is row 1, `grid[r][0]` column A; blank rows kept. */
export function rowsOf(grid: RawValue[][]): RawRow[] {
  return grid.map((cells, i) => ({ row: i + 1, cells }));
}
