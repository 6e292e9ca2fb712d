/**
 * Prototype: the logframe job on two cores. The CSV is cut at a record boundary into one byte
 * range per worker (bench/parallel/split.ts); each worker runs the real pipeline on its range
 * (bench/parallel/worker.ts); the engine states merge (`mergeStates`) into the same figures one
 * pass gives, and the findings are concatenated with row numbers shifted to the whole file.
 *
 * Usage: `node --import tsx bench/jobs/logframe-parallel.ts PROJECT_DIR [--workers N] [--no-validate]`
 *
 * Caveat (why this is a prototype): checks that compare rows with each other — duplicate-row,
 * outlier, total-row-mismatch — see only their own range, so pairs and medians across the cut are
 * missed; the validator has no mergeable state yet (the engine has).
 */
import { open, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { mergeStates, parsePeriod, resultFromState, splitPeriod } from "../../src/aggregate/index.js";
import { headerBytes, splitCsv, type ReadAt } from "../parallel/split.js";
import type { WorkerResult, WorkerTask } from "../parallel/worker.js";
import { EVENT_TYPES, type SexSums } from "../synth.js";
import { emit, markStart } from "./job-output.js";

const args = process.argv.slice(2);
const dir = args[0]!;
const workersAt = args.indexOf("--workers");
const parts = workersAt >= 0 ? Number(args[workersAt + 1]) : 2;
const validate = !args.includes("--no-validate");
const onlyAt = args.indexOf("--only");
const only = onlyAt < 0 ? undefined : args[onlyAt + 1]!.split(",");

const t0 = markStart();
const loaded = await loadProject(dir);
const project = loaded.project;
const [source] = await resolveSources(loaded);
const abs = path.join(loaded.dir, source!.files[0]!.path);
const size = (await stat(abs)).size;
const fh = await open(abs);
const readAt: ReadAt = async (position, length) => {
  const buf = Buffer.allocUnsafe(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
};
const header = await headerBytes(readAt, size);
const ranges = await splitCsv(readAt, size, parts);
await fh.close();
const tSplit = (performance.now() - t0) / 1000;

/** A worker running `parallel/worker` (the built `.js`, or the `.ts` source with tsx's loader registered first). */
function startWorker(task: WorkerTask): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("../parallel/worker.js", here), { workerData: task });
  const tsx = pathToFileURL(path.join(path.dirname(createRequire(here).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const entry = new URL("../parallel/worker.ts", here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: task });
}
const results = await Promise.all(
  ranges.map(
    (range, i) =>
      new Promise<WorkerResult>((resolve, reject) => {
        const task: WorkerTask = { dir, range, header: i === 0 ? null : header, validate, ...(only ? { only } : {}) };
        const w = startWorker(task);
        w.once("message", (m: WorkerResult) => resolve(m));
        w.once("error", reject);
      }),
  ),
);

// ── Merge ──
const tMerge = performance.now();
const periods = splitPeriod(parsePeriod("phase", project), "quarter", project);
const codeToType = new Map(EVENT_TYPES.map((t) => [`2.1.${t.toLowerCase().replace(/[^a-z]+/g, "-").replace(/-$/, "")}`, t]));
const sums: Record<string, Record<string, SexSums>> = {};
periods.forEach((period, q) => {
  const state = results.map((r) => r.states[q]!).reduce((a, b) => mergeStates(a, b));
  for (const ind of resultFromState(project, { period }, state).indicators) {
    const type = codeToType.get(ind.code);
    const a = ind.actual;
    if (!type || !a || a.total === 0) continue;
    (sums[type] ??= {})[period.id] = [a.female, a.male, a.other, a.total];
  }
});
const checks: Record<string, number> = {};
results.forEach((r, i) => {
  // Rows of a later range were numbered from its header copy (line 1): shift them to the file's lines.
  for (const f of r.findings) {
    checks[f.code] = (checks[f.code] ?? 0) + 1;
    if (i > 0 && f.row !== undefined) f.row += ranges[i]!.firstLine - 2;
  }
});
emit({
  rows: results.reduce((n, r) => n + r.rows, 0),
  seconds: (performance.now() - t0) / 1000,
  checks,
  sums,
  missing: [],
  phases: { split: tSplit, ...Object.fromEntries(results.map((r, i) => [`worker${i + 1}`, r.seconds])), merge: (performance.now() - tMerge) / 1000 },
});
