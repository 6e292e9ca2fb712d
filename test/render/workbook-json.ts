import ExcelJS from "exceljs";

/** A workbook as JSON: sheet → row → cells, formulas as `=FORMULA → result`. */
export async function workbookJson(bytes: Uint8Array): Promise<Record<string, Record<string, unknown[]>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: Record<string, Record<string, unknown[]>> = {};
  for (const ws of wb.worksheets) {
    const rows: Record<string, unknown[]> = {};
    ws.eachRow((row, r) => {
      const cells: unknown[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        const v = cell.value as unknown;
        if (cell.formula) cells.push(`=${cell.formula} → ${JSON.stringify((cell as unknown as { result?: unknown }).result ?? null)}`);
        else if (v instanceof Date) cells.push(v.toISOString().slice(0, 10));
        else cells.push(v ?? null);
      }
      while (cells.length && cells.at(-1) === null) cells.pop();
      rows[r] = cells;
    });
    out[ws.name] = rows;
  }
  return out;
}
