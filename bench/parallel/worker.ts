/**
 * One worker of the parallel prototype: runs the real pipeline (ingest → validator + a multi-period
 * engine over the quarters) over one byte range of the project's single CSV source, and posts back the engine
 * states (mergeable) and the validator's report. A range after the first gets the file's header
 * line in front, so normalize finds the same table; its row numbers are shifted back by the parent.
 */
import { open } from "node:fs/promises";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { createMultiEngine, parsePeriod, splitPeriod, type EngineState } from "../../src/aggregate/index.js";
import { ingestSources } from "../../src/normalize/ingest.js";
import { createValidator } from "../../src/validate/run.js";
import type { InputFile } from "../../src/schema/table.js";
import type { CsvRange } from "./split.js";

/** What the parent sends. */
export interface WorkerTask {
  dir: string;
  range: CsvRange;
  header: Uint8Array | null;
  validate: boolean;
  /** Only these checks (as `logframe validate --only`); all of them when absent. */
  only?: string[];
}

/** What a worker posts back. */
export interface WorkerResult {
  rows: number;
  states: EngineState[];
  findings: { code: string; row?: number }[];
  seconds: number;
}

const task = workerData as WorkerTask;
const t0 = performance.now();
const loaded = await loadProject(task.dir);
const project = loaded.project;
const [source] = await resolveSources(loaded);
const file = source!.files[0]!;
const abs = path.join(loaded.dir, file.path);

const ranged: InputFile = {
  path: file.path,
  size: task.range.end - task.range.start + (task.header?.length ?? 0),
  readAll: () => Promise.reject(new Error("ranged CSV is streamed")),
  async *open() {
    if (task.header) yield task.header;
    const fh = await open(abs);
    try {
      for (let pos = task.range.start; pos < task.range.end; ) {
        const n = Math.min(1 << 20, task.range.end - pos); // 1 MB at a time, as the CLI reads
        const buf = Buffer.allocUnsafe(n);
        const { bytesRead } = await fh.read(buf, 0, n, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        yield buf.subarray(0, bytesRead);
      }
    } finally {
      await fh.close();
    }
  },
};

const periods = splitPeriod(parsePeriod("phase", project), "quarter", project);
// One pass for the 16 quarters; each quarter's state merges with the other worker's (`mergeStates`).
const engine = createMultiEngine(project, { periods });
const validator = task.validate ? createValidator(project, { now: "2025-01-01", maxFindings: Infinity, ...(task.only ? { only: task.only } : {}) }) : undefined;
let rows = 0;
// As the CLI reads: plain rows in column batches, read through reused chunks.
for await (const e of ingestSources([{ ...source!, files: [ranged] }], project, { batches: true, transient: true })) {
  if (e.type === "row") rows++;
  else if (e.type === "batch") rows += e.batch.size;
  engine.add(e);
  validator?.add(e);
}
const report = validator?.finish();
const result: WorkerResult = {
  rows,
  states: engine.states(),
  findings: (report?.findings ?? []).map((f) => ({ code: f.code, ...(f.row !== undefined ? { row: f.row } : {}) })),
  seconds: (performance.now() - t0) / 1000,
};
parentPort!.postMessage(result);
