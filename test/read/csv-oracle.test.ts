import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvParser, type CsvRecord } from "../../src/read/csv-parser.js";

// Differential test: on well-formed RFC 4180 input, logframe's streaming parser (kept for speed and
// for the leniencies of real partner files, see docs/performance.md) reads exactly what csv-parse reads.

const field = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", " ", "a,b", 'say "hi"', "line\nbreak", "cr\r\nlf", "১২৩", "মহিলা", "=SUM(A1)", "  padded  "),
);
const table = fc.integer({ min: 1, max: 6 }).chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 20 }));

/** Quote every field (RFC 4180), so the two parsers see unambiguous input. */
function writeCsv(rows: string[][], delimiter: string, eol: string): string {
  return rows.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(delimiter)).join(eol) + eol;
}

function ours(text: string, delimiter: string, chunk: number): (string | null)[][] {
  const parser = new CsvParser(delimiter);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk), out);
  parser.end(out);
  return out.map((r) => r.cells);
}

describe("the CSV parser against csv-parse", () => {
  it.each([
    [",", "\n"],
    [";", "\r\n"],
    ["\t", "\n"],
  ])("reads random quoted tables (delimiter %j, end of line %j) cell for cell as csv-parse does", (delimiter, eol) => {
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 64 }), (rows, chunk) => {
        const text = writeCsv(rows, delimiter, eol);
        const expected = (parse(text, { delimiter, relax_column_count: true }) as string[][]).map((r) => r.map((v) => (v === "" ? null : v)));
        expect(ours(text, delimiter, chunk)).toEqual(expected);
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });
});
