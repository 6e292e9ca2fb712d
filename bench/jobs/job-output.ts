/**
 * What every benchmark job prints on its last stdout line (one JSON object), so the harness can
 * time it, check its figures and show its memory the same way whatever it ran on.
 */
import type { SexSums } from "../synth.js";

/** One job's report. `seconds` is the work alone (after imports, from opening the file to the figures). */
export interface JobOutput {
  rows: number;
  seconds: number;
  /** CPU seconds of the work (all threads of the process, imports excluded), the fairer figure on a busy machine. */
  cpuSeconds?: number;
  /** Counts of rows failing each check (sex-sum, date outside the phase...), or findings by code. */
  checks?: Record<string, number>;
  /** event type → quarter → [female, male, other, total]. */
  sums?: Record<string, Record<string, SexSums>>;
  /** Distinct persons counted (the survivor job). */
  persons?: Record<string, number>;
  /** The child's own peak RSS in KB (used when `/usr/bin/time` is not there). */
  maxRssKb?: number;
  /** Parts of the job the library does not provide yet; the harness prints "n/a" for them. */
  missing?: string[];
  /** Where the time went, when the job can tell (seconds by phase). */
  phases?: Record<string, number>;
  /** The V8 heap at the end, in MB (live data, before the sinks' results are dropped). */
  heap?: { usedMb: number; totalMb: number; externalMb: number };
}

let cpuAtStart = process.cpuUsage();

/** Mark the start of the work (where the job starts its clock), for `cpuSeconds`. */
export function markStart(): number {
  cpuAtStart = process.cpuUsage();
  return performance.now();
}

/** Print the job's report as its last line, with the process's own peak RSS and the CPU used since `markStart`. */
export function emit(out: JobOutput): void {
  if (out.cpuSeconds === undefined) {
    const c = process.cpuUsage(cpuAtStart);
    out.cpuSeconds = (c.user + c.system) / 1e6;
  }
  out.maxRssKb ??= process.resourceUsage().maxRSS;
  // With --expose-gc the heap figure is live data only (the harness does not pass it: it would change the peak).
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  out.heap ??= { usedMb: round(m.heapUsed), totalMb: round(m.heapTotal), externalMb: round(m.external) };
  process.stdout.write(JSON.stringify(out) + "\n");
}

const round = (bytes: number) => Math.round(bytes / 104857.6) / 10;
