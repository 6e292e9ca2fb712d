import { describe, expect, it } from "vitest";
import { EventEmitter } from "node:events";
import type { Worker } from "node:worker_threads";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { ingestSources } from "../../src/index.js";
import { AHEAD_BYTES } from "../../src/normalize/ingest.js";
import { readWorkbook } from "../../src/read/index.js";
import { resolveReadOptions } from "../../src/read/options.js";
import type { ToMain, ToWorker } from "../../src/read/xlsx-protocol.js";
import { READ_AHEAD_BYTES } from "../../src/read/xlsx.js";
import { DEFAULT_WORKER_HEAP_MB, pool, prewarmXlsxReader } from "../../src/read/xlsx-pool.js";
import { eventRows, type IngestEvent, type InputFile, type RawWorkbook } from "../../src/schema/table.js";
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

  it("reads small workbooks ahead in the order they were opened, even when a later one's bytes arrive first", async () => {
    const [first, second] = await Promise.all([bookOf(30), bookOf(40)]);
    prewarmXlsxReader();
    expect(pool.idle).toHaveLength(1);
    let arrive = (): void => {};
    const gate = new Promise<void>((r) => (arrive = r));
    const plain = memoryFile("first.xlsx", first);
    const slow: InputFile = {
      ...plain,
      async *open(buffers) {
        await gate;
        yield* plain.open(buffers);
      },
    };
    const pending = readWorkbook(slow);
    const later = await readWorkbook(memoryFile("second.xlsx", second));
    // The second file is ready but waits its turn: the worker stays idle for the first.
    expect(pool.idle).toHaveLength(1);
    arrive();
    const earlier = await pending;
    expect(pool.idle).toHaveLength(0);
    expect(await rowsOf(earlier)).toHaveLength(31);
    expect(await rowsOf(later)).toHaveLength(41);
    await until(() => pool.idle.length === 1);
  }, 60_000);

  it("serves places in the reader's queue in the order taken; a place given up holds nobody up", () => {
    const HEAP = 7; // a heap limit no real read uses, so only this test's fake worker serves it
    const fake = Object.assign(new EventEmitter(), { terminate: async () => 0 }) as unknown as Worker;
    const served: string[] = [];
    const take = (name: string) => () => {
      served.push(name);
      pool.acquire(HEAP);
    };
    const a = pool.reserve(HEAP);
    const b = pool.reserve(HEAP);
    pool.release(fake, HEAP);
    b.fill(take("b"));
    expect(served).toEqual([]);
    a.fill(take("a"));
    expect(served).toEqual(["a"]);
    pool.release(fake, HEAP);
    expect(served).toEqual(["a", "b"]);
    const c = pool.reserve(HEAP);
    const d = pool.reserve(HEAP);
    d.fill(take("d"));
    pool.release(fake, HEAP);
    expect(served).toEqual(["a", "b"]);
    c.withdraw();
    expect(served).toEqual(["a", "b", "d"]);
    expect(pool.waiters.filter((w) => w.heapMb === HEAP)).toEqual([]);
  });

  it("frees the worker for the next file when a small workbook's last rows arrive, before the consumer has taken them", async () => {
    const bytes = await bookOf(100);
    prewarmXlsxReader();
    await until(() => pool.idle.length === 1);
    const wb = await readWorkbook(memoryFile("one-batch.xlsx", bytes));
    expect(pool.idle).toHaveLength(0);
    // The sheet is asked for at once, so its messages reach a consumer that is waiting for them: the
    // rows, the sheet's end and the file's end, posted in one turn of the worker, come as one message.
    const idleAtFirstRow: number[] = [];
    let rows = 0;
    for await (const sheet of wb.sheets)
      for await (const r of sheet.rows) {
        if (rows++ === 0) idleAtFirstRow.push(pool.idle.length);
        void r;
      }
    expect(rows).toBe(101);
    expect(idleAtFirstRow).toEqual([1]);
  }, 60_000);

  it("reads a small workbook that unzips to many rows at most 32 batches ahead of a consumer that takes none", async () => {
    // 40,000 rows compress to well under the read-ahead size but make 160 batches of 250 rows.
    const bytes = await bookOf(40_000);
    expect(bytes.byteLength).toBeLessThan(READ_AHEAD_BYTES);
    const worker = pool.acquire(DEFAULT_WORKER_HEAP_MB);
    const got: ToMain[] = [];
    worker.on("message", (msgs: ToMain[]) => got.push(...msgs));
    worker.postMessage({ t: "job", job: 1_000_001, source: { bytes }, path: "many.xlsx", opts: resolveReadOptions({}), ahead: true } satisfies ToWorker);
    const batches = () => got.filter((m) => m.t === "rows").length;
    await until(() => batches() >= 32);
    await new Promise((r) => setTimeout(r, 500));
    expect(batches()).toBe(32);
    expect(got.some((m) => m.t === "done")).toBe(false);
    await worker.terminate();
  }, 60_000);

  it("opens every small workbook of the fixture as soon as the stream is made, in order, and every file once", async () => {
    const loaded = await loadProject(FIXTURE);
    const sources = await resolveSources(loaded);
    const opened: string[] = [];
    const read: typeof readWorkbook = (file, opts) => {
      opened.push(file.path);
      return readWorkbook(file, opts);
    };
    const events = ingestSources(sources, loaded.project, { ...loaded.ingest, read });
    const all = sources.flatMap((s) => s.files.map((f) => f.path));
    // The fixture's workbooks are small (150 KB together): all of them are opened at once, so the
    // reader's worker reads them one after another while the first files are ingested; CSVs are not.
    expect(opened).toEqual(all.filter((p) => p.endsWith(".xlsx")));
    for await (const e of events) void e;
    expect(opened).toEqual([...all.filter((p) => p.endsWith(".xlsx")), ...all.filter((p) => p.endsWith(".csv"))]);
  }, 60_000);

  it("opens small workbooks ahead only while their sizes together stay within the budget, and the next one always", async () => {
    const loaded = await loadProject(FIXTURE);
    const source = loaded.project.sources.find((s) => s.path.endsWith("events.xlsx"))!;
    const sized = (path: string, size: number) => ({ ...memoryFile(path, ""), size });
    const third = Math.floor(AHEAD_BYTES / 3);
    const files = [sized("a.xlsx", third), sized("b.xlsx", third), sized("c.csv", 100), sized("d.xlsx", third), sized("e.xlsx", third), sized("f.xlsx", -1), sized("g.xlsx", 10)];
    const opened: string[] = [];
    const read: typeof readWorkbook = async (file) => {
      opened.push(file.path);
      return { file: file.path, format: "xlsx", sheets: (async function* () {})(), findings: [] };
    };
    const events = ingestSources([{ source, index: 0, files }], loaded.project, { read });
    // a, b and d fill the budget (the CSV is not opened ahead, nor does it count).
    expect(opened).toEqual(["a.xlsx", "b.xlsx", "d.xlsx"]);
    const paths: string[] = [];
    for await (const e of events) if (e.type === "file") paths.push(e.file);
    expect(paths).toEqual(files.map((f) => f.path));
    // e once b's turn came (a and b ingested or under way), before the CSV's own turn; f (size
    // unknown) only once it was the next workbook; g after it.
    expect(opened).toEqual(["a.xlsx", "b.xlsx", "d.xlsx", "e.xlsx", "c.csv", "f.xlsx", "g.xlsx"]);
  });

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
