/**
 * The sinks on the real pipeline's events, warm: a project's files are read once (as the CLI reads
 * them, in batches) and kept in memory, then one sink is fed them again and again, and the time of
 * its adds and of its finish is printed per round. For finding which check or engine part a change
 * speeds up, without the noise of reading the file each time (`sinks.ts` makes its own batches,
 * without the coded columns the reader gives).
 *
 * Usage: `npx tsx bench/jobs/replay.ts PROJECT_DIR [engine | validator [CODES]] [--rounds N] [--fresh]`
 * (the engine is the bench's quarterly multi-period engine; CODES as `logframe validate --only`).
 * `--fresh` reads the file again before each round, so every round meets batches as a real run does
 * (text columns not yet numbered, dates not yet placed) with the code already warm: the round's time
 * less a warm round's is what first use of a batch costs, apart from compiling the code.
 */
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { createMultiEngine, parsePeriod, splitPeriod } from "../../src/aggregate/index.js";
import { ingestSources } from "../../src/normalize/ingest.js";
import type { IngestEvent, Sink } from "../../src/schema/table.js";
import { createValidator } from "../../src/validate/run.js";

const args = process.argv.slice(2);
const fresh = args.includes("--fresh");
const roundsAt = args.indexOf("--rounds");
const rounds = roundsAt < 0 ? 5 : Number(args[roundsAt + 1]);
const [dir = ".bench/events-1m", mode = "engine", codes] = (roundsAt < 0 ? args : args.slice(0, roundsAt)).filter((a) => a !== "--fresh");

const loaded = await loadProject(dir);
const project = loaded.project;
const sources = await resolveSources(loaded);
/** The file's events, kept: their batches must not point into reused read buffers (not transient). */
async function readEvents(): Promise<IngestEvent[]> {
  const out: IngestEvent[] = [];
  for await (const e of ingestSources(sources, project, { ...loaded.ingest, transient: false })) out.push(e);
  return out;
}
let events = await readEvents();
const periods = splitPeriod(parsePeriod("phase", project), "quarter", project);

for (let r = 1; r <= rounds; r++) {
  if (fresh && r > 1) events = await readEvents();
  const sink: Sink<unknown> =
    mode === "engine" ? createMultiEngine(project, { periods }) : createValidator(project, { now: "2025-01-01", maxFindings: Infinity, ...(codes ? { only: codes.split(",") } : {}) });
  const t0 = performance.now();
  for (const e of events) sink.add(e);
  const t1 = performance.now();
  sink.finish();
  console.log(`round ${r}: ${mode}${codes ? ` (${codes})` : ""} adds ${(t1 - t0).toFixed(0)} ms, finish ${(performance.now() - t1).toFixed(0)} ms`);
}
