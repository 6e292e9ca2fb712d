import type { Finding, Severity } from "../errors/finding.js";
import { compareFindingPlaces, compareFindings } from "../errors/report.js";
import { withMessage, type ReportedFinding } from "./locate.js";

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The order of the cap: errors, then warnings, then infos, each in the report's order (`compareFindings`). */
export function compareForCap(a: Finding, b: Finding): number {
  return RANK[a.severity] - RANK[b.severity] || compareFindings(a, b);
}

/**
 * Keeps at most `max` findings while counting every one exactly. The findings kept are the `max` that
 * come first by severity (errors, then warnings, then infos) and then in the report's order
 * (`compareFindings`: file, sheet, row, column, code, message), so errors are never crowded out by
 * warnings and the kept set does not depend on the order findings arrive in (checks run row by row or
 * batch by batch, workers in any order). Memory: a heap of `max` findings (its root the last kept one,
 * so a finding that comes later is turned away with one comparison) plus a counter for each severity and each code.
 * Suppressions are listed by check, then reason.
 */
export function createCollector(max: number) {
  const heap: Finding[] = [];
  const counts = { errors: 0, warnings: 0, infos: 0 };
  const byCode = new Map<string, number>();
  const suppressed = new Map<string, { check: string; reason: string; count: number }>();
  let dropped = 0;
  return {
    /** Count a finding, and keep it (its message made) if it is among the first `max`. */
    add(f: ReportedFinding): void {
      if (f.severity === "error") counts.errors++;
      else if (f.severity === "warning") counts.warnings++;
      else counts.infos++;
      byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
      if (heap.length < max) {
        // Below the cap nothing is ever evicted; keep a heap only when there is one to respect.
        if (max === Infinity) heap.push(withMessage(f));
        else pushHeap(heap, withMessage(f));
        return;
      }
      dropped++;
      const last = heap[0];
      if (last === undefined) return;
      // A finding that comes after the last one kept, message aside, is turned away without its message.
      const before = RANK[f.severity] - RANK[last.severity] || compareFindingPlaces(f, last);
      if (before > 0) return;
      const full = withMessage(f);
      if (before < 0 || compareForCap(full, last) < 0) replaceRoot(heap, full);
    },
    suppress(check: string, reason: string): void {
      const key = `${check}\u0000${reason}`;
      const s = suppressed.get(key);
      if (s) s.count++;
      else suppressed.set(key, { check, reason, count: 1 });
    },
    /** The kept findings, in no particular order (`buildReport` sorts them). */
    findings: (): Finding[] => [...heap],
    counts: () => ({ ...counts }),
    /** Every finding counted by code, kept or not. */
    byCode: (): Record<string, number> => Object.fromEntries(byCode),
    truncated: () => dropped > 0,
    suppressions: () => [...suppressed.values()].sort((a, b) => cmp(a.check, b.check) || cmp(a.reason, b.reason)).map((s) => ({ ...s })),
    suppressedCount: () => [...suppressed.values()].reduce((a, s) => a + s.count, 0),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ── A max-heap by `compareForCap`: the root is the finding that comes last ──

function pushHeap(heap: Finding[], f: Finding): void {
  let i = heap.length;
  heap.push(f);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compareForCap(heap[parent]!, f) >= 0) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = f;
}

function replaceRoot(heap: Finding[], f: Finding): void {
  const n = heap.length;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && compareForCap(heap[r]!, heap[l]!) > 0 ? r : l;
    if (compareForCap(heap[c]!, f) <= 0) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = f;
}
