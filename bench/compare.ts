/**
 * The benchmark's correctness check: two jobs' sums by event type × quarter must be equal, cell
 * for cell (integers, so exactly).
 */
import type { SexSums } from "./synth.js";

export type Sums = Record<string, Record<string, SexSums>>;

/** What differs between two sets of sums (empty when they are equal), at most `limit` lines. */
export function diffSums(a: Sums, b: Sums, limit = 10): string[] {
  const out: string[] = [];
  const types = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const type of [...types].sort()) {
    const qa = a[type] ?? {};
    const qb = b[type] ?? {};
    for (const q of [...new Set([...Object.keys(qa), ...Object.keys(qb)])].sort()) {
      const x = qa[q];
      const y = qb[q];
      if (!x || !y || x.some((v, i) => v !== y[i])) out.push(`${type} ${q}: ${x ? x.join("/") : "missing"} vs ${y ? y.join("/") : "missing"}`);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** The sums over all quarters, by event type: [female, male, other, total]. */
export function totalsByType(s: Sums): Record<string, SexSums> {
  const out: Record<string, SexSums> = {};
  for (const [type, quarters] of Object.entries(s)) {
    const t: SexSums = [0, 0, 0, 0];
    for (const v of Object.values(quarters)) for (let i = 0; i < 4; i++) t[i]! += v[i]!;
    out[type] = t;
  }
  return out;
}
