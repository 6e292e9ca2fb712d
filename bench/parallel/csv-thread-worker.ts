/** Prototype worker: reads and parses one CSV (the real reader), posts its span batches; bytes in SharedArrayBuffers. */
import { open, stat } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { readWorkbook } from "../../src/read/index.js";
import type { CellSpans, InputFile } from "../../src/schema/table.js";

const { abs, rel, limits, group } = workerData as { abs: string; rel: string; limits: object; group: number };
const file: InputFile = {
  path: rel,
  size: (await stat(abs)).size,
  readAll: () => Promise.reject(new Error("csv only")),
  async *open() {
    const h = await open(abs, "r");
    try {
      for (;;) {
        const b = Buffer.from(new SharedArrayBuffer(1 << 20));
        const { bytesRead } = await h.read(b, 0, b.length, null);
        if (bytesRead === 0) return;
        yield b.subarray(0, bytesRead);
      }
    } finally {
      await h.close();
    }
  },
};
const wb = await readWorkbook(file, { limits });
parentPort!.postMessage({ type: "format", format: wb.format });
const copy = (s: CellSpans) => ({ ...s, lines: s.lines.slice(), spans: s.spans.slice(), fields: s.fields.slice(), starts: s.starts.slice(), ends: s.ends.slice() });
for await (const sheet of wb.sheets) {
  parentPort!.postMessage({ type: "sheet", name: sheet.name });
  let out: ReturnType<typeof copy>[] = [];
  for await (const s of sheet.spans!()) {
    out.push(copy(s));
    if (out.length >= group) {
      parentPort!.postMessage({ type: "batches", batches: out });
      out = [];
    }
  }
  parentPort!.postMessage({ type: "batches", batches: out });
}
parentPort!.postMessage({ type: "end", findings: wb.findings });
