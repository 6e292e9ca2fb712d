/**
 * Parse-only floors for CSV: csv-parse (the parser the reader started with) or logframe's own
 * tokenizer, reading the whole file and touching every record, nothing else.
 * Usage: `node --import tsx bench/jobs/csv-parse.ts events.csv [csv-parse|tokenizer]`.
 */
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { emit, markStart } from "./job-output.js";

const [file, parser = "csv-parse"] = process.argv.slice(2) as [string, string?];
const t0 = markStart();
let rows = 0;
let cells = 0;
if (parser === "csv-parse") {
  for await (const record of createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ bom: true, relax_column_count: true }))) {
    rows++;
    cells += (record as string[]).length;
  }
} else {
  const { tokenizeCsv } = await import("../tokenizer/csv-tokenizer.js");
  for await (const batch of tokenizeCsv(createReadStream(file, { highWaterMark: 1 << 20 }))) {
    for (const record of batch) {
      rows++;
      cells += record.fields.length;
    }
  }
}
emit({ rows: rows - 1, seconds: (performance.now() - t0) / 1000, checks: { cells } });
