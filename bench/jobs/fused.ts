/**
 * The fused prototype (bench/parallel/fused.ts): the pandas job in one JavaScript loop over the
 * tokenizer, on one thread or on N workers over byte ranges cut at record boundaries.
 * Usage: `node bench/jobs/fused.js events.csv START END [--workers N]` (N = 1: no worker, this thread).
 */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { tokenizeCsvText } from "../tokenizer/csv-tokenizer.js";
import { createFusedScan, mergeFused, type FusedState } from "../parallel/fused.js";
import type { FusedTask } from "../parallel/fused-worker.js";
import { headerBytes, splitCsv, type ReadAt } from "../parallel/split.js";
import { emit, markStart } from "./job-output.js";

const args = process.argv.slice(2);
const [file, start, end] = args as [string, string, string];
const workersAt = args.indexOf("--workers");
const workers = workersAt >= 0 ? Number(args[workersAt + 1]) : 1;
const phase = { start, end };

const t0 = markStart();
let state: FusedState;
if (workers <= 1) {
  const scan = createFusedScan(phase);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) scan.push(chunk as Uint8Array);
  state = scan.finish();
} else {
  const size = (await stat(file)).size;
  const fh = await open(file);
  const readAt: ReadAt = async (position, length) => {
    const buf = Buffer.allocUnsafe(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  };
  const header = tokenizeCsvText(new TextDecoder().decode(await headerBytes(readAt, size)))[0]?.fields;
  const ranges = await splitCsv(readAt, size, workers);
  await fh.close();
  const states = await Promise.all(
    ranges.map(
      (range, i) =>
        new Promise<FusedState>((resolve, reject) => {
          const w = startWorker({ file, range, header: i === 0 ? undefined : header, phase });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  );
  state = mergeFused(states);
}
emit({ rows: state.rows, seconds: (performance.now() - t0) / 1000, checks: state.checks, sums: state.sums });

/** A worker running `parallel/fused-worker` (built `.js`, or the `.ts` source with tsx's loader registered first). */
function startWorker(task: FusedTask): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("../parallel/fused-worker.js", here), { workerData: task });
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(here).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const entry = new URL("../parallel/fused-worker.ts", here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: task });
}
