import { readdirSync } from "node:fs";
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputFile } from "../../src/cli/project-files.js";
import { readWorkbook } from "../../src/read/index.js";
import { READ_AHEAD_BYTES } from "../../src/read/xlsx.js";
import type { InputFile } from "../../src/schema/table.js";
import { codesOf, memoryFile, readFully, rowsOf } from "./helpers.js";
import { makeZip, workbookParts } from "./zip-writer.js";

/** A workbook larger than the read-ahead size: its sheet stored (not deflated) and its shared strings deflated. */
function bigBook(): Uint8Array {
  let rows = "";
  for (let i = 1; i <= 20_000; i++) rows += `<row r="${i}"><c r="A${i}"><v>${i}</v></c><c r="B${i}" t="s"><v>${i % 3}</v></c><c r="C${i}" t="inlineStr"><is><t>survivor ${i} of Jashore</t></is></c></row>`;
  const parts = workbookParts({ sheetData: rows, sharedStrings: ["SPP", "TSP", "Awareness"] });
  return makeZip(parts.map((p) => (p.name.includes("worksheets/") ? { ...p, store: true } : p)));
}

/** `file`, counting the bytes its stream hands out and whether it was read whole. */
function counting(file: InputFile): { file: InputFile; streamed: () => number; readWhole: () => boolean } {
  let streamed = 0;
  let whole = false;
  const wrapped: InputFile = {
    ...file,
    get size() {
      return file.size;
    },
    async readAll() {
      whole = true;
      return file.readAll();
    },
    async *open(buffers) {
      for await (const chunk of file.open(buffers)) {
        streamed += chunk.length;
        yield chunk;
      }
    },
  };
  return { file: wrapped, streamed: () => streamed, readWhole: () => whole };
}

describe("a large xlsx on disk", () => {
  let dir: string;
  let bytes: Uint8Array;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "logframe-disk-"));
    bytes = bigBook();
    await writeFile(path.join(dir, "big.xlsx"), bytes);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("is read in place, part by part: the same rows as from memory, with only its first chunk streamed to sniff it", async () => {
    expect(bytes.length).toBeGreaterThan(2 * READ_AHEAD_BYTES);
    const { file, streamed, readWhole } = counting(inputFile(dir, "big.xlsx", bytes.length));
    const fromDisk = await readFully(file);
    const fromMemory = await readFully(memoryFile("big.xlsx", bytes));
    expect(fromDisk.findings).toEqual([]);
    expect(rowsOf(fromDisk)).toEqual(rowsOf(fromMemory));
    expect(rowsOf(fromDisk).length).toBe(20_000);
    expect(rowsOf(fromDisk)[1]).toEqual([2, [2, "Awareness", "survivor 2 of Jashore"]]);
    expect(readWhole()).toBe(false);
    // One chunk of the stream (the CLI's are 1 MB) is read to sniff the format; the rest never is.
    expect(streamed()).toBeLessThanOrEqual(READ_AHEAD_BYTES);
  });

  it("cut short on disk is zip-corrupt, named after the file, and the next read works", async () => {
    await writeFile(path.join(dir, "cut.xlsx"), bytes);
    await truncate(path.join(dir, "cut.xlsx"), Math.floor(bytes.length / 2));
    const cut = await readFully(inputFile(dir, "cut.xlsx", Math.floor(bytes.length / 2)));
    expect(codesOf(cut)).toEqual(["zip-corrupt"]);
    expect(cut.findings[0]!.file).toBe("cut.xlsx");
    expect(rowsOf(await readFully(inputFile(dir, "big.xlsx", bytes.length))).length).toBe(20_000);
  });

  // Descriptors are counted in /proc, which only Linux has (CI runs on Linux).
  it.skipIf(process.platform !== "linux")("leaves no file open after reads that end well, end in damage or stop at the first row", async () => {
    const open = () => readdirSync("/proc/self/fd").length;
    await readFully(inputFile(dir, "big.xlsx", bytes.length)); // the worker is started
    const before = open();
    for (let i = 0; i < 5; i++) {
      await readFully(inputFile(dir, "big.xlsx", bytes.length));
      await readFully(inputFile(dir, "cut.xlsx", Math.floor(bytes.length / 2)));
      const wb = await readWorkbook(inputFile(dir, "big.xlsx", bytes.length));
      for await (const sheet of wb.sheets) for await (const row of sheet.rows) if (row.row >= 1) break;
    }
    for (let wait = 0; wait < 50 && open() > before; wait++) await new Promise((r) => setTimeout(r, 20));
    expect(open()).toBeLessThanOrEqual(before);
  });

  it("gone by the time its reader opens it is read-failed, naming the file and the reason", async () => {
    const head = bytes.subarray(0, 64 * 1024);
    const gone: InputFile = { ...memoryFile("gone.xlsx", head), size: bytes.length, diskPath: path.join(dir, "no-such.xlsx") };
    const r = await readFully(gone);
    expect(codesOf(r)).toEqual(["read-failed"]);
    expect(r.findings[0]!.file).toBe("gone.xlsx");
    expect(r.findings[0]!.message).toMatch(/cannot be read \(ENOENT\)/);
  });
});
