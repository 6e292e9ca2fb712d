/**
 * Micro-benchmark of the sinks alone: the validator and the quarterly multi-period engine fed the
 * same synthetic event rows as `row` events (one DataRow each) and as `batch` events (RowBatches of
 * ~512 rows in column form), reading and normalising left out. Prints CPU µs per row for each way,
 * and checks that both give the same report and the same figures.
 *
 * Usage: `npx tsx bench/jobs/sinks.ts [--rows N] [--batch N] [--mode both|rows|batches] [--repeat N] [--no-validate] [--no-aggregate] [--only CODES]`
 * (default 1,000,000 rows, batches of 512, both modes, one run; with `--repeat N` the best of N is
 * printed too). `--expose-gc` lets it collect the data's garbage before each timed run. The batches
 * are built as the normalizer builds them (one shape and row builder per table). The figures quoted
 * in docs/performance.md come from the built JavaScript, as the bench harness runs it:
 *
 *     npx tsx -e 'import("./bench/build.ts").then((m) => m.buildJs(process.cwd()))'
 *     node --expose-gc .bench/js/bench/jobs/sinks.js
 *     node --expose-gc --cpu-prof --cpu-prof-dir=.bench/prof .bench/js/bench/jobs/sinks.js --mode batches
 *     npx tsx bench/tools/profile-top.ts .bench/prof/*.cpuprofile
 *
 * The rows are those of `bench/synth.ts` (6 event types, 10 venues, dates over the phase, 1 % sex-sum
 * mismatches, 0.5 % out-of-phase dates, 10 % blank `other`), for the project `bench/generate.ts`
 * writes (7 sum-sexes indicators, six with `where: event_type equals …`). Repeated text is one
 * string object per distinct value, as the reader's dictionary hands it over.
 */
import { createMultiEngine } from "../../src/aggregate/engine.js";
import { parsePeriod, splitPeriod } from "../../src/aggregate/periods.js";
import { ColumnBatch, shapeOf } from "../../src/normalize/batch.js";
import { rowBuilder } from "../../src/normalize/row-shape.js";
import { parseProject } from "../../src/schema/parse-project.js";
import type { Value } from "../../src/schema/kind.js";
import type { IngestEvent, Sink, Table } from "../../src/schema/table.js";
import { columnLetter } from "../../src/schema/table.js";
import { createValidator } from "../../src/validate/run.js";
import { eventProjectYaml } from "../generate.js";
import { EVENT_HEADER, eventRows } from "../synth.js";

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : def;
};
const ROWS = Number(opt("--rows", "1000000"));
const BATCH = Number(opt("--batch", "512"));
const MODE = opt("--mode", "both");
const REPEAT = Number(opt("--repeat", "1"));
const validate = !args.includes("--no-validate");
const aggregate = !args.includes("--no-aggregate");
const only = args.includes("--only") ? opt("--only", "").split(",") : undefined;

const project = parseProject(eventProjectYaml("events.csv"), "logframe.yaml");
const quarters = splitPeriod(parsePeriod("phase", project), "quarter", project);
const FIELDS = ["event_id", "date", "event_type", "union", "upazila", "district", "venue", "female", "male", "other", "total", "facilitator"];
const table: Table = {
  file: "events.csv",
  sheet: "events",
  kind: "event-attendance",
  partner: "JCF",
  headerRows: [1],
  columns: FIELDS.map((field, i) => ({ field, letter: columnLetter(i), label: EVENT_HEADER[i]! })),
};

// ── The data, in batches (strings interned, as the reader's dictionary gives them) ──
const interned = new Map<string, string>();
const intern = (s: string): string => {
  let t = interned.get(s);
  if (t === undefined) interned.set(s, (t = s));
  return t;
};
// One shape and one row builder per table, as the normalizer makes them.
const shape = shapeOf(table);
const build = rowBuilder(shape.names);
const batches: ColumnBatch[] = [];
let b: ColumnBatch | undefined;
let line = 2;
for (const r of eventRows(ROWS, 20_190_701)) {
  const values: Record<string, Value> = {
    event_id: r.id,
    date: intern(r.date),
    event_type: r.type,
    union: r.union,
    upazila: r.upazila,
    district: r.district,
    venue: r.venue,
    female: r.female,
    male: r.male,
    other: r.other,
    total: r.total,
    facilitator: r.facilitator,
  };
  if (!b || b.size === BATCH) batches.push((b = new ColumnBatch(table, shape, build, BATCH)));
  const i = b.size++;
  b.rows[i] = line++;
  shape.names.forEach((n, k) => {
    const v = values[n] ?? null;
    if (shape.numeric[k]) (b!.cols[k] as Float64Array)[i] = typeof v === "number" ? v : NaN;
    else (b!.cols[k] as Value[])[i] = v;
  });
}

type Sinks = { validator?: Sink<{ summary: unknown; findings: { code: string }[] }>; engine?: Sink<unknown[]> };
function makeSinks(): Sinks {
  const s: Sinks = {};
  if (validate) s.validator = createValidator(project, { now: "2025-01-01", maxFindings: Infinity, ...(only ? { only } : {}) });
  if (aggregate) s.engine = createMultiEngine(project, { periods: quarters });
  return s;
}

/** Feed every event to the sinks; CPU µs of the feeding alone, and what the sinks give. */
function run(events: () => Iterable<IngestEvent>): { us: number; user: number; system: number; report: unknown; figures: unknown } {
  const s = makeSinks();
  const list = [s.validator, s.engine].filter((x): x is Sink<never> => x !== undefined);
  const start: IngestEvent = { type: "table", table };
  for (const k of list) k.add(start);
  // A full collection first (when node runs with --expose-gc), so the data's own garbage is not charged to the sinks.
  (globalThis as { gc?: () => void }).gc?.();
  const c0 = process.cpuUsage();
  for (const e of events()) for (const k of list) k.add(e);
  const c1 = process.cpuUsage(c0);
  const report = s.validator?.finish();
  const figures = s.engine?.finish();
  return { us: c1.user + c1.system, user: c1.user, system: c1.system, report, figures };
}

function* rowEvents(): Iterable<IngestEvent> {
  for (const b of batches) for (let i = 0; i < b.size; i++) yield { type: "row", row: b.row(i) };
}
function* batchEvents(): Iterable<IngestEvent> {
  for (const b of batches) yield { type: "batch", batch: b };
}

const summary = (report: unknown): string => {
  if (!report) return "";
  const r = report as { findings: { code: string }[] };
  const byCode: Record<string, number> = {};
  for (const f of r.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  return JSON.stringify(byCode);
};

console.log(`${ROWS.toLocaleString("en-GB")} rows in ${batches.length} batches of ${BATCH}; sinks: ${[validate && "validator", aggregate && "multi-period engine (16 quarters)"].filter(Boolean).join(" + ")}`);
if (MODE !== "batches") for (const b of batches) for (let i = 0; i < b.size; i++) b.row(i); // rows exist before the row run, as normalize made them
const results: Record<string, ReturnType<typeof run>> = {};
const best: Record<string, number> = {};
for (let rep = 0; rep < REPEAT; rep++) {
  for (const mode of MODE === "both" ? ["rows", "batches"] : [MODE]) {
    const r = run(mode === "rows" ? rowEvents : batchEvents);
    results[mode] = r;
    best[mode] = Math.min(best[mode] ?? Infinity, r.us / ROWS);
    console.log(`${mode.padEnd(8)} ${(r.us / ROWS).toFixed(3)} µs CPU a row (user ${(r.user / ROWS).toFixed(3)}, system ${(r.system / ROWS).toFixed(3)}; ${(r.us / 1e6).toFixed(2)} s)  findings ${summary(r.report)}`);
  }
}
// Other work on the machine only ever adds CPU time (caches, page faults), so the best run says the most.
if (REPEAT > 1) console.log(`best of ${REPEAT}: ${Object.entries(best).map(([mode, us]) => `${mode} ${us.toFixed(3)} µs`).join(", ")} a row`);
if (results["rows"] && results["batches"]) {
  const same = JSON.stringify(results["rows"].report) === JSON.stringify(results["batches"].report) && JSON.stringify(results["rows"].figures) === JSON.stringify(results["batches"].figures);
  console.log(`rows and batches give the same report and figures: ${same ? "yes" : "NO"}`);
  if (!same) process.exitCode = 1;
}
