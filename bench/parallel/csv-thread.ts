/** Prototype: `ReadWorkbook` whose CSV is read and parsed in a worker thread (csv-thread-worker.ts). */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { rawRowOf, spansFrom } from "../../src/read/spans.js";
import type { CellSpans, InputFile, RawRow, RawSheet, RawWorkbook } from "../../src/schema/table.js";
import type { Finding } from "../../src/errors/finding.js";

type Msg = { type: "format"; format: "csv" | "xlsx" } | { type: "sheet"; name: string } | { type: "batches"; batches: CellSpans[] } | { type: "end"; findings: Finding[] };

export function threadRead(dir: string, group = 8) {
  return async (file: InputFile, opts: { limits?: object }): Promise<RawWorkbook> => {
    const w = new Worker(new URL("./csv-thread-worker.js", import.meta.url), { workerData: { abs: path.join(dir, file.path), rel: file.path, limits: opts.limits, group } });
    const queue: Msg[] = [];
    let wake: (() => void) | undefined;
    w.on("message", (m: Msg) => {
      queue.push(m);
      wake?.();
    });
    w.on("error", (e) => {
      throw e;
    });
    const nextMsg = async (): Promise<Msg> => {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      wake = undefined;
      return queue.shift()!;
    };
    const first = (await nextMsg()) as Extract<Msg, { type: "format" }>;
    const findings: Finding[] = [];
    let pending: CellSpans[] = [];
    let ended = false;
    const nextBatch = async (): Promise<CellSpans | undefined> => {
      while (pending.length === 0) {
        if (ended) return undefined;
        const m = await nextMsg();
        if (m.type === "batches") pending = m.batches;
        else if (m.type === "end") {
          findings.push(...m.findings);
          ended = true;
        } else if (m.type === "sheet") continue;
      }
      return pending.shift();
    };
    async function* sheets(): AsyncGenerator<RawSheet> {
      const m = await nextMsg();
      if (m.type !== "sheet") {
        if (m.type === "end") findings.push(...m.findings);
        return;
      }
      let cur: CellSpans | undefined;
      let at = 0;
      const rows: AsyncIterable<RawRow> = {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            for (;;) {
              if (cur && at < cur.count) return { value: rawRowOf(cur, at++), done: false };
              cur = await nextBatch();
              at = 0;
              if (!cur) return { value: undefined, done: true };
            }
          },
        }),
      };
      const spans = (): AsyncIterable<CellSpans> => ({
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            if (cur && at < cur.count) {
              const s = spansFrom(cur, at);
              cur = undefined;
              return { value: s, done: false };
            }
            cur = undefined;
            const b = await nextBatch();
            return b ? { value: b, done: false } : { value: undefined, done: true };
          },
        }),
      });
      yield { name: m.name, hidden: false, rows, spans };
    }
    return { file: file.path, format: first.format, sheets: sheets(), findings };
  };
}
