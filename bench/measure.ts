/**
 * Run one benchmark job as a child process and measure it from outside: wall time, CPU time and
 * peak resident memory of the whole process as the OS accounts it (`/usr/bin/time -f` reads the
 * child's rusage), plus the job's own report (its last stdout line).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { JobOutput } from "./jobs/job-output.js";

/** One run of one job. */
export interface Measured {
  /** Wall seconds of the whole process (start-up and imports included). */
  wall: number;
  /** User + system CPU seconds of the whole process (above `wall` when it used both cores). */
  cpu: number;
  /** Peak resident set size in MB. */
  peakMb: number;
  output?: JobOutput;
  error?: string;
}

const TIME = "/usr/bin/time";
const hasTime = existsSync(TIME) && spawnSync(TIME, ["-f", "%e", "true"]).status === 0;

/** Run `command args` in `cwd`, at most `timeoutS` seconds. Never throws. */
export function measure(command: string, args: string[], cwd: string, timeoutS = 900): Promise<Measured> {
  const dir = mkdtempSync(path.join(tmpdir(), "logframe-bench-"));
  const timeFile = path.join(dir, "time");
  const [cmd, argv] = hasTime ? [TIME, ["-f", "%e %M %U %S", "-o", timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutS * 1000, killSignal: "SIGKILL" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on("error", (err) => finish(null, err.message));
    child.on("close", (code, signal) => finish(code, signal ? `killed by ${signal}${signal === "SIGKILL" ? ` (over ${timeoutS} s?)` : ""}` : undefined));

    let done = false;
    function finish(code: number | null, why: string | undefined): void {
      if (done) return;
      done = true;
      const wallOutside = (performance.now() - started) / 1000;
      const m: Measured = { wall: wallOutside, cpu: NaN, peakMb: NaN };
      if (hasTime && existsSync(timeFile)) {
        // `time -o` may start with "Command exited with non-zero status N".
        const last = readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "";
        const [e, kb, u, s] = last.split(" ").map(Number);
        if (Number.isFinite(e)) m.wall = e!;
        if (Number.isFinite(kb)) m.peakMb = kb! / 1024;
        if (Number.isFinite(u) && Number.isFinite(s)) m.cpu = u! + s!;
      }
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        m.output = JSON.parse(line) as JobOutput;
        if (!Number.isFinite(m.peakMb) && m.output.maxRssKb) m.peakMb = m.output.maxRssKb / 1024;
      } catch {
        m.error = why ?? (code !== 0 ? `exit ${code}: ${lastLines(stderr)}` : `no report on stdout: ${lastLines(stdout || stderr)}`);
      }
      if (code !== 0 && !m.error) m.error = `exit ${code}: ${lastLines(stderr)}`;
      rmSync(dir, { recursive: true, force: true });
      resolve(m);
    }
  });
}

function lastLines(s: string): string {
  return s.trim().split("\n").slice(-3).join(" | ").slice(0, 400);
}

/** The median of some numbers (NaN for none). */
export function median(xs: number[]): number {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** A Python that has pandas: `$PYTHON`, `python3`, then the system's `/usr/bin/python3` (apt's python3-pandas). */
export function findPandasPython(): string | undefined {
  for (const py of [process.env.PYTHON, "python3", "/usr/bin/python3"]) {
    if (!py) continue;
    const r = spawnSync(py, ["-c", "import pandas"], { stdio: "ignore" });
    if (r.status === 0) return py;
  }
  return undefined;
}
