/**
 * `npm run bench [-- --quick] [--runs N] [--only NAME,...] [--json FILE] [--tsx]`
 *
 * Generates the synthetic projects (bench/generate.ts, cached in `.bench/`), then runs each job as
 * its own child process, N times, and prints: a table (job, rows, seconds, rows/s, peak MB, ratio to
 * pandas and to DuckDB), the growth table (10k / 100k / 1M rows), whether logframe's aggregates
 * equal pandas' (and the generator's own tally) exactly, and the targets of the performance issue.
 *
 * Seconds are each job's own work time (from opening the file to having the figures, imports and
 * start-up excluded, the same way for node and python); `wall` is the whole process. Peak MB is the
 * OS's peak RSS of the whole process (`/usr/bin/time`). `--quick` runs 10k and 100k rows only.
 * Node jobs run from `.bench/js` (src and bench transpiled by esbuild first, as the built CLI runs
 * from dist/), or under tsx with `--tsx`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildJs } from "./build.js";
import { diffSums, type Sums } from "./compare.js";
import { generateAll, type BenchProject } from "./generate.js";
import type { JobOutput } from "./jobs/job-output.js";
import { findPandasPython, measure, median, type Measured } from "./measure.js";
import { PANDAS_CHECKS, PHASE } from "./synth.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface Options {
  quick: boolean;
  runs: number;
  only: string[];
  json?: string;
  /** Run the jobs from the TypeScript sources under tsx instead of the esbuild output. */
  tsx: boolean;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes("--quick");
  const runs = Number(value("--runs") ?? (quick ? 1 : 3));
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a whole number of at least 1, got ${value("--runs")}`);
  return { quick, runs, only: (value("--only") ?? "").split(",").filter(Boolean), json: value("--json"), tsx: argv.includes("--tsx") };
}

/** A job to run: what, on which data, how many rows. */
interface Job {
  name: string;
  /** Table it is shown in. */
  group: "csv" | "xlsx" | "survivors" | "growth" | "xlsx-growth" | "stages";
  rows: number;
  command: string;
  args: string[];
  /** Set for the logframe figures compared with pandas. */
  /** `logframe-like`: logframe limited to the checks pandas and DuckDB make (the issue's job, like for like). */
  role?: "logframe" | "logframe-like" | "pandas" | "duckdb" | "exceljs" | "fused";
  /** The project whose generator's tally (`expected.json`) the job's sums must equal (the xlsx jobs). */
  tally?: string;
}

/** A job's runs, summarised. */
interface Result {
  job: Job;
  runs: Measured[];
  seconds: number;
  wall: number;
  cpu: number;
  /** CPU seconds of the work alone (the job's own figure, all its threads). */
  workCpu: number;
  peakMb: number;
  output?: JobOutput;
  error?: string;
}

/** Where the jobs run from: `.bench/js` (built by bench/build.ts), or the TypeScript sources under tsx. */
let jsDir: string | undefined;
const node = (script: string, ...args: string[]) =>
  jsDir
    ? { command: process.execPath, args: [path.join(jsDir, "bench", "jobs", script.replace(/\.ts$/, ".js")), ...args] }
    : { command: process.execPath, args: ["--import", "tsx", path.join("bench", "jobs", script), ...args] };


function planJobs(p: Record<string, BenchProject>, opts: Options, python: string | undefined): Job[] {
  const big = p["events-1m"] ?? p["events-100k"]!;
  const jobs: Job[] = [];
  const csv = (name: string, role: Job["role"], spec: { command: string; args: string[] }) => jobs.push({ name, group: "csv", rows: big.rows, role, ...spec });
  csv("logframe validate + aggregate", "logframe", node("logframe.ts", big.dir));
  // The job pandas and DuckDB do (sex-sum, whole non-negative counts, dates in the phase, then the
  // sums), through logframe's validator limited to those checks; the job above runs all of them.
  csv("logframe with pandas' checks only", "logframe-like", node("logframe.ts", big.dir, "events", "--only", PANDAS_CHECKS));
  csv("logframe, row by row (before batches)", undefined, node("logframe.ts", big.dir, "events", "--rows"));
  csv("logframe, 64 KB chunks", undefined, node("logframe.ts", big.dir, "events", "--chunk-kb", "64"));
  csv("logframe, one engine per quarter (16, before createMultiEngine)", undefined, node("logframe.ts", big.dir, "events", "--engine-per-quarter"));
  csv("logframe aggregate only", undefined, node("logframe.ts", big.dir, "events", "--no-validate"));
  csv("logframe, one engine (phase, no quarters)", undefined, node("logframe.ts", big.dir, "events", "--phase-only"));
  csv("logframe, 2 workers (prototype)", undefined, node("logframe-parallel.ts", big.dir, "--workers", "2"));
  csv("logframe, CSV parsed in a worker thread (prototype)", undefined, node("logframe.ts", big.dir, "events", "--only", PANDAS_CHECKS, "--thread-read"));
  csv("fused fast path, 1 thread (prototype)", "fused", node("fused.ts", big.data, PHASE.start, PHASE.end, "--workers", "1"));
  csv("fused fast path, 2 workers (prototype)", undefined, node("fused.ts", big.data, PHASE.start, PHASE.end, "--workers", "2"));
  if (python) csv("pandas", "pandas", { command: python, args: [path.join("bench", "pandas_job.py"), big.data, PHASE.start, PHASE.end] });
  csv("duckdb", "duckdb", node("duckdb.ts", big.data, PHASE.start, PHASE.end));
  csv("csv-parse, parse only", undefined, node("csv-parse.ts", big.data, "csv-parse"));
  csv("csv-tokenizer, parse only", undefined, node("csv-parse.ts", big.data, "tokenizer"));
  csv("the reader's CSV parser (WebAssembly lane), parse only", undefined, node("csv-parse.ts", big.data, "reader"));
  // Where the time goes: the same file through more and more of the pipeline.
  const mid = p["events-100k"]!;
  const stage = (name: string, ...flags: string[]) => jobs.push({ name, group: "stages", rows: mid.rows, ...node("logframe.ts", mid.dir, "events", ...flags) });
  stage("read (readWorkbook rows)", "--read-only");
  stage("+ normalize (ingestSources)", "--no-validate", "--no-aggregate");
  stage("+ validate", "--no-aggregate");
  stage("+ aggregate, one engine (phase)", "--phase-only");
  stage("+ aggregate, quarters in one multi-period engine (16)");
  stage("+ aggregate, one engine per quarter (16 engines)", "--engine-per-quarter");
  stage("all of it, read in 64 KB chunks (CLI: 1 MB)", "--chunk-kb", "64");
  stage("all of it, row by row (before batches)", "--rows");
  const xlsx = p["events-xlsx-200k"];
  if (xlsx) {
    jobs.push({ name: "logframe validate + aggregate", group: "xlsx", rows: xlsx.rows, role: "logframe", tally: xlsx.dir, ...node("logframe.ts", xlsx.dir) });
    jobs.push({ name: "exceljs streaming read + sum", group: "xlsx", rows: xlsx.rows, role: "exceljs", ...node("exceljs-read.ts", xlsx.data) });
  }
  for (const key of ["events-xlsx-20k", "events-xlsx-1m"]) {
    const proj = p[key];
    if (proj) jobs.push({ name: "logframe validate + aggregate", group: "xlsx-growth", rows: proj.rows, role: "logframe", tally: proj.dir, ...node("logframe.ts", proj.dir) });
  }
  const surv = p["survivors-100k"]!;
  jobs.push({ name: "logframe unique persons", group: "survivors", rows: surv.rows, ...node("logframe.ts", surv.dir, "survivors") });
  for (const key of ["events-10k", "events-100k", "events-1m"]) {
    const proj = p[key];
    if (!proj || proj === big) continue;
    jobs.push({ name: "logframe validate + aggregate", group: "growth", rows: proj.rows, role: "logframe", ...node("logframe.ts", proj.dir) });
    if (python) jobs.push({ name: "pandas", group: "growth", rows: proj.rows, role: "pandas", command: python, args: [path.join("bench", "pandas_job.py"), proj.data, PHASE.start, PHASE.end] });
  }
  return opts.only.length ? jobs.filter((j) => opts.only.some((o) => `${j.group} ${j.name}`.includes(o))) : jobs;
}

/**
 * Run every job `runs` times, round by round (each job once, then each again), so a spell of load on
 * a shared machine falls on all jobs alike instead of on the one running then: ratios such as
 * ×pandas compare runs taken minutes apart at most.
 */
async function runJobs(jobs: readonly Job[], runs: number): Promise<Result[]> {
  const measured = jobs.map((): Measured[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, job] of jobs.entries()) {
      if (measured[k]!.some((m) => m.error)) continue;
      const m = await measure(job.command, job.args, ROOT);
      measured[k]!.push(m);
      process.stderr.write(`  ${job.group.padEnd(9)} ${job.name} (${job.rows.toLocaleString("en")} rows) run ${i + 1}/${runs}: ${m.error ? `failed: ${m.error}` : `${fmt(m.output!.seconds)} s, ${fmt(m.peakMb, 0)} MB`}\n`);
    }
  }
  return jobs.map((job, k) => summarise(job, measured[k]!));
}

function summarise(job: Job, measured: Measured[]): Result {
  const ok = measured.filter((m) => !m.error && m.output);
  return {
    job,
    runs: measured,
    seconds: median(ok.map((m) => m.output!.seconds)),
    wall: median(ok.map((m) => m.wall)),
    cpu: median(ok.map((m) => m.cpu)),
    workCpu: median(ok.map((m) => m.output!.cpuSeconds ?? NaN)),
    peakMb: maxOf(ok.map((m) => m.peakMb)),
    output: ok[0]?.output,
    error: measured.find((m) => m.error)?.error,
  };
}

// ── Printing ──

/** The largest finite number, or NaN when there is none. */
function maxOf(xs: number[]): number {
  const v = xs.filter(Number.isFinite);
  return v.length ? Math.max(...v) : NaN;
}

function fmt(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "n/a";
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function resultRow(r: Result, pandas?: Result, duck?: Result): string[] {
  const missing = r.output?.missing?.length ? ` (n/a: ${r.output.missing.join(", ")})` : "";
  const ratio = (base?: Result) => (base && Number.isFinite(base.seconds) ? fmt(r.seconds / base.seconds) : "n/a");
  return [
    r.error ? `${r.job.name} (failed)` : r.job.name + missing,
    r.job.rows.toLocaleString("en"),
    fmt(r.seconds),
    fmt(r.wall),
    fmt(r.workCpu),
    Number.isFinite(r.seconds) ? Math.round(r.job.rows / r.seconds).toLocaleString("en") : "n/a",
    fmt(r.peakMb, 0),
    ratio(pandas),
    ratio(duck),
    pandas && Number.isFinite(pandas.workCpu) ? fmt(r.workCpu / pandas.workCpu) : "n/a",
  ];
}

const HEADER = ["job", "rows", "seconds", "wall s", "cpu s", "rows/s", "peak MB", "×pandas", "×duckdb", "cpu×pandas"];

function report(results: Result[], opts: Options, python: string | undefined): string {
  const out: string[] = [];
  const of = (group: Job["group"], role: Job["role"], rows?: number) => results.find((r) => r.job.group === group && r.job.role === role && (rows === undefined || r.job.rows === rows));
  const csv = results.filter((r) => r.job.group === "csv");
  const pandas = of("csv", "pandas");
  const duck = of("csv", "duckdb");
  const lf = of("csv", "logframe");
  if (csv.length)
    out.push(
      `CSV, ${csv[0]!.job.rows.toLocaleString("en")} event rows (median of ${opts.runs}; seconds and cpu s are the work alone, wall s the whole process; DuckDB and the 2-worker job use both cores)\n` +
        table(HEADER, csv.map((r) => resultRow(r, pandas, duck))),
    );
  if (!python) out.push("pandas: not installed (apt-get install -y python3-pandas)");

  const xl = results.filter((r) => r.job.group === "xlsx");
  const bare = of("xlsx", "exceljs");
  if (xl.length) out.push(`XLSX, ${xl[0]!.job.rows.toLocaleString("en")} event rows\n` + table([...HEADER.slice(0, 7), "×exceljs"], xl.map((r) => [...resultRow(r).slice(0, 7), bare && r !== bare ? fmt(r.seconds / bare.seconds) : ""])));

  const sv = results.filter((r) => r.job.group === "survivors");
  if (sv.length) out.push(`Unique persons, ${sv[0]!.job.rows.toLocaleString("en")} survivors\n` + table(HEADER.slice(0, 7), sv.map((r) => resultRow(r).slice(0, 7))));

  const st = results.filter((r) => r.job.group === "stages");
  if (st.length) {
    const rows = st.map((r, i) => {
      const prev = i > 0 && !r.job.args.includes("--chunk-kb") && !r.job.args.includes("--rows") ? st[i - 1]!.workCpu : 0;
      return [r.job.name, fmt(r.seconds), fmt(r.workCpu), fmt(((r.workCpu - prev) / r.job.rows) * 1e6, 1), fmt((r.workCpu / r.job.rows) * 1e6, 1), fmt(r.peakMb, 0)];
    });
    out.push(`Where the time goes, ${st[0]!.job.rows.toLocaleString("en")} rows (work CPU: start-up and imports excluded)\n` + table(["stage", "seconds", "cpu s", "+cpu µs/row", "cpu µs/row", "peak MB"], rows));
  }

  // ── Growth: the CSV figures at every size ──
  const growth = [...results.filter((r) => r.job.group === "growth"), ...csv.filter((r) => r.job.role === "logframe" || r.job.role === "pandas")].sort((a, b) => a.job.rows - b.job.rows || a.job.name.localeCompare(b.job.name));
  const growthTable = (title: string, rs: Result[]): string =>
    `${title}\n` + table(["job", "rows", "seconds", "µs/row", "peak MB"], rs.map((r) => [r.job.name, r.job.rows.toLocaleString("en"), fmt(r.seconds), fmt((r.seconds / r.job.rows) * 1e6, 1), fmt(r.peakMb, 0)]));
  if (growth.length) out.push(growthTable("Growth (time should grow with rows, memory should not)", growth));
  const xlsxGrowth = [...results.filter((r) => r.job.group === "xlsx-growth"), ...xl.filter((r) => r.job.role === "logframe")].sort((a, b) => a.job.rows - b.job.rows);
  if (xlsxGrowth.length > 1) out.push(growthTable("Growth of an xlsx (one sheet; the 1M-row one's project raises limits.max_entry_mb to read its 423 MB sheet)", xlsxGrowth));

  // ── Correctness ──
  const expected = results.find((r) => r.job.group === "csv")?.job.rows;
  const lines: string[] = [];
  const lfSums = lf?.output?.sums as Sums | undefined;
  const pdSums = pandas?.output?.sums as Sums | undefined;
  if (lfSums && pdSums) {
    const d = diffSums(lfSums, pdSums);
    lines.push(`aggregates equal pandas: ${d.length === 0 ? "yes" : "no"}${d.length ? "\n    " + d.join("\n    ") : ""}`);
  } else lines.push(`aggregates equal pandas: n/a (${!lfSums ? "no logframe figures" : "no pandas figures"})`);
  const reference = referenceFor(expected);
  if (reference && lfSums) {
    const d = diffSums(lfSums, reference.sums);
    lines.push(`aggregates equal the generator's tally: ${d.length === 0 ? "yes" : "no"}${d.length ? "\n    " + d.join("\n    ") : ""}`);
  }
  for (const r of results.filter((x) => x.job.tally !== undefined && x.output?.sums)) {
    const d = diffSums(r.output!.sums as Sums, (JSON.parse(readText(path.join(r.job.tally!, "expected.json"))) as { sums: Sums }).sums);
    lines.push(`xlsx, ${r.job.rows.toLocaleString("en")} rows: aggregates equal the generator's tally: ${d.length === 0 ? "yes" : "no"}${d.length ? "\n    " + d.join("\n    ") : ""}`);
  }
  const fused = of("csv", "fused");
  if (fused?.output?.sums && pdSums) lines.push(`fused fast path equals pandas: ${diffSums(fused.output.sums as Sums, pdSums).length === 0 ? "yes" : "no"}`);
  if (reference && duck?.output?.sums) lines.push(`duckdb equals the generator's tally: ${diffSums(duck.output.sums as Sums, reference.sums).length === 0 ? "yes" : "no"}`);
  if (lf?.output?.checks) lines.push(`logframe findings: ${JSON.stringify(lf.output.checks)}; pandas checks: ${JSON.stringify(pandas?.output?.checks ?? "n/a")}`);
  const sv0 = sv[0]?.output?.persons;
  if (sv0) lines.push(`unique persons counselled: ${JSON.stringify(sv0)}; generator: ${JSON.stringify(survivorReference()?.counselled ?? "n/a")}`);
  out.push(lines.join("\n"));

  // ── Targets ──
  const t: string[] = [];
  const mark = (ok: boolean | undefined) => (ok === undefined ? "n/a " : ok ? "PASS" : "FAIL");
  // The issue's targets are for the job pandas and DuckDB do (their checks, then the sums); the full
  // validate (all 17 checks) does more than they do, so its ratios are listed apart, after the targets.
  const like = of("csv", "logframe-like");
  const ratios = (job: Result | undefined, what: string): string[] => {
    const lfRatio = job && pandas ? job.seconds / pandas.seconds : NaN;
    const duckRatio = job && duck ? job.seconds / duck.seconds : NaN;
    return [
      `${mark(Number.isFinite(lfRatio) ? lfRatio < 1 : undefined)}  faster than pandas (ratio < 1.0), ${what}: ${fmt(lfRatio)}`,
      `${mark(Number.isFinite(duckRatio) ? duckRatio <= 1.5 : undefined)}  within 1.5× DuckDB, ${what}: ${fmt(duckRatio)}`,
    ];
  };
  t.push(...ratios(like, "the same job (pandas' checks, then the sums)"));
  const lfPeaks = results.filter((r) => r.job.role === "logframe" || r.job.role === "logframe-like" || r.job.group === "survivors").map((r) => r.peakMb);
  const worst = maxOf(lfPeaks);
  t.push(`${mark(Number.isFinite(worst) ? worst < 300 : undefined)}  peak memory < 300 MB at every size: worst ${fmt(worst, 0)} MB`);
  const lx = of("xlsx", "logframe");
  const xr = lx && bare ? lx.seconds / bare.seconds : NaN;
  t.push(`${mark(Number.isFinite(xr) ? xr <= 1.2 : undefined)}  xlsx within 1.2× a bare exceljs streaming read: ${fmt(xr)}`);
  out.push(`Targets\n${t.join("\n")}`);
  out.push(`Beyond the targets: the full validate, all 17 checks (pandas and DuckDB run 4 of them)\n${ratios(lf, "all checks").join("\n")}`);
  return out.join("\n\n");
}

const references = new Map<number, { sums: Sums } | undefined>();
let benchProjects: Record<string, BenchProject> = {};

function referenceFor(rows: number | undefined): { sums: Sums } | undefined {
  if (rows === undefined) return undefined;
  if (!references.has(rows)) {
    const p = Object.values(benchProjects).find((x) => x.rows === rows && x.data.endsWith(".csv") && !x.data.endsWith("register.csv"));
    references.set(rows, p ? (JSON.parse(readText(path.join(p.dir, "expected.json"))) as { sums: Sums }) : undefined);
  }
  return references.get(rows);
}

function survivorReference(): { counselled: Record<string, number> } | undefined {
  const p = benchProjects["survivors-100k"];
  return p ? (JSON.parse(readText(path.join(p.dir, "expected.json"))) as { counselled: Record<string, number> }) : undefined;
}

function readText(file: string): string {
  return readFileSync(file, "utf8");
}

// ── Main ──

const opts = parseArgs(process.argv.slice(2));
process.stderr.write(`generating projects in .bench/ (cached) ...\n`);
benchProjects = await generateAll(path.join(ROOT, ".bench"), opts.quick);
if (!opts.tsx) {
  const built = await buildJs(ROOT);
  jsDir = built.dir;
  process.stderr.write(built.dir ? `jobs run from ${path.relative(ROOT, built.dir)} (esbuild)\n` : `esbuild failed (${built.why}); jobs run under tsx\n`);
}
const python = findPandasPython();
const jobs = planJobs(benchProjects, opts, python);
const results = await runJobs(jobs, opts.runs);
const text = report(results, opts, python);
process.stdout.write(`\n${text}\n`);
if (opts.json) writeFileSync(opts.json, JSON.stringify({ options: opts, results: results.map(({ job, runs, ...rest }) => ({ job, runs: runs.map(({ output, ...m }) => ({ ...m, seconds: output?.seconds, phases: output?.phases })), ...rest })) }, null, 1));
