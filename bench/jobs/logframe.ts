/**
 * The benchmark job through logframe's real pipeline: `ingestSources` (read → normalize) feeding a
 * validator and indicator engines in one pass, as the CLI does.
 *
 * Usage: `node --import tsx bench/jobs/logframe.ts PROJECT_DIR [events|survivors] [--rows] [--no-validate] [--no-aggregate] [--phase-only] [--engine-per-quarter] [--read-only] [--chunk-kb N] [--fresh-chunks] [--only CODES] [--thread-read]`
 *
 * Rows are read as the CLI reads them (`batches`: plain CSV rows in column form); `--rows` hands each
 * row over as its own event, the way before batches, for the before/after comparison. Figures by event type × quarter come from one `createMultiEngine` over the calendar quarters of
 * the phase (each indicator's selection once per row, the row added to its quarter's windows),
 * reading each quarter's in-period `actual`. `--engine-per-quarter` runs one `createEngine` per
 * quarter instead (16 engines, each testing every row: the way before `createMultiEngine`), for the
 * before/after comparison. `--phase-only` runs one engine for the whole phase (what `logframe
 * aggregate` does by default), to show what the quarterly split costs; its figures are not compared.
 * `--no-validate`, `--no-aggregate` and `--read-only` (the reader's raw rows, no normalize) leave
 * stages out, so the harness can say where the time goes. `--chunk-kb N` reads the file N KB at a
 * time instead of the CLI's 1 MB. The job reports the pass's time spent in the sinks (`phases.sinks`)
 * and the validator's finish apart. `--thread-read` reads and parses the CSV in a worker thread
 * (prototype: `bench/parallel/csv-thread.ts`). `--only CODES` runs only those checks (as `logframe validate --only`):
 * with `sex-sum,negative-count,non-integer-count,date-out-of-period` it is the pandas job's checks.
 * Parts of the library that do not exist yet are listed in `missing` instead of failing.
 */
import { createReadStream } from "node:fs";
import path from "node:path";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import type { ProjectFile } from "../../src/schema/project.js";
import type { IngestEvent, InputFile, Sink } from "../../src/schema/table.js";
import { EVENT_TYPES, type SexSums } from "../synth.js";
import { emit, markStart, type JobOutput } from "./job-output.js";

type Lib = Record<string, unknown>;

/** Import a library module, or undefined when it is not there yet (the harness must not crash). */
async function tryImport(spec: string): Promise<Lib | undefined> {
  try {
    return (await import(spec)) as Lib;
  } catch {
    return undefined;
  }
}

const [dir, kind = "events", ...flags] = process.argv.slice(2) as [string, string?, ...string[]];
const validate = !flags.includes("--no-validate");
const phaseOnly = flags.includes("--phase-only");
const enginePerQuarter = flags.includes("--engine-per-quarter");
const aggregateToo = !flags.includes("--no-aggregate");
const readOnly = flags.includes("--read-only");
// As the CLI reads: plain CSV rows in column form. `--rows` hands every row over as its own event (the way before batches).
const batches = !flags.includes("--rows");
// As the CLI reads: each event used as it comes, so the CSV is read through reused chunk buffers. `--fresh-chunks`: fresh memory for each chunk (the way before).
const transient = !flags.includes("--fresh-chunks");
const onlyAt = flags.indexOf("--only");
const only = onlyAt < 0 ? undefined : flags[onlyAt + 1]!.split(",");
// The library is loaded before the clock starts, as pandas' job imports pandas and DuckDB's its package
// first: the figure is the work alone (loading the project file is part of it). `logframe --help` and
// the start-up bench time the loading.
const read = readOnly ? await tryImport("../../src/read/index.js") : undefined;
const normalize = await tryImport("../../src/normalize/ingest.js");
const aggregate = await tryImport("../../src/aggregate/index.js");
const validation = await tryImport("../../src/validate/run.js");
const t0 = markStart();
const missing: string[] = [];
const phases: Record<string, number> = {};

const loaded = await loadProject(dir);
const project: ProjectFile = loaded.project;
const chunkAt = flags.indexOf("--chunk-kb");
const sources = (await resolveSources(loaded)).map((sf) => (chunkAt < 0 ? sf : { ...sf, files: sf.files.map((f) => withChunks(f, Number(flags[chunkAt + 1]) * 1024)) }));

if (readOnly) {
  if (typeof read?.readWorkbook !== "function") {
    emit({ rows: 0, seconds: 0, missing: ["read"] });
    process.exit(0);
  }
  type Wb = { sheets: AsyncIterable<{ rows: AsyncIterable<{ cells: unknown[] }> }> };
  const readWorkbook = read.readWorkbook as (f: unknown, o: object) => Promise<Wb>;
  let rows = 0;
  let cells = 0;
  for (const sf of sources)
    for (const f of sf.files)
      for await (const sheet of (await readWorkbook(f, { limits: project.limits })).sheets)
        for await (const r of sheet.rows) {
          rows++;
          cells += r.cells.length;
        }
  emit({ rows: rows - 1, seconds: (performance.now() - t0) / 1000, checks: { cells }, missing });
  process.exit(0);
}

if (typeof normalize?.ingestSources !== "function") {
  emit({ rows: 0, seconds: 0, missing: ["ingest", "validate", "aggregate"] });
  process.exit(0);
}
type Ingest = (s: typeof sources, p: ProjectFile, o: { batches: boolean; transient: boolean; read?: unknown }) => AsyncIterable<IngestEvent>;
const ingestSources = normalize.ingestSources as Ingest;

// ── The sinks ──
const sinks: Sink<unknown>[] = [];
let validator: Sink<{ summary: { byCode: Record<string, number> } }> | undefined;
if (validate) {
  if (typeof validation?.createValidator === "function") {
    // As the CLI does by default: at most 1,000 findings listed (their messages made), every one counted by code.
    validator = (validation.createValidator as (p: ProjectFile, o: object) => typeof validator)(project, { now: "2025-01-01", maxFindings: 1000, only });
    sinks.push(validator!);
  } else missing.push("validate");
}
type Result = { indicators: { code: string; actual: Record<string, number> | null }[] };
type Engine = Sink<Result>;
type MultiEngine = Sink<Result[]>;
/** One result per period: from 16 engines (`--engine-per-quarter`) or one multi-period engine. */
let finishAll: (() => { quarter: string; result: Result }[]) | undefined;
if (!aggregateToo) {
  // Left out on purpose (stage timing): no figures.
} else if (typeof aggregate?.createEngine === "function") {
  const createEngine = aggregate.createEngine as (p: ProjectFile, o: object) => Engine;
  const parsePeriod = aggregate.parsePeriod as (s: string, p: ProjectFile) => object;
  const splitPeriod = aggregate.splitPeriod as (p: object, u: string, proj: ProjectFile) => { id: string }[];
  const periods = kind === "events" && !phaseOnly ? splitPeriod(parsePeriod("phase", project), "quarter", project) : [parsePeriod("phase", project) as { id: string }];
  if (periods.length > 1 && !enginePerQuarter && typeof aggregate.createMultiEngine === "function") {
    const multi = (aggregate.createMultiEngine as (p: ProjectFile, o: object) => MultiEngine)(project, { periods });
    sinks.push(multi);
    finishAll = () => multi.finish().map((result, i) => ({ quarter: periods[i]!.id, result }));
  } else {
    const engines = periods.map((period) => ({ quarter: period.id, engine: createEngine(project, { period }) }));
    sinks.push(...engines.map((e) => e.engine));
    finishAll = () => engines.map(({ quarter, engine }) => ({ quarter, result: engine.finish() }));
  }
} else missing.push("aggregate");

// ── One pass ──
let rows = 0;
const findingsSeen: Record<string, number> = {};
const s1 = performance.now();
// Loading the project and making the sinks.
phases.setup = (s1 - t0) / 1000;
// The pass's time in the sinks apart (the rest is reading, normalising, and waiting for the file).
let inSinks = 0;
const threadRead = flags.includes("--thread-read") ? (await import("../parallel/csv-thread.js")).threadRead(loaded.dir) : undefined;
for await (const e of ingestSources(sources, project, { batches, transient, ...(threadRead ? { read: threadRead } : {}) })) {
  if (e.type === "row") rows++;
  else if (e.type === "batch") rows += e.batch.size;
  else if (e.type === "finding") findingsSeen[e.finding.code] = (findingsSeen[e.finding.code] ?? 0) + 1;
  const t = performance.now();
  for (const s of sinks) s.add(e);
  inSinks += performance.now() - t;
}
phases.pass = (performance.now() - s1) / 1000;
phases.sinks = inSinks / 1000;

// ── Results ──
const s2 = performance.now();
const out: JobOutput = { rows, seconds: 0, missing, phases };
if (validator) {
  out.checks = validator.finish().summary.byCode;
  phases.validatorFinish = (performance.now() - s2) / 1000;
} else out.checks = findingsSeen;
if (finishAll) {
  const codeToType = new Map(EVENT_TYPES.map((t) => [`2.1.${t.toLowerCase().replace(/[^a-z]+/g, "-").replace(/-$/, "")}`, t]));
  const sums: Record<string, Record<string, SexSums>> = {};
  for (const { quarter, result } of finishAll()) {
    for (const ind of result.indicators) {
      const a = ind.actual;
      if (kind === "survivors") {
        if (a) out.persons = { female: a.female!, male: a.male!, other: a.other!, total: a.total! };
        continue;
      }
      const type = codeToType.get(ind.code);
      if (!type || !a || (a.female === 0 && a.male === 0 && a.other === 0 && a.total === 0)) continue;
      (sums[type] ??= {})[quarter] = [a.female!, a.male!, a.other!, a.total!];
    }
  }
  if (kind === "events" && !phaseOnly) out.sums = sums;
}
phases.finish = (performance.now() - s2) / 1000;
out.seconds = (performance.now() - t0) / 1000;
emit(out);

/** The CLI's InputFile, streamed in chunks of another size (`--chunk-kb`; the CLI reads 1 MB at a time). */
function withChunks(file: InputFile, bytes: number): InputFile {
  const abs = path.join(loaded.dir, file.path);
  return {
    ...file,
    async *open() {
      for await (const chunk of createReadStream(abs, { highWaterMark: bytes })) yield chunk as Uint8Array;
    },
  };
}

