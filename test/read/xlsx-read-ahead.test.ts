import { describe, expect, it } from "vitest";
import type { Worker } from "node:worker_threads";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { ingestSources } from "../../src/index.js";
import { readWorkbook } from "../../src/read/index.js";
import { resolveReadOptions } from "../../src/read/options.js";
import type { ToMain } from "../../src/read/xlsx-protocol.js";
import { READ_AHEAD_BYTES } from "../../src/read/xlsx.js";
import { DEFAULT_WORKER_HEAP_MB, pool, prewarmXlsxReader } from "../../src/read/xlsx-pool.js";
import { eventRows, type IngestEvent, type RawWorkbook } from "../../src/schema/table.js";
import { memoryFile, xlsxBytes } from "./helpers.js";

const FIXTURE = new URL("../../fixtures/ashshash", import.meta.url).pathname;

/** A workbook of `n` data rows: more than the few batches a large file's worker may send unacknowledged. */
const bookOf = (n: number) =>
  xlsxBytes((wb) => {
    const ws = wb.addWorksheet("Data");
    ws.addRow(["Id", "Name", "Count"]);
    for (let i = 1; i <= n; i++) ws.addRow([i, `person ${i}`, i % 7]);
  });

/** Every row of every sheet, read to the end. */
async function rowsOf(wb: RawWorkbook): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const sheet of wb.sheets) for await (const r of sheet.rows) out.push(r.cells);
  return out;
}

/** Wait until `ok()` holds, polling (a worker under tsx takes a second or so to boot). */
async function until(ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Take every idle worker out of the pool, as if each were busy with another file. */
function holdAll(): Worker[] {
  const held: Worker[] = [];
  while (pool.idle.length > 0) held.push(pool.acquire(pool.idle[0]!.heapMb));
  return held;
}

describe("reading small workbooks ahead", () => {
  it("reads a small workbook to its end in the worker before its sheets are asked for, and frees the worker", async () => {
    const bytes = await bookOf(5000);
    expect(bytes.byteLength).toBeLessThan(READ_AHEAD_BYTES);
    prewarmXlsxReader();
    const wb = await readWorkbook(memoryFile("small.xlsx", bytes));
    // The file went to the idle worker at once...
    expect(pool.idle).toHaveLength(0);
    // ...and with nothing consumed yet, the worker still finishes it and goes back to the pool.
    await until(() => pool.idle.length === 1);
    const rows = await rowsOf(wb);
    expect(rows).toHaveLength(5001);
    expect(rows[5000]).toEqual([5000, "person 5000", 5000 % 7]);
    expect(wb.findings).toEqual([]);
  }, 60_000);

  it("waits for a busy worker to come free instead of starting another", async () => {
    const bytes = await bookOf(50);
    prewarmXlsxReader();
    const held = holdAll();
    expect(held).toHaveLength(1);
    const wb = await readWorkbook(memoryFile("waiting.xlsx", bytes));
    expect(pool.waiters).toHaveLength(1);
    // The other file is done: its worker comes back and the waiting read takes it at once.
    pool.release(held[0]!, DEFAULT_WORKER_HEAP_MB);
    expect(pool.waiters).toHaveLength(0);
    expect(pool.idle).toHaveLength(0);
    const rows = await rowsOf(wb);
    expect(rows).toHaveLength(51);
    await until(() => pool.idle.length === 1);
  }, 60_000);

  it("starts its own worker when its sheets are asked for before any worker is free, and stops waiting", async () => {
    const bytes = await bookOf(50);
    const held = holdAll();
    const wb = await readWorkbook(memoryFile("eager.xlsx", bytes));
    expect(pool.waiters).toHaveLength(1);
    const rows = await rowsOf(wb);
    expect(rows).toHaveLength(51);
    expect(pool.waiters).toHaveLength(0);
    for (const w of held) await w.terminate();
  }, 60_000);

  it("reads a small workbook that unzips to many rows at most 32 batches ahead of a consumer that takes none", async () => {
    // 40,000 rows compress to well under the read-ahead size but make 160 batches of 250 rows.
    const bytes = await bookOf(40_000);
    expect(bytes.byteLength).toBeLessThan(READ_AHEAD_BYTES);
    const worker = pool.acquire(DEFAULT_WORKER_HEAP_MB);
    const got: ToMain[] = [];
    worker.on("message", (m: ToMain) => got.push(m));
    worker.postMessage({ t: "job", job: 1_000_001, bytes, path: "many.xlsx", opts: resolveReadOptions({}), ahead: true });
    const batches = () => got.filter((m) => m.t === "rows").length;
    await until(() => batches() >= 32);
    await new Promise((r) => setTimeout(r, 500));
    expect(batches()).toBe(32);
    expect(got.some((m) => m.t === "done")).toBe(false);
    await worker.terminate();
  }, 60_000);

  it("opens the first workbook as soon as the stream is made, and every file once, in order", async () => {
    const loaded = await loadProject(FIXTURE);
    const sources = await resolveSources(loaded);
    const opened: string[] = [];
    const read: typeof readWorkbook = (file, opts) => {
      opened.push(file.path);
      return readWorkbook(file, opts);
    };
    const events = ingestSources(sources, loaded.project, { ...loaded.ingest, read });
    expect(opened).toEqual(["partners/rj/register-2019-2021.xlsx"]);
    // While the register (an xlsx) is ingested, the next file is a CSV: it is not opened ahead.
    const first = await events.next();
    expect(first.done).toBe(false);
    expect(opened).toEqual(["partners/rj/register-2019-2021.xlsx"]);
    for await (const e of events) void e;
    expect(opened).toEqual(sources.flatMap((s) => s.files.map((f) => f.path)));
  }, 60_000);

  it("gives the Ashshash fixture's events exactly as reading each file on its own does", async () => {
    const loaded = await loadProject(FIXTURE);
    const sources = await resolveSources(loaded);
    const flat = async (events: AsyncIterable<IngestEvent>): Promise<unknown[]> => {
      const out: unknown[] = [];
      for await (const e of events) out.push(e.type === "batch" ? eventRows(e).map((r) => [r.row, r.values]) : e);
      return out;
    };
    // One stream over every file (each small xlsx read while the file before it is ingested)...
    const together = await flat(ingestSources(sources, loaded.project, loaded.ingest));
    // ...and one stream per file, so nothing is read ahead.
    const apart: unknown[] = [];
    for (const sf of sources) for (const file of sf.files) apart.push(...(await flat(ingestSources([{ ...sf, files: [file] }], loaded.project, loaded.ingest))));
    expect(together.length).toBeGreaterThan(100);
    expect(together).toEqual(apart);
  }, 60_000);
});
