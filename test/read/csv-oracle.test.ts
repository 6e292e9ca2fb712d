import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvParser } from "../../src/read/csv-parser.js";
import { rawRowOf, SpanWriter } from "../../src/read/spans.js";

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

/** Our parser's cells, the UTF-8 bytes fed `chunk` bytes at a time (cutting characters anywhere). */
function ours(text: string, delimiter: string, chunk: number): (string | null)[][] {
  const parser = new CsvParser(delimiter);
  const bytes = new TextEncoder().encode(text);
  const out: (string | null)[][] = [];
  const writer = new SpanWriter();
  const take = (buf: Uint8Array) => {
    const s = writer.take(buf);
    for (let r = 0; r < s.count; r++) out.push(rawRowOf(s, r).cells as (string | null)[]);
  };
  for (let i = 0; i < bytes.length; i += chunk) take(parser.push(bytes.subarray(i, i + chunk), writer, take));
  take(parser.end(writer));
  return out;
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
        // Records whose every field is empty are blank lines to logframe: the parser leaves them out.
        const expected = (parse(text, { delimiter, relax_column_count: true }) as string[][]).map((r) => r.map((v) => (v === "" ? null : v))).filter((r) => r.some((v) => v !== null));
        expect(ours(text, delimiter, chunk)).toEqual(expected);
      }),
      { seed: 20261128, numRuns: 300 },
    );
  });

  it.each([",", ";", "\t", "|"])("reads random tables quoted only where a field needs it (delimiter %j) cell for cell as csv-parse does", (delimiter) => {
    // Unquoted fields go through the parser's byte scan (bytes above every stop byte skip its table).
    const needs = (v: string) => v === "" || v.includes(delimiter) || /["\r\n]/.test(v) || v !== v.trim();
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 64 }), (rows, chunk) => {
        const text = rows.map((r) => r.map((v) => (needs(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter)).join("\n") + "\n";
        const expected = (parse(text, { delimiter, relax_column_count: true }) as string[][]).map((r) => r.map((v) => (v === "" ? null : v))).filter((r) => r.some((v) => v !== null));
        expect(ours(text, delimiter, chunk)).toEqual(expected);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("reads texts with doubled quotes that repeat, that differ by a byte, that are long, and more than a thousand distinct ones, as csv-parse does", () => {
    // The parser remembers short undoubled texts by their bytes: a remembered text must never stand for another.
    const names = ['Md. Abdul "Babu" Karim', 'Md. Abdul "Babu" Karin', 'Md. Abdul "Babu" Karim ', '"', '""', `${"long ".repeat(80)}"end"`];
    const rows: string[][] = [];
    for (let i = 0; i < 3000; i++) rows.push([`EV-${i}`, names[i % names.length]!, `say "${i % 1500}"`, `"${"x".repeat(i % 300)}"`]);
    const text = writeCsv(rows, ",", "\n");
    const expected = (parse(text, { delimiter: ",", relax_column_count: true }) as string[][]).map((r) => r.map((v) => (v === "" ? null : v)));
    expect(ours(text, ",", 4096)).toEqual(expected);
  });
});
