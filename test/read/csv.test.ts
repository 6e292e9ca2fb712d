import { describe, expect, it } from "vitest";
import { cellsOf, codesOf, memoryFile, readFully, rowsOf } from "./helpers.js";
import { readWorkbook } from "../../src/read/index.js";
import { rawRowOf } from "../../src/read/spans.js";
import type { RawRow } from "../../src/schema/table.js";

const utf16 = (s: string, endian: "le" | "be", bom = true): Uint8Array => {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let i = 0;
  if (bom) {
    out.set(endian === "le" ? [0xff, 0xfe] : [0xfe, 0xff]);
    i = 2;
  }
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out[i++] = endian === "le" ? c & 0xff : c >> 8;
    out[i++] = endian === "le" ? c >> 8 : c & 0xff;
  }
  return out;
};
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

interface Case {
  name: string;
  data: string | Uint8Array;
  rows: [number, (string | null)[]][];
  codes?: string[];
}

const cases: Case[] = [
  { name: "a plain comma file reads row by row with line numbers", data: "id,name\n1,Rina\n2,Joy\n", rows: [[1, ["id", "name"]], [2, ["1", "Rina"]], [3, ["2", "Joy"]]] },
  { name: "a UTF-8 BOM is dropped", data: bytes([0xef, 0xbb, 0xbf], "id,name\n1,Ästa\n"), rows: [[1, ["id", "name"]], [2, ["1", "Ästa"]]] },
  { name: "UTF-16LE with a BOM decodes", data: utf16("id,name\r\n1,Zürich\r\n", "le"), rows: [[1, ["id", "name"]], [2, ["1", "Zürich"]]] },
  { name: "UTF-16BE with a BOM decodes", data: utf16("id\tname\n1\t東京\n", "be"), rows: [[1, ["id", "name"]], [2, ["1", "東京"]]] },
  { name: "semicolons are detected as the delimiter", data: "id;amount;name\n1;1,50;a\n2;2,75;b\n", rows: [[1, ["id", "amount", "name"]], [2, ["1", "1,50", "a"]], [3, ["2", "2,75", "b"]]] },
  { name: "tabs are detected as the delimiter", data: "id\tname, full\n1\tDoe, Jane\n", rows: [[1, ["id", "name, full"]], [2, ["1", "Doe, Jane"]]] },
  { name: "pipes are detected as the delimiter", data: "a|b|c\n1|2|3\n", rows: [[1, ["a", "b", "c"]], [2, ["1", "2", "3"]]] },
  { name: "Excel's sep= line sets the delimiter and is not data", data: "sep=;\r\nid;name\r\n1;a\r\n", rows: [[2, ["id", "name"]], [3, ["1", "a"]]] },
  { name: "CRLF line endings", data: "a,b\r\n1,2\r\n", rows: [[1, ["a", "b"]], [2, ["1", "2"]]] },
  { name: "old Mac CR line endings", data: "a,b\r1,2\r3,4", rows: [[1, ["a", "b"]], [2, ["1", "2"]], [3, ["3", "4"]]] },
  {
    name: "a quoted line break keeps the next record's line number physical",
    data: 'id,note\n1,"two\nlines"\n2,"three\r\nlines\rhere"\n3,x\n',
    rows: [[1, ["id", "note"]], [2, ["1", "two\nlines"]], [4, ["2", "three\r\nlines\rhere"]], [7, ["3", "x"]]],
  },
  { name: "doubled quotes inside quotes are one quote", data: 'a\n"say ""hi"""\n', rows: [[1, ["a"]], [2, ['say "hi"']]] },
  { name: "ragged rows are kept as they are", data: "a,b,c\n1,2\n3,4,5,6\n", rows: [[1, ["a", "b", "c"]], [2, ["1", "2"]], [3, ["3", "4", "5", "6"]]] },
  { name: "blank lines and rows of empty cells are skipped", data: "a,b\n\n,\n1,2\n", rows: [[1, ["a", "b"]], [4, ["1", "2"]]] },
  { name: "empty cells are null", data: 'a,b,c\n1,,""\n', rows: [[1, ["a", "b", "c"]], [2, ["1", null, null]]] },
  { name: "spaces around a quoted field are allowed and dropped", data: 'a, b\n1, "x, y" \n', rows: [[1, ["a", " b"]], [2, ["1", "x, y"]]] },
  { name: "a backslash-escaped quote that would otherwise break the field is read as a quote", data: 'a\n"say \\" hi"\n', rows: [[1, ["a"]], [2, ['say " hi']]] },
  { name: "doubled quotes before and after a backslash-escaped quote are each one quote", data: 'a,b\n"x ""y"" \\" z ""w""",""""\n', rows: [[1, ["a", "b"]], [2, ['x "y" " z "w"', '"']]] },
  { name: "doubled quotes next to multi-byte text are one quote", data: 'a\n"মোট ""৪২"" জন"\n', rows: [[1, ["a"]], [2, ['মোট "৪২" জন']]] },
  { name: "a field ending in a backslash stays RFC 4180", data: 'a,b\n"C:\\dir\\",2\n', rows: [[1, ["a", "b"]], [2, ["C:\\dir\\", "2"]]] },
  { name: "the last line needs no line break", data: "a,b\n1,2", rows: [[1, ["a", "b"]], [2, ["1", "2"]]] },
  { name: "a trailing delimiter gives an empty last cell", data: "a,b,\n1,2,\n", rows: [[1, ["a", "b", null]], [2, ["1", "2", null]]] },
  {
    name: "Latin-1 bytes switch the file to windows-1252 with a warning",
    data: bytes("id,name\n1,caf", [0xe9], "\n2,na", [0xef], "ve\n"),
    rows: [[1, ["id", "name"]], [2, ["1", "café"]], [3, ["2", "naïve"]]],
    codes: ["encoding-guessed"],
  },
  { name: "a NUL byte is removed with a warning", data: bytes("a,b\n", [0], ",2\n"), rows: [[1, ["a", "b"]], [2, [null, "2"]]], codes: ["nul-bytes"] },
  { name: "__proto__ and friends are plain text cells", data: "__proto__,constructor,toString\n1,2,3\n", rows: [[1, ["__proto__", "constructor", "toString"]], [2, ["1", "2", "3"]]] },
];

describe("readWorkbook on CSV", () => {
  it.each(cases)("csv: $name", async ({ data, rows, codes }) => {
    for (const chunk of [1 << 20, 7, 1]) {
      const r = await readFully(memoryFile("partners/rj/register.csv", data, chunk));
      expect(r.format).toBe("csv");
      expect(rowsOf(r), `chunk size ${chunk}`).toEqual(rows);
      expect(codesOf(r), `chunk size ${chunk}`).toEqual(codes ?? []);
    }
  });

  it("csv: the sheet is named after the file without its extension", async () => {
    const r = await readFully(memoryFile("partners/rj/Events 2021.csv", "a\n1\n"));
    expect(r.sheets.map((s) => [s.name, s.hidden])).toEqual([["Events 2021", false]]);
  });

  it("csv: the first accent may come long after the start and still decides the encoding", async () => {
    const head = "id,name\n" + "1,plain ascii\n".repeat(20_000);
    const r = await readFully(memoryFile("a.csv", bytes(head, "2,Jos", [0xe9], "\n"), 64 * 1024));
    expect(cellsOf(r).at(-1)).toEqual(["2", "José"]);
    expect(codesOf(r)).toEqual(["encoding-guessed"]);
  });

  it("csv: a UTF-8 character split across chunks decodes whole", async () => {
    const r = await readFully(memoryFile("a.csv", "x\nধ্রুব😀\n", 1));
    expect(cellsOf(r)).toEqual([["x"], ["ধ্রুব😀"]]);
  });
});

describe("CSV rows as byte spans", () => {
  /** Read `take` rows through `rows`, then the rest through `spans()`, as raw rows. */
  async function readSplit(data: string | Uint8Array, take: number, chunk: number): Promise<RawRow[]> {
    const wb = await readWorkbook(memoryFile("a.csv", data, chunk));
    const out: RawRow[] = [];
    for await (const sheet of wb.sheets) {
      const rows = sheet.rows[Symbol.asyncIterator]();
      for (let i = 0; i < take; i++) {
        const r = await rows.next();
        if (r.done) break;
        out.push(r.value);
      }
      for await (const s of sheet.spans!()) for (let r = 0; r < s.count; r++) out.push(rawRowOf(s, r));
    }
    return out;
  }

  it.each(cases.filter((c) => !c.codes))("csv spans: $name reads the same rows through spans() after the first rows", async ({ data, rows }) => {
    for (const chunk of [1 << 20, 7, 1]) {
      for (const take of [0, 1, 2]) {
        const got = (await readSplit(data, take, chunk)).map((r) => [r.row, r.cells]);
        expect(got, `chunk ${chunk}, ${take} rows first`).toEqual(rows);
      }
    }
  });

  it("csv spans: a record with quoted line breaks says how many lines it spans", async () => {
    const r = await readFully(memoryFile("a.csv", 'id,note\n1,"two\nlines"\n2,x\n'));
    expect(r.sheets[0]!.rows.map((x) => [x.row, x.lines ?? 1])).toEqual([[1, 1], [2, 2], [4, 1]]);
  });

  it("csv spans: spans() after a problem ends at the rows before it", async () => {
    const got = await readSplit('id,size\n1,12\n2,3"\n', 1, 1 << 20);
    expect(got.map((r) => r.cells)).toEqual([["id", "size"], ["1", "12"]]);
  });
});

interface ErrorCase {
  name: string;
  data: string | Uint8Array;
  code: string;
  message: RegExp;
  row?: number;
  rowsBefore?: number;
}

const errors: ErrorCase[] = [
  { name: "an empty file", data: "", code: "file-empty", message: /empty \(0 bytes\)/ },
  { name: "a file of blank lines", data: "\n\r\n\n   \n", code: "file-empty", message: /only blank lines/ },
  { name: "a BOM and nothing else", data: bytes([0xef, 0xbb, 0xbf], "\n"), code: "file-empty", message: /byte-order mark/ },
  { name: "a quote inside an unquoted field", data: 'id,size\n1,12"\n', code: "read-failed", message: /^CSV line 2: a quote inside an unquoted field/, row: 2, rowsBefore: 1 },
  { name: "text after a closing quote", data: 'id,name\n1,"alpha"trailing\n', code: "read-failed", message: /^CSV line 2: text after a closing quote/, row: 2, rowsBefore: 1 },
  { name: "a quote never closed", data: 'id,name\n1,ok\n2,"never\nclosed\n', code: "read-failed", message: /^CSV line 3: a quoted field opened here is never closed/, row: 3, rowsBefore: 2 },
  {
    name: "invalid UTF-8 in a UTF-8 file",
    data: bytes("id,name\n1,caf", [0xc3, 0xa9], "\n2,bad ", [0xc3, 0x28], "\n"),
    code: "encoding-invalid",
    message: /^CSV line 3: bytes that are not UTF-8 \(C3 28/,
    row: 3,
  },
  { name: "UTF-16 without a BOM", data: utf16("id,name\r\n1,alpha\r\n", "le", false), code: "encoding-invalid", message: /UTF-16LE text without a byte-order mark/ },
  { name: "a file padded with NUL bytes", data: bytes("a,b\n1,2\n", new Array(4096).fill(0)), code: "read-failed", message: /line 3 and the rest of the file is NUL bytes/ },
  { name: "a gzip file named .csv", data: bytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), code: "format-unsupported", message: /gzip/ },
  { name: "a PDF named .csv", data: "%PDF-1.7\n%...", code: "format-unsupported", message: /PDF/ },
  { name: "an HTML page named .csv", data: "<!DOCTYPE html><html><body>Session expired</body></html>", code: "format-unsupported", message: /HTML page/ },
  { name: "binary data", data: bytes(Array.from({ length: 600 }, (_, i) => (i * 37) % 32)), code: "format-unsupported", message: /binary data/ },
];

describe("readWorkbook on bad CSV", () => {
  it.each(errors)("csv: $name is refused with $code", async ({ data, code, message, row, rowsBefore }) => {
    const r = await readFully(memoryFile("partners/rj/register.csv", data));
    const errs = r.findings.filter((f) => f.severity === "error");
    expect(errs.map((f) => f.code)).toEqual([code]);
    expect(errs[0]!.message).toMatch(message);
    expect(errs[0]!.file).toBe("partners/rj/register.csv");
    if (row !== undefined) expect(errs[0]!.row).toBe(row);
    expect(cellsOf(r).length).toBe(rowsBefore ?? 0);
  });

  it("csv: more rows than limits.max_rows stops with sheet-too-large at the first row over", async () => {
    const r = await readFully(memoryFile("a.csv", "a\n1\n2\n3\n4\n"), { limits: { max_rows: 3 } });
    expect(cellsOf(r)).toEqual([["a"], ["1"], ["2"]]);
    expect(r.findings.map((f) => [f.code, f.row])).toEqual([["sheet-too-large", 4]]);
    expect(r.findings[0]!.message).toMatch(/more than 3 rows/);
  });

  it("csv: a row with more filled cells than limits.max_columns stops with sheet-too-large", async () => {
    const r = await readFully(memoryFile("a.csv", "a,b\n1,2\n1,2,3,4\n"), { limits: { max_columns: 3 } });
    expect(cellsOf(r)).toEqual([["a", "b"], ["1", "2"]]);
    expect(r.findings.map((f) => [f.code, f.row])).toEqual([["sheet-too-large", 3]]);
  });

  it("csv: a file larger than limits.max_file_mb is refused before it is read", async () => {
    const r = await readFully(memoryFile("a.csv", "a\n" + "1\n".repeat(600_000)), { limits: { max_file_mb: 1 } });
    expect(codesOf(r)).toEqual(["file-too-large"]);
    expect(r.sheets).toEqual([]);
  });

  it("csv: the sheet option does not apply to a CSV", async () => {
    const r = await readFully(memoryFile("a.csv", "a\n1\n"), { sheet: "Events" });
    expect(cellsOf(r)).toEqual([["a"], ["1"]]);
  });
});

describe("files that cannot be read", () => {
  const failing = (code: string) => ({
    path: "partners/rj/register.csv",
    size: -1,
    readAll: () => Promise.reject(Object.assign(new Error(`${code}: /abs/partners/rj/register.csv`), { code })),
    open: () => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(Object.assign(new Error(`${code}: /abs/partners/rj/register.csv`), { code })) }),
    }),
  });
  it.each([
    ["ENOENT", "vanished"],
    ["EACCES", "permission denied"],
    ["EBUSY", "locked by another program"],
  ])("a file whose read fails with %s is a file-unreadable finding saying why, naming the file", async (code, words) => {
    const wb = await readWorkbook(failing(code));
    for await (const _ of wb.sheets) void _;
    expect(wb.findings.map((f) => [f.code, f.file])).toEqual([["file-unreadable", "partners/rj/register.csv"]]);
    expect(wb.findings[0]!.message).toContain(words);
  });
});
