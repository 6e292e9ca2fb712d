/** A worker of the fused prototype: scans one byte range of the CSV and posts its FusedState. */
import { open } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { createFusedScan } from "./fused.js";
import type { CsvRange } from "./split.js";

/** What the parent sends. */
export interface FusedTask {
  file: string;
  range: CsvRange;
  header: string[] | undefined;
  phase: { start: string; end: string };
}

const task = workerData as FusedTask;
const scan = createFusedScan(task.phase, task.header);
const fh = await open(task.file);
try {
  for (let pos = task.range.start; pos < task.range.end; ) {
    const n = Math.min(1 << 16, task.range.end - pos);
    const buf = Buffer.allocUnsafe(n);
    const { bytesRead } = await fh.read(buf, 0, n, pos);
    if (bytesRead === 0) break;
    pos += bytesRead;
    scan.push(buf.subarray(0, bytesRead));
  }
} finally {
  await fh.close();
}
parentPort!.postMessage(scan.finish());
