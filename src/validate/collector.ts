import type { Finding, Severity } from "../errors/finding.js";

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Keeps at most `max` findings while counting every one exactly. When full, a more severe finding
 * takes the place of the last kept finding of the least severe kind, so errors are never crowded out
 * by warnings. Memory: `max` findings plus a few counters.
 */
export function createCollector(max: number) {
  const kept: Finding[][] = [[], [], []];
  const counts = { errors: 0, warnings: 0, infos: 0 };
  const suppressed = new Map<string, { check: string; reason: string; count: number }>();
  let size = 0;
  let dropped = 0;
  return {
    add(f: Finding): void {
      if (f.severity === "error") counts.errors++;
      else if (f.severity === "warning") counts.warnings++;
      else counts.infos++;
      const rank = RANK[f.severity];
      if (size < max) {
        kept[rank]!.push(f);
        size++;
        return;
      }
      dropped++;
      for (let worst = 2; worst > rank; worst--) {
        if (kept[worst]!.length) {
          kept[worst]!.pop();
          kept[rank]!.push(f);
          return;
        }
      }
    },
    suppress(check: string, reason: string): void {
      const key = `${check}\u0000${reason}`;
      const s = suppressed.get(key);
      if (s) s.count++;
      else suppressed.set(key, { check, reason, count: 1 });
    },
    findings: (): Finding[] => kept.flat(),
    counts: () => ({ ...counts }),
    truncated: () => dropped > 0,
    suppressions: () => [...suppressed.values()],
    suppressedCount: () => [...suppressed.values()].reduce((a, s) => a + s.count, 0),
  };
}
