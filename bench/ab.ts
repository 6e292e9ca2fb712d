/**
 * Old against new: one benchmark job run from a base revision's build and from the working tree's,
 * in turn (A B B A A B …), so a noisy VM's drift falls on both alike; prints each side's medians
 * (work seconds, its phases, whole-process wall, CPU and peak MB), the ratio, and whether the two
 * give the same figures. On the 2-vCPU VMs this project is measured on, the same build's job has
 * run 2.0 s and 1.1 s within the hour: a before/after taken minutes apart says little.
 *
 * Usage: `npm run bench:ab -- [--base REV] [--runs N] [--job SCRIPT] [-- JOB ARGS...]`
 *   --base  the revision to compare with (default HEAD: the uncommitted change against it)
 *   --runs  runs of each side (default 8)
 *   --job   a script of bench/jobs (default logframe.ts)
 *   job args default to the issue's job on the 1M-row CSV: `.bench/events-1m events --only <pandas' checks>`
 *
 * The base is checked out once into `.bench/ab/<commit>` (a detached git worktree sharing this
 * tree's node_modules; one whose folder was deleted is pruned first) and built there; both sides run
 * their `.bench/js` build (bench/build.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { buildJs } from "./build.js";
import type { JobOutput } from "./jobs/job-output.js";
import { measure, median, type Measured } from "./measure.js";
import { PANDAS_CHECKS } from "./synth.js";

interface Options {
  base: string;
  runs: number;
  job: string;
  args: string[];
}

function parseArgs(argv: string[]): Options {
  const dash = argv.indexOf("--");
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const value = (flag: string): string | undefined => {
    const i = own.indexOf(flag);
    return i >= 0 ? own[i + 1] : undefined;
  };
  const runs = Number(value("--runs") ?? 8);
  if (!Number.isInteger(runs) || runs < 1) fail(`--runs wants a whole number of at least 1, got ${value("--runs")}`);
  const args = dash < 0 ? [".bench/events-1m", "events", "--only", PANDAS_CHECKS] : argv.slice(dash + 1);
  return { base: value("--base") ?? "HEAD", runs, job: value("--job") ?? "logframe.ts", args };
}

function fail(message: string): never {
  console.error(`bench:ab: ${message}`);
  process.exit(2);
}

function git(root: string, ...args: string[]): string {
  const r = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  if (r.status !== 0) fail(`git ${args.join(" ")}: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout.trim();
}

/** The base revision checked out and built under `.bench/ab/<commit>`; its `.bench/js`. */
async function baseBuild(root: string, rev: string): Promise<string> {
  const commit = git(root, "rev-parse", "--verify", `${rev}^{commit}`);
  const dir = path.join(root, ".bench", "ab", commit.slice(0, 12));
  if (!existsSync(dir)) {
    mkdirSync(path.dirname(dir), { recursive: true });
    // A worktree whose folder went with `.bench` is still registered until pruned, and would refuse the add.
    git(root, "worktree", "prune");
    git(root, "worktree", "add", "--detach", dir, commit);
  }
  if (!existsSync(path.join(dir, "node_modules"))) symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  const built = await buildJs(dir);
  if (!built.dir) fail(`could not build ${rev}: ${built.why}`);
  return built.dir;
}

/** A run's figures without what differs from run to run (times, memory), keys in order, for comparing the two sides. */
function figures(o: JobOutput | undefined): string {
  if (!o) return "";
  const { seconds: _s, cpuSeconds: _c, maxRssKb: _m, phases: _p, heap: _h, ...rest } = o;
  return JSON.stringify(sortedKeys(rest));
}

function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])]));
}

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : "n/a");

function summary(name: string, runs: Measured[]): string {
  const ok = runs.filter((r) => r.output);
  const work = ok.map((r) => r.output!.seconds);
  const phases = Object.keys(ok[0]?.output?.phases ?? {});
  const phaseText = phases.map((p) => `${p} ${fmt(median(ok.map((r) => r.output!.phases?.[p] ?? NaN)))}`).join(", ");
  return (
    `${name}  work ${fmt(median(work))} s (min ${fmt(Math.min(...work))}, max ${fmt(Math.max(...work))})` +
    `  wall ${fmt(median(runs.map((r) => r.wall)), 2)} s  cpu ${fmt(median(runs.map((r) => r.cpu)), 2)} s  peak ${fmt(median(runs.map((r) => r.peakMb)), 0)} MB` +
    (phaseText ? `\n     phases: ${phaseText}` : "")
  );
}

async function main(): Promise<void> {
  const root = process.cwd();
  const opts = parseArgs(process.argv.slice(2));
  const data = opts.args.find((a) => a.startsWith(".bench/"));
  if (data && !existsSync(path.join(root, data))) fail(`${data} is not there: generate it first (npm run bench -- --quick makes the small ones; npm run bench makes all)`);
  const a = await baseBuild(root, opts.base);
  const b = (await buildJs(root)).dir ?? fail("could not build the working tree");
  const script = (dir: string) => path.join(dir, "bench", "jobs", opts.job.replace(/\.ts$/, ".js"));
  const sides = { A: { dir: a, runs: [] as Measured[] }, B: { dir: b, runs: [] as Measured[] } };
  console.log(`A = ${opts.base} (${a}), B = the working tree; ${opts.runs} runs each of ${opts.job} ${opts.args.join(" ")}`);
  for (let r = 0; r < opts.runs; r++) {
    // A B, then B A: neither side always runs first.
    for (const name of r % 2 === 0 ? (["A", "B"] as const) : (["B", "A"] as const)) {
      const m = await measure(process.execPath, [script(sides[name].dir), ...opts.args], root);
      if (m.error) fail(`${name}, run ${r + 1}: ${m.error}`);
      sides[name].runs.push(m);
      process.stderr.write(`  ${name} run ${r + 1}/${opts.runs}: ${fmt(m.output!.seconds)} s\n`);
    }
  }
  console.log(summary("A", sides.A.runs));
  console.log(summary("B", sides.B.runs));
  const ratio = median(sides.B.runs.map((r) => r.output!.seconds)) / median(sides.A.runs.map((r) => r.output!.seconds));
  const same = sides.A.runs.concat(sides.B.runs).every((r) => figures(r.output) === figures(sides.A.runs[0]!.output));
  console.log(`B/A ${fmt(ratio)} (work seconds, medians); the same figures every run: ${same ? "yes" : "NO"}`);
  if (!same) process.exitCode = 1;
}

await main();
