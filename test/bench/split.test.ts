import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { headerBytes, splitCsv } from "../../bench/parallel/split.js";
import { tokenizeCsvText } from "../../bench/tokenizer/csv-tokenizer.js";

const reader = (bytes: Buffer, chunk: number) => async (position: number, length: number) => bytes.subarray(position, position + Math.min(length, chunk));

describe("splitCsv", () => {
  it("bench: every cut falls between records and says the line it starts on, whatever the quotes, line ends and read size", async () => {
    const cell = fc.string({ unit: fc.constantFrom("a", '"', ",", "\n", "\r", "\r\n", " ") });
    const quote = (c: string) => (/[",\r\n]/.test(c) || c === "" ? `"${c.replace(/"/g, '""')}"` : c);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 9 }),
        async (rows, eol, parts, chunk) => {
          const text = rows.map((r) => r.map(quote).join(",")).join(eol) + eol;
          const bytes = Buffer.from(text);
          const ranges = await splitCsv(reader(bytes, chunk), bytes.length, parts);
          expect(ranges[0]!.start).toBe(0);
          expect(ranges.at(-1)!.end).toBe(bytes.length);
          const pieces = ranges.flatMap((r) => tokenizeCsvText(bytes.subarray(r.start, r.end).toString(), { firstLine: r.firstLine }));
          expect(pieces).toEqual(tokenizeCsvText(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("bench: the header is the first record, quoted line breaks included", async () => {
    const bytes = Buffer.from('id,"long\nname"\r\n1,a\r\n');
    expect((await headerBytes(reader(bytes, 4), bytes.length)).toString()).toBe('id,"long\nname"\r\n');
  });
});
