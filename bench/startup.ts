/**
 * `npm run bench:startup [-- --runs N] [--bin PATH]`
 *
 * Start-up benchmark of the built CLI (`bin/logframe.js`, which runs `dist/`: run `npm run build`
 * first): the wall time of `logframe --help` and of `logframe validate fixtures/ashshash` as whole
 * processes, N runs each after one unmeasured warm-up run (so the file cache is warm), and prints
 * the median, min and max wall seconds, the median CPU seconds (user + system: above the wall time
 * when both cores worked) and the median peak RSS. Other processes on the machine make wall times
 * noisy: the load average is printed beside them. The targets are those of the
 * performance issue: both "well under a second"; validate at most 0.6 s here. `--bin` times another
 * build's executable (a copy of an older dist/ and bin/, say) the same way, for a before/after.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./measure.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TIME = "/usr/bin/time";
const hasTime = existsSync(TIME) && spawnSync(TIME, ["-f", "%M", "true"]).status === 0;

interface Case {
  name: string;
  args: string[];
  /** The exit code the command must give: validate exits 1 because the fixture has error findings on purpose. */
  exit: number;
  /** Target median wall seconds. */
  target: number;
}

const CASES: Case[] = [
  { name: "--help", args: ["--help"], exit: 0, target: 0.6 },
  { name: "validate fixtures/ashshash", args: ["validate", "fixtures/ashshash", "--now", "2023-01-07"], exit: 1, target: 0.6 },
];

interface Run {
  wall: number;
  cpu: number;
  peakMb: number;
}

function parseArgs(argv: string[]): { runs: number; bin: string | undefined } {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(value("--runs") ?? 11);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a whole number of at least 1, got ${value("--runs")}`);
  const bin = value("--bin");
  return { runs, bin: bin === undefined ? undefined : path.resolve(bin) };
}

/** One run of `node bin/logframe.js ...args`, timed from outside; throws if it gives the wrong exit code. */
function runOnce(c: Case, dir: string, bin: string): Run {
  const timeFile = path.join(dir, "time");
  const node = [process.execPath, bin, ...c.args];
  const [cmd, argv] = hasTime ? [TIME, ["-f", "%M %U %S", "-o", timeFile, ...node]] : [node[0]!, node.slice(1)];
  const env = { ...process.env, NO_COLOR: "1" };
  const started = performance.now();
  const r = spawnSync(cmd, argv, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== c.exit) throw new Error(`logframe ${c.args.join(" ")} exited ${r.status} (expected ${c.exit}): ${r.stderr.toString().trim().slice(-400)}`);
  if (r.stdout.length === 0) throw new Error(`logframe ${c.args.join(" ")} printed nothing`);
  // `time -o` may start with "Command exited with non-zero status N".
  const [kb, user, sys] = hasTime ? readFileSync(timeFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number) : [];
  return { wall, cpu: (user ?? NaN) + (sys ?? NaN), peakMb: (kb ?? NaN) / 1024 };
}

/** Warn when dist/ is older than src/: the benchmark would time yesterday's build. */
function checkBuilt(): void {
  const main = path.join(ROOT, "dist/bundle/main.js");
  if (!existsSync(main)) throw new Error("dist/ is missing: run `npm run build` first");
  const built = statSync(main).mtimeMs;
  const stale = spawnSync("find", [path.join(ROOT, "src"), "-name", "*.ts", "-newermt", `@${Math.floor(built / 1000)}`], { encoding: "utf8" }).stdout.trim();
  if (stale) console.warn(`warning: src/ has files newer than dist/ (${stale.split("\n").length}): run \`npm run build\` first`);
}

function main(): void {
  const { runs, bin } = parseArgs(process.argv.slice(2));
  if (!bin) checkBuilt();
  const exe = bin ?? path.join(ROOT, "bin/logframe.js");
  const dir = mkdtempSync(path.join(tmpdir(), "logframe-startup-"));
  const s = (x: number) => x.toFixed(3);
  try {
    console.log(`${path.relative(ROOT, exe)}: node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}; ${runs} runs each after a warm-up run`);
    console.log(`${"command".padEnd(28)} ${"median".padStart(7)} ${"min".padStart(7)} ${"max".padStart(7)} ${"cpu".padStart(7)} ${"peak MB".padStart(8)}  target (median wall seconds)`);
    for (const c of CASES) {
      runOnce(c, dir, exe);
      const results = Array.from({ length: runs }, () => runOnce(c, dir, exe));
      const walls = results.map((r) => r.wall);
      const m = median(walls);
      const verdict = m <= c.target ? "met" : "NOT met";
      console.log(
        `${c.name.padEnd(28)} ${s(m).padStart(7)} ${s(Math.min(...walls)).padStart(7)} ${s(Math.max(...walls)).padStart(7)} ${s(median(results.map((r) => r.cpu))).padStart(7)} ${median(results.map((r) => r.peakMb)).toFixed(0).padStart(8)}  ≤ ${c.target} s: ${verdict}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
