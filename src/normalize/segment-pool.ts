import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { SegmentAnswer, SegmentMessage, TableMessage } from "./segment-protocol.js";

/**
 * Worker threads that read CSV segments (`segment-worker.ts`). Each `read` resolves with the worker's
 * answer, or with `failed` when the worker dies (the caller then reads the segment itself). Workers
 * do not keep the process alive; `close` ends them.
 */
export class SegmentPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { worker: number; resolve: (a: SegmentAnswer) => void }>();
  private readonly known: Set<number>[] = [];
  private seq = 0;
  private next = 0;

  constructor(readonly size: number) {}

  /** Read a segment of a table on the next worker (round robin); the table is sent to a worker once. `segment.pieces` are transferred. */
  read(table: TableMessage, segment: Omit<SegmentMessage, "t" | "seq" | "table">): Promise<SegmentAnswer> {
    const w = this.next;
    this.next = (this.next + 1) % this.size;
    const worker = this.worker(w);
    if (!this.known[w]!.has(table.id)) {
      worker.postMessage(table);
      this.known[w]!.add(table.id);
    }
    const seq = ++this.seq;
    worker.ref();
    return new Promise((resolve) => {
      this.waiting.set(seq, { worker: w, resolve });
      const m: SegmentMessage = { t: "segment", seq, table: table.id, ...segment };
      worker.postMessage(m, [...new Set(m.pieces.map((p) => p.buffer as ArrayBuffer))]);
    });
  }

  async close(): Promise<void> {
    const all = this.workers.splice(0);
    for (const [seq, w] of this.waiting) w.resolve({ t: "failed", seq, why: "the reading was stopped", pieces: undefined });
    this.waiting.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private worker(i: number): Worker {
    let w = this.workers[i];
    if (w) return w;
    w = spawn();
    w.unref();
    w.on("message", (a: SegmentAnswer) => {
      const waiting = this.waiting.get(a.seq);
      this.waiting.delete(a.seq);
      // An idle worker must not keep the process alive; a busy one must, or the answer is never heard.
      if (![...this.waiting.values()].some((x) => x.worker === i)) w!.unref();
      waiting?.resolve(a);
    });
    const fail = (why: string) => {
      for (const [seq, x] of this.waiting) {
        if (x.worker !== i) continue;
        this.waiting.delete(seq);
        x.resolve({ t: "failed", seq, why, pieces: undefined });
      }
      if (this.workers[i] === w) delete this.workers[i];
      this.known[i] = new Set();
    };
    w.on("error", (e: Error) => fail(`the worker failed: ${e.message}`));
    w.on("exit", () => fail("the worker stopped"));
    this.workers[i] = w;
    this.known[i] = new Set();
    return w;
  }
}

/** Start a worker: the compiled `.js` next to this module, or the `.ts` source under tsx/vitest. */
function spawn(): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./segment-worker.js", here));
  const tsxDir = dirname(createRequire(here).resolve("tsx/package.json"));
  const tsx = pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href;
  const entry = new URL("./segment-worker.ts", here).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}
