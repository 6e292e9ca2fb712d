import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import * as lib from "../index.js";
import { ReportingError, type Dimension, type IngestEvent, type ReportSource, type ReportType } from "../index.js";
import { EXIT, setExitCode } from "./failure.js";
import { loadProject, resolveSources } from "./project-files.js";
import { createProgress } from "./report-progress.js";
import { loadTemplates } from "./report-templates.js";
import { removeStaleTemps, writeAtomic } from "./write-atomic.js";

/** The options of `logframe report`, as commander gives them. */
export interface ReportRunFlags {
  type: string;
  period: string;
  out: string;
  templates?: string;
  date?: string;
  by: string;
  /** Most rows the workbook's data sheets hold in all (a whole number, as typed). */
  dataRows?: string;
  quiet?: boolean;
  /** Which findings make the command exit 1 (the reports are written either way). */
  failOn?: "error" | "warning" | "never";
}

/** Shell-quote an argument for the regenerate command. */
function quote(arg: string): string {
  return /^[A-Za-z0-9_./:=,@+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

async function sha256File(file: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest("hex");
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

function parseBy(text: string): Dimension[] {
  const dims = text.split(",").map((s) => s.trim()).filter(Boolean);
  for (const d of dims) if (!lib.isDimension(d)) throw new ReportingError("bad-option", `--by: "${d}" is not a dimension`, `Dimensions: ${lib.DIMENSIONS.join(", ")}`);
  return dims as Dimension[];
}

/** The real path of a file, or its absolute path when it does not exist yet. */
async function real(p: string): Promise<string> {
  return realpath(p).catch(() => path.resolve(p));
}

/**
 * Where the two report files go: inside `--out`, named from the slugged project name, never over an
 * input. Throws `ReportingError` (exit 2) otherwise.
 */
export async function reportTargets(outDir: string, base: string, inputs: readonly string[]): Promise<{ docx: string; xlsx: string }> {
  if (base.includes("/") || base.includes("\\") || base.includes("..") || base.startsWith(".")) {
    throw new ReportingError("unsafe-output", `refusing to write a report named "${base}": the name must not hold a path`);
  }
  await mkdir(outDir, { recursive: true });
  const dir = await real(outDir);
  const inputSet = new Set(await Promise.all(inputs.map(real)));
  const targets = { docx: path.join(dir, `${base}.docx`), xlsx: path.join(dir, `${base}.xlsx`) };
  for (const t of Object.values(targets)) {
    if (path.dirname(t) !== dir) throw new ReportingError("unsafe-output", `refusing to write ${t}: outside --out ${outDir}`);
    const resolved = await real(t);
    if (inputSet.has(resolved) || inputSet.has(t)) {
      throw new ReportingError("unsafe-output", `refusing to write ${path.relative(process.cwd(), t)}: it is an input of the project`, "Choose another --out directory.");
    }
    const s = await stat(t).catch(() => undefined);
    if (s && !s.isFile()) throw new ReportingError("unsafe-output", `refusing to write ${t}: it exists and is not a file`);
  }
  return targets;
}

/** Run `logframe report`: one pass over the sources feeds the engine, the validator and the data sheets. */
export async function runReport(projectArg: string, flags: ReportRunFlags, global: { debug?: boolean }): Promise<void> {
  void global;
  const type: ReportType = flags.type === "closeout" || flags.type === "progress" ? flags.type : badType(flags.type);
  const date = lib.resolveReportDate({ date: flags.date, sourceDateEpoch: process.env["SOURCE_DATE_EPOCH"], now: new Date() });
  const by = parseBy(flags.by);
  const dataRows = parseDataRows(flags.dataRows);
  const loaded = await loadProject(projectArg);
  const project = loaded.project;
  const period = lib.parsePeriod(flags.period, project);
  const templates = await loadTemplates(type, flags.templates);
  lib.compileNarrative(templates); // template errors stop the run before any work
  const sources = await resolveSources(loaded);

  const inputs = [loaded.file, ...sources.flatMap((s) => s.files.map((f) => path.join(loaded.dir, f.path))), ...Object.values(templates).map((t) => path.resolve(t.file))];
  const targets = await reportTargets(flags.out, lib.reportBaseName(project.project.name, type, period.id), inputs);
  await Promise.all(Object.values(targets).map(removeStaleTemps));

  const files = sources.flatMap((s) => s.files);
  const progress = createProgress({ quiet: Boolean(flags.quiet), total: files.length + 3 });

  // ── One pass: engine, validator and data sheets ──
  const now = date;
  const figures: lib.FigureHooks = {
    period: (text) => lib.parsePeriod(text, project),
    engine: (p) => lib.createEngine(project, { period: p, by: ["partner"], now }),
  };
  const claimSources = sources.filter((s) => s.source.kind === "spp-target-achievement");
  // Both streams made before either is read, so the main pass's first workbook is read meanwhile.
  const claimEvents = claimSources.length ? lib.ingestSources(claimSources, project, loaded.ingest) : undefined;
  const events = lib.ingestSources(sources, project, loaded.ingest);
  const periods = claimEvents ? await lib.claimPeriods(claimEvents) : [];
  const validator = lib.createValidator(project, { now, figures, periods });
  const engine = lib.createEngine(project, { period, by, now });
  const data = lib.createDataCollector({ maxRows: dataRows });
  const rows = new Map<string, number>();
  const sinks = [validator, engine, data];
  for await (const e of events as AsyncIterable<IngestEvent>) {
    for (const s of sinks) s.add(e);
    if (e.type === "file") {
      rows.set(e.file, (rows.get(e.file) ?? 0) + e.rows);
      progress.tick(`read ${e.file}`);
    }
  }
  const report = validator.finish();
  const result = engine.finish();

  // ── Fingerprints of the inputs ──
  const reportSources: ReportSource[] = [];
  for (const s of sources) {
    for (const f of s.files) {
      const abs = path.join(loaded.dir, f.path);
      const st = await stat(abs);
      reportSources.push({ path: f.path, kind: s.source.kind, partner: s.source.partner, sha256: await sha256File(abs), bytes: st.size, rows: rows.get(f.path) ?? 0 });
    }
  }
  const command = [
    "logframe report",
    quote(projectArg),
    `--type ${type}`,
    `--period ${quote(flags.period)}`,
    `--out ${quote(flags.out)}`,
    `--date ${date}`,
    ...(flags.templates ? [`--templates ${quote(flags.templates)}`] : []),
    ...(flags.by !== "partner,district" ? [`--by ${quote(flags.by)}`] : []),
    ...(dataRows !== lib.DEFAULT_DATA_SHEET_ROWS ? [`--data-rows ${dataRows}`] : []),
  ].join(" ");
  const dataSheets = data.finish();
  const model = lib.buildReportModel({
    type,
    project,
    result,
    validation: report,
    date,
    sources: reportSources,
    projectFile: { path: path.relative(process.cwd(), loaded.file) || loaded.file, sha256: createHash("sha256").update(loaded.bytes).digest("hex") },
    version: await version(),
    command,
    data: dataSheets,
  });

  // ── Render, then write each file atomically ──
  const docx = await lib.renderDocx(model, { templates });
  progress.tick("rendered the Word report");
  const xlsx = await lib.renderXlsx(model);
  progress.tick("rendered the workbook");
  await writeAtomic(targets.docx, docx);
  await writeAtomic(targets.xlsx, xlsx);
  progress.tick("written");
  progress.stop();

  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  process.stdout.write(`Wrote ${rel(targets.docx)} and ${rel(targets.xlsx)}\n`);
  for (const d of dataSheets) {
    if (!d.leftOut) continue;
    process.stderr.write(`logframe: ${lib.leftOutReason(d.kind, d.leftOut)}; its figures are written as values (logframe trace lists the rows).\n`);
  }
  const failing = flags.failOn === "never" ? 0 : report.summary.errors + (flags.failOn === "warning" ? report.summary.warnings : 0);
  if (report.summary.errors > 0) {
    process.stderr.write(`logframe: the data has ${report.summary.errors} error finding${report.summary.errors === 1 ? "" : "s"}; they are summarised in the report's data-quality annex (run logframe validate for the list).\n`);
  }
  if (failing > 0) setExitCode(EXIT.findings);
}

function parseDataRows(text: string | undefined): number {
  if (text === undefined) return lib.DEFAULT_DATA_SHEET_ROWS;
  if (!/^\d+$/.test(text.trim())) throw new ReportingError("bad-option", `--data-rows ${text}: expected a whole number`);
  return Number(text);
}

function badType(type: string): never {
  throw new ReportingError("bad-option", `--type: expected closeout or progress, got "${type}"`);
}
