/**
 * The floor of what logframe could reach in JavaScript: the benchmark job fused into one loop over
 * the tokenizer's records, with no per-row objects beyond the fields — the same checks and sums as
 * the pandas job (sex-sum, counts whole and not negative, date in the phase, sums by event type ×
 * quarter). Not the library: no header aliases beyond the bench file's, no findings, no duplicate or
 * outlier checks. It measures how far the general pipeline is from the parser-bound limit.
 */
import { createCsvTokenizer, type CsvRecord } from "../tokenizer/csv-tokenizer.js";
import type { SexSums } from "../synth.js";

/** The figures of one byte range; states of several ranges add up. */
export interface FusedState {
  rows: number;
  checks: { sexSum: number; outOfPhase: number; negative: number; fractional: number; notNumber: number; badDate: number };
  /** event type → quarter → [female, male, other, total]. */
  sums: Record<string, Record<string, SexSums>>;
}

const COLUMNS = ["date", "event type", "female", "male", "other", "total"] as const;

/** A fused scan: feed it chunks (the first range's chunks start with the header), take the state. */
export function createFusedScan(phase: { start: string; end: string }, header?: string[]) {
  const t = createCsvTokenizer();
  const state: FusedState = { rows: 0, checks: { sexSum: 0, outOfPhase: 0, negative: 0, fractional: 0, notNumber: 0, badDate: 0 }, sums: {} };
  let idx: number[] | undefined = header ? indexOf(header) : undefined;
  const byType = new Map<string, Map<number, SexSums>>();

  function indexOf(h: string[]): number[] {
    const lower = h.map((x) => x.trim().toLowerCase());
    return COLUMNS.map((c) => lower.indexOf(c));
  }

  /** A count cell: digits only is the fast path; blank is 0; anything else is counted and read as 0. */
  function count(s: string | undefined): number {
    if (s === undefined || s === "") return 0;
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) {
        const x = Number(s);
        if (!Number.isFinite(x)) {
          state.checks.notNumber++;
          return 0;
        }
        if (x < 0) state.checks.negative++;
        if (!Number.isInteger(x)) state.checks.fractional++;
        return x;
      }
      n = n * 10 + d;
    }
    return n;
  }

  function add(records: CsvRecord[]): void {
    for (const r of records) {
      const f = r.fields;
      if (!idx) {
        idx = indexOf(f);
        continue;
      }
      if (f.length === 1 && f[0] === "") continue;
      state.rows++;
      const female = count(f[idx[2]!]);
      const male = count(f[idx[3]!]);
      const other = count(f[idx[4]!]);
      const total = count(f[idx[5]!]);
      if (female + male + other !== total) state.checks.sexSum++;
      const d = f[idx[0]!] ?? "";
      if (d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) {
        state.checks.badDate++;
        continue;
      }
      if (d < phase.start || d > phase.end) {
        state.checks.outOfPhase++;
        continue;
      }
      const type = f[idx[1]!] ?? "";
      let q = byType.get(type);
      if (!q) byType.set(type, (q = new Map()));
      const month = (d.charCodeAt(5) - 48) * 10 + (d.charCodeAt(6) - 48);
      const key = Number(d.slice(0, 4)) * 10 + Math.floor((month - 1) / 3) + 1;
      let s = q.get(key);
      if (!s) q.set(key, (s = [0, 0, 0, 0]));
      s[0] += female;
      s[1] += male;
      s[2] += other;
      s[3] += total;
    }
  }

  return {
    push: (chunk: Uint8Array) => add(t.push(chunk)),
    finish(): FusedState {
      add(t.end());
      for (const [type, q] of byType) {
        const out: Record<string, SexSums> = (state.sums[type] = {});
        for (const [key, s] of q) out[`${Math.floor(key / 10)}Q${key % 10}`] = s;
      }
      return state;
    },
  };
}

/** Add up the states of several ranges. */
export function mergeFused(states: FusedState[]): FusedState {
  const out: FusedState = { rows: 0, checks: { sexSum: 0, outOfPhase: 0, negative: 0, fractional: 0, notNumber: 0, badDate: 0 }, sums: {} };
  for (const s of states) {
    out.rows += s.rows;
    for (const k of Object.keys(out.checks) as (keyof FusedState["checks"])[]) out.checks[k] += s.checks[k];
    for (const [type, qs] of Object.entries(s.sums)) {
      const t = (out.sums[type] ??= {});
      for (const [q, v] of Object.entries(qs)) {
        const acc = (t[q] ??= [0, 0, 0, 0]);
        for (let i = 0; i < 4; i++) acc[i]! += v[i]!;
      }
    }
  }
  return out;
}
