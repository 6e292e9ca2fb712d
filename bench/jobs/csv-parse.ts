/**
 * Parse-only floors for CSV: csv-parse (the parser the reader started with), the bench's tokenizer,
 * or the reader's own parser (`reader`: `CsvParser` with its WebAssembly lane, as `readWorkbook`
 * feeds it: 1 MB chunks in 64 KB pieces), reading the whole file and touching every record, nothing else.
 * Usage: `node --import tsx bench/jobs/csv-parse.ts events.csv [csv-parse|tokenizer|reader]`.
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
} else if (parser === "reader") {
  const { CsvParser } = await import("../../src/read/csv-parser.js");
  const { SpanWriter } = await import("../../src/read/spans.js");
  const csv = new CsvParser(",");
  const writer = new SpanWriter();
  const take = (buf: Uint8Array) => {
    const s = writer.take(buf);
    rows += s.count;
    cells += s.fields[s.count]! - s.fields[0]!;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>)
    for (let at = 0; at < chunk.length; at += 64 * 1024) take(csv.push(chunk.subarray(at, at + 64 * 1024), writer, take));
  take(csv.end(writer));
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
