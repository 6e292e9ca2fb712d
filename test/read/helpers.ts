import ExcelJS from "exceljs";
import type { Finding } from "../../src/errors/finding.js";
import type { InputFile, RawRow } from "../../src/schema/table.js";
import { readWorkbook, type ReadOptions } from "../../src/read/index.js";

/** An InputFile over bytes in memory, delivered in chunks of `chunk` bytes (to test chunk boundaries). */
export function memoryFile(path: string, data: Uint8Array | string, chunk = 1 << 20): InputFile {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return {
    path,
    size: bytes.length,
    async readAll() {
      return bytes;
    },
    async *open(buffers) {
      for (let i = 0; i < bytes.length; ) {
        // Into a buffer of the reader's when it gives some (as the CLI's files do), else memory of its own.
        const into = buffers?.take();
        const n = Math.min(chunk, bytes.length - i, into?.length ?? Infinity);
        if (into) into.set(bytes.subarray(i, i + n));
        yield into ? into.subarray(0, n) : bytes.slice(i, i + n);
        i += n;
      }
    },
  };
}

/** A workbook read to the end: its sheets with all their rows, and its findings. */
export interface ReadResult {
  format: string;
  sheets: { name: string; hidden: boolean; rows: RawRow[] }[];
  findings: Finding[];
}

/** Read a file completely, consuming every row. */
export async function readFully(file: InputFile, opts: ReadOptions = {}): Promise<ReadResult> {
  const wb = await readWorkbook(file, opts);
  const sheets: ReadResult["sheets"] = [];
  for await (const s of wb.sheets) {
    const rows: RawRow[] = [];
    for await (const r of s.rows) rows.push(r);
    sheets.push({ name: s.name, hidden: s.hidden, rows });
  }
  return { format: wb.format, sheets, findings: wb.findings };
}

/** The cells of the first sheet, row by row. */
export const cellsOf = (r: ReadResult): unknown[][] => (r.sheets[0]?.rows ?? []).map((x) => x.cells);

/** `[row, cells]` pairs of the first sheet. */
export const rowsOf = (r: ReadResult): [number, unknown[]][] => (r.sheets[0]?.rows ?? []).map((x) => [x.row, x.cells]);

/** Findings as `code` or `code@row` strings, for compact assertions. */
export const codesOf = (r: ReadResult): string[] => r.findings.map((f) => f.code);

/** Build an xlsx in memory with exceljs. */
export async function xlsxBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
