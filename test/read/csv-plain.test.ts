import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DELIMITERS } from "../../src/read/csv-dialect.js";
import { CORPUS_DIR, corpusEntries } from "../corpus/corpus-files.js";
import { PlainLane } from "../../src/read/csv-plain.js";
import { CsvParser } from "../../src/read/csv-parser.js";
import { ReadProblem } from "../../src/read/problem.js";
import type { CellSpans } from "../../src/schema/table.js";
import { rawRowOf, SpanWriter } from "../../src/read/spans.js";

// The parser's fast lane (WebAssembly) reads plain records; its own loop reads the rest. Both must
// read every input alike: the same records, cells, lines and errors, whatever the chunking.

interface Read {
  records: { row: number; lines: number; cells: (string | null)[] }[];
  error?: string;
}

function read(bytes: Uint8Array, delimiter: string, chunk: number, fastLane: boolean): Read {
  const parser = new CsvParser(delimiter, 1, fastLane);
  const writer = new SpanWriter();
  const records: Read["records"] = [];
  const take = (buf: Uint8Array) => {
    const s = writer.take(buf);
    for (let r = 0; r < s.count; r++) {
      const row = rawRowOf(s, r);
      records.push({ row: row.row, lines: row.lines ?? 1, cells: row.cells as (string | null)[] });
    }
  };
  try {
    for (let i = 0; i < bytes.length; i += chunk) take(parser.push(bytes.subarray(i, i + chunk), writer, take));
    take(parser.end(writer));
  } catch (err) {
    if (!(err instanceof ReadProblem)) throw err;
    take(parser.buffer);
    return { records, error: err.message };
  }
  return { records };
}

const encode = (text: string) => new TextEncoder().encode(text);

/** Pieces of CSV that meet every path of both readers: quotes doubled, escaped, misplaced or never closed; every line end; blanks; multi-byte text. */
const piece = fc.constantFrom(",", ";", "\t", "|", '"', '""', "\n", "\r\n", "\r", " ", "a", "7", "-1.5", "মহিলা", "\\", '\\"', '"x"', '"a,b"', '"say ""hi"""', '"two\nlines"', " \"q\" ", ",,");
const doc = fc.array(piece, { maxLength: 80 }).map((ps) => ps.join(""));

/** A seeded mix of records of every kind, `n` of them, for inputs larger than the lane's window. */
function mixedRecords(n: number, seed: number): string {
  let x = seed;
  const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const kinds = [
    (i: number) => `EV-${i},2021-01-16,School session,Sharsha,${i % 50},7,1,58\n`,
    (i: number) => `EV-${i},"Bagachra Girls' School, Sharsha",1,7\r\n`,
    (i: number) => `EV-${i},"Md. Abdul ""Babu"" Karim",${i},\n`,
    (i: number) => `EV-${i},"a note\nover two lines",3\n`,
    () => `,,,\n`,
    () => `\n`,
    (i: number) => `EV-${i}, "spaced" ,9\r`,
    (i: number) => `EV-${i},"escaped \\" quote",1\n`,
    (i: number) => `মহিলা-${i},পুরুষ,${i}\n`,
    (i: number) => `EV-${i},"",""\n`,
  ];
  let out = "";
  for (let i = 0; i < n; i++) out += kinds[Math.floor(rand() * rand() * kinds.length)]!(i);
  return out;
}

describe("the CSV parser's fast lane", () => {
  it("reads random CSV, well-formed or not, as the parser's own loop does, in any chunking", () => {
    fc.assert(
      fc.property(doc, fc.constantFrom(",", ";", "\t", "|"), fc.integer({ min: 1, max: 40 }), (text, delimiter, chunk) => {
        const bytes = encode(text);
        expect(read(bytes, delimiter, chunk, true)).toEqual(read(bytes, delimiter, chunk, false));
        expect(read(bytes, delimiter, bytes.length + 1, true)).toEqual(read(bytes, delimiter, bytes.length + 1, false));
      }),
      { seed: 20261203, numRuns: 3000 },
    );
  });

  it.each([1 << 20, 65536, 65535, 4096, 777])("reads 20,000 records of every kind (400 KB, many windows) as the parser's own loop does, %i bytes at a time", (chunk) => {
    const bytes = encode(mixedRecords(20_000, chunk));
    const fast = read(bytes, ",", chunk, true);
    expect(fast.error).toBeUndefined();
    expect(fast.records.length).toBeGreaterThan(15_000);
    expect(fast).toEqual(read(bytes, ",", chunk, false));
  });

  it("leaves a record longer than its window to the parser's loop, and reads on after it", () => {
    const long = "x".repeat(70_000);
    const text = `a,b\n${long},1\n"${long}",2\nc,d\n`;
    const bytes = encode(text);
    const fast = read(bytes, ",", bytes.length, true);
    expect(fast.records.map((r) => [r.row, r.cells[0]!.length, r.cells[1]])).toEqual([
      [1, 1, "b"],
      [2, 70_000, "1"],
      [3, 70_000, "2"],
      [4, 1, "d"],
    ]);
    expect(fast).toEqual(read(bytes, ",", bytes.length, false));
  });

  it("reads every CSV of the robustness corpus, with each delimiter and in four chunkings, as the parser's own loop does", () => {
    const files = corpusEntries().filter((e) => /\.(csv|tsv|txt)$/.test(e.file));
    expect(files.length).toBeGreaterThan(60);
    for (const { file } of files) {
      const bytes = readFileSync(path.join(CORPUS_DIR, file));
      for (const delimiter of DELIMITERS)
        for (const chunk of [bytes.length + 1, 65536, 1000, 7]) {
          // Small pieces over the large hostile files re-read their one unfinished record many times: slow, and covered by the random tests.
          if (chunk < 65536 && bytes.length > (chunk === 7 ? 50_000 : 500_000)) continue;
          expect(read(bytes, delimiter, chunk, true), `${file}, ${JSON.stringify(delimiter)}, ${chunk}`).toEqual(read(bytes, delimiter, chunk, false));
        }
    }
  }, 120_000);

  it("stops where a record is not plain, and its errors are the parser's", () => {
    const bytes = encode('id,name\n1,ab"c\n2,x\n');
    expect(read(bytes, ",", bytes.length, true)).toEqual({
      records: [{ row: 1, lines: 1, cells: ["id", "name"] }],
      error: 'CSV line 2: a quote inside an unquoted field (`ab"c`): put the whole field in quotes and double the quotes inside it',
    });
  });
});

describe("PlainLane", () => {
  const lane = PlainLane.for(",".charCodeAt(0))!;
  const spans = (w: SpanWriter, bytes: Uint8Array): CellSpans => w.take(bytes);

  it("cuts plain records into fields, leaves out blank ones while counting their lines, and stops before the first record that is not plain", () => {
    const bytes = encode('a,"b,c"\r\n,,\n\nd,"e ""f"""\n"g" ,h\ni,j\n');
    const w = new SpanWriter();
    lane.reset(bytes);
    const undoubled: string[] = [];
    const at = lane.take(0, 10, w, (s, e) => {
      undoubled.push(Buffer.from(bytes.subarray(s, e)).toString());
      return "e \"f\"";
    });
    expect(at).toBe(Buffer.from(bytes).indexOf('"g"'));
    expect(lane.passed).toBe(4);
    const s = spans(w, bytes);
    expect([0, 1].map((r) => rawRowOf(s, r))).toEqual([
      { row: 10, cells: ["a", "b,c"] },
      { row: 13, cells: ["d", 'e "f"'] },
    ]);
    expect(undoubled).toEqual(['e ""f""']);
  });

  it("takes nothing from a record that does not end in the bytes, nor from a CR that may be followed by an LF", () => {
    const w = new SpanWriter();
    for (const text of ["a,b", "a,b\r", '"a\nb"\n', 'a,"b']) {
      lane.reset(encode(text));
      expect(lane.take(0, 1, w, () => "")).toBe(0);
      expect(lane.passed).toBe(0);
    }
    expect(w.size).toBe(0);
  });

  it("gives each parser a lane of its own, so two buffers read in turn do not mix", () => {
    const other = PlainLane.for(",".charCodeAt(0))!;
    // Each lane stops at the record that is not plain; its window still holds the rest when it goes on.
    const one = encode('1,2\n3"\n5,6\n');
    const two = encode('x,y\nz"\nv,w\n');
    const w1 = new SpanWriter();
    const w2 = new SpanWriter();
    lane.reset(one);
    other.reset(two);
    expect(lane.take(0, 1, w1, () => "")).toBe(4);
    expect(other.take(0, 1, w2, () => "")).toBe(4);
    expect(lane.take(7, 3, w1, () => "")).toBe(11);
    expect(other.take(7, 3, w2, () => "")).toBe(11);
    const s1 = spans(w1, one);
    const s2 = spans(w2, two);
    expect([0, 1].map((r) => rawRowOf(s1, r))).toEqual([
      { row: 1, cells: ["1", "2"] },
      { row: 3, cells: ["5", "6"] },
    ]);
    expect([0, 1].map((r) => rawRowOf(s2, r).cells)).toEqual([
      ["x", "y"],
      ["v", "w"],
    ]);
  });
});
