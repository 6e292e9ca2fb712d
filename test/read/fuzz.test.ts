import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { cellsOf, memoryFile, readFully, xlsxBytes } from "./helpers.js";

/** Seeded and bounded, so a failure reproduces and the suite stays fast. */
const RUNS = { seed: 20_261_128, numRuns: 200 };

/** A mutation of a byte string: flip bytes, cut it short, or insert random bytes. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
);

function mutate(b: Uint8Array, m: { kind: "flip"; at: number[]; xor: number } | { kind: "truncate"; at: number } | { kind: "insert"; at: number; bytes: Uint8Array }): Uint8Array {
  const out = new Uint8Array(b);
  switch (m.kind) {
    case "flip":
      for (const a of m.at) out[a % out.length]! ^= m.xor;
      return out;
    case "truncate":
      return out.slice(0, m.at % out.length);
    case "insert": {
      const at = m.at % (out.length + 1);
      return new Uint8Array([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
    }
  }
}

/** Reading never throws: it ends with rows, findings naming the file, or both. */
async function readsCleanly(path: string, bytes: Uint8Array): Promise<void> {
  const r = await readFully(memoryFile(path, bytes, 997), { limits: { seconds_per_file: 5 } });
  for (const f of r.findings) {
    expect(f.file).toBe(path);
    expect(f.message).not.toMatch(/^the reader (failed|crashed)/);
  }
  expect(r.sheets.length + r.findings.length).toBeGreaterThan(0);
}

describe("fuzzing readWorkbook with damaged files", () => {
  let xlsx: Uint8Array;
  const csv = new TextEncoder().encode('id,name,note\n1,Rina,"a, b"\n2,Joy,"line\nbreak"\n3,Ästa,""""\n');
  beforeAll(async () => {
    xlsx = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("Events");
      ws.addRow(["Union", "Female", "When"]);
      ws.addRow(["Sharsha", 12, new Date(Date.UTC(2021, 2, 4))]);
      ws.addRow([{ richText: [{ text: "Jhikar" }, { text: "gachha" }] }, { formula: "B2*2", result: 24 }, { error: "#REF!" }]);
    });
  });

  it("fuzz: a mutated xlsx never makes readWorkbook throw or hang", async () => {
    await fc.assert(fc.asyncProperty(mutation, (m) => readsCleanly("events.xlsx", mutate(xlsx, m))), RUNS);
  }, 120_000);

  it("fuzz: a mutated CSV never makes readWorkbook throw or hang", async () => {
    await fc.assert(fc.asyncProperty(mutation, (m) => readsCleanly("events.csv", mutate(csv, m))), RUNS);
  }, 60_000);

  it("fuzz: random bytes never make readWorkbook throw", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom("x.csv", "x.xlsx"), (bytes, path) => readsCleanly(path, bytes)),
      RUNS,
    );
  }, 60_000);
});

// ── Round trips: a table written out and read back gives the same cells ──────────────────────

/** Text a cell may hold: any Unicode but NUL, not empty; quotes, delimiters, line breaks and spaces are drawn often. */
const char = fc.oneof(fc.constantFrom('"', ",", ";", "\t", "|", "\n", "\r", " ", "\\", "a", "é", "ধ"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }));
const text = fc.string({ unit: char, minLength: 1, maxLength: 12 }).filter((s) => !s.includes("\0") && !s.startsWith("\uFEFF") && !/^sep=/i.test(s));
const csvCell = fc.oneof(text, fc.constant(""), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String));
/** A table of 2-5 columns where every row has at least one filled cell (blank rows are skipped by design). */
const table = <T>(cell: fc.Arbitrary<T>, filled: (v: T) => boolean) =>
  fc.integer({ min: 2, max: 5 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }).filter((r) => r.some(filled)), { minLength: 1, maxLength: 8 }));

/** CSV as a careful writer produces it: fields with a quote, a candidate delimiter or a line break are quoted. */
function toCsv(rows: string[][], delimiter: string, eol: string): string {
  const field = (v: string) => (/[",;\t|\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(field).join(delimiter)).join(eol) + eol;
}

describe("round trips", () => {
  it("round trip: a random table written as CSV reads back cell for cell, on the lines it was written", async () => {
    await fc.assert(
      fc.asyncProperty(table(csvCell, (v) => v !== ""), fc.constantFrom(",", ";", "\t", "|"), fc.constantFrom("\n", "\r\n"), fc.constantFrom(1 << 20, 5), async (rows, delimiter, eol, chunk) => {
        const r = await readFully(memoryFile("t.csv", toCsv(rows, delimiter, eol), chunk));
        expect(r.findings).toEqual([]);
        expect(cellsOf(r)).toEqual(rows.map((row) => row.map((v) => (v === "" ? null : v))));
        let line = 1;
        const lines = rows.map((row) => {
          const at = line;
          line += 1 + row.reduce((n, v) => n + (v.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
          return at;
        });
        expect(r.sheets[0]!.rows.map((x) => x.row)).toEqual(lines);
      }),
      RUNS,
    );
  }, 60_000);

  it("round trip: a random table written as xlsx by exceljs reads back cell for cell", async () => {
    // XML cannot hold most C0 controls and normalises CR, so xlsx text is printable Unicode plus TAB and LF.
    const xmlSafe = (s: string) => [...s].every((ch) => {
      const c = ch.codePointAt(0)!;
      return (c >= 0x20 || c === 0x09 || c === 0x0a) && c !== 0xfffe && c !== 0xffff;
    });
    const xlsxText = text.filter(xmlSafe);
    const cell = fc.oneof(xlsxText, fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)), fc.boolean());
    await fc.assert(
      fc.asyncProperty(table(cell, (v) => v !== null), async (rows) => {
        const bytes = await xlsxBytes((wb) => {
          const ws = wb.addWorksheet("T");
          rows.forEach((r) => ws.addRow(r));
        });
        const r = await readFully(memoryFile("t.xlsx", bytes));
        expect(r.findings).toEqual([]);
        const trimmed = (row: unknown[]) => {
          const out = [...row];
          while (out.length && out.at(-1) === null) out.pop();
          return out;
        };
        expect(r.sheets[0]!.rows.map((x) => [x.row, x.cells])).toEqual(rows.map((row, i) => [i + 1, trimmed(row)]));
      }),
      { ...RUNS, numRuns: 100 },
    );
  }, 120_000);
});
