/**
 * Reading speed on generated files: `npx tsx test/read/measure.ts [rows]` (default 100,000).
 * Builds an events-like table (12 columns: ids, dates, names with quoted commas, counts), writes it
 * as CSV and as xlsx (exceljs), reads each through `readWorkbook` consuming every row, and prints
 * rows/s and the CPU time of the process (all threads: the xlsx parse runs in the reader worker).
 */
import ExcelJS from "exceljs";
import { readWorkbook } from "../../src/read/index.js";
import { memoryFile } from "./helpers.js";

const ROWS = Number(process.argv[2] ?? 100_000);
const UNIONS = ["Jhikargachha", "Sharsha", "Chougachha", "Jashore Sadar", "Bagherpara"];
const TYPES = ["School awareness session", "Theatre show", "Courtyard meeting", "Union meeting"];

function table(): (string | number)[][] {
  const rows: (string | number)[][] = [["Event ID", "Date", "Event Type", "Union", "Upazila", "District", "Venue", "Female", "Male", "Other", "Total", "Facilitator"]];
  for (let i = 1; i <= ROWS; i++) {
    const f = (i * 7) % 60;
    const m = (i * 11) % 50;
    const month = String((i % 12) + 1).padStart(2, "0");
    rows.push([`EV-${String(i).padStart(7, "0")}`, `2021-${month}-15`, TYPES[i % 4]!, UNIONS[i % 5]!, UNIONS[(i + 1) % 5]!, "Jashore", `School ${i % 300}, Ward ${i % 9}`, f, m, i % 3, f + m + (i % 3), "Kamrul Hasan"]);
  }
  return rows;
}

async function measure(name: string, path: string, bytes: Uint8Array): Promise<void> {
  for (let run = 1; run <= 3; run++) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const wb = await readWorkbook(memoryFile(path, bytes), {});
    let rows = 0;
    for await (const sheet of wb.sheets) for await (const _ of sheet.rows) rows++;
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    console.log(
      `${name} run ${run}: ${rows.toLocaleString("en-US")} rows in ${ms.toFixed(0)} ms = ${Math.round((rows / ms) * 1000).toLocaleString("en-US")} rows/s; process CPU (all threads) ${((used.user + used.system) / 1000).toFixed(0)} ms${wb.findings.length ? `; findings: ${wb.findings.map((f) => f.code).join(", ")}` : ""}`,
    );
  }
}

const rows = table();
const csv = new TextEncoder().encode(rows.map((r) => r.map((v) => (typeof v === "string" && v.includes(",") ? `"${v}"` : String(v))).join(",")).join("\n") + "\n");
console.log(`CSV: ${(csv.length / 1048576).toFixed(1)} MB`);
await measure("csv ", "events.csv", csv);
const book = new ExcelJS.Workbook();
const ws = book.addWorksheet("Events");
for (const r of rows) ws.addRow(r);
const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
console.log(`xlsx: ${(xlsx.length / 1048576).toFixed(1)} MB (exceljs-written)`);
await measure("xlsx", "events.xlsx", xlsx);
process.exit(0);
