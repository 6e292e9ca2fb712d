import type { Report } from "../../errors/report.js";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/**
 * The one-line verdict: "✖ 2 errors, 1 warning in 7 files (5,120 rows)", or "✔ no errors …". A strict
 * run counts warnings against validity, so the mark follows `report.valid`.
 */
export function summaryLine(report: Report): string {
  const s = report.summary;
  const parts = [s.errors ? plural(s.errors, "error") : "no errors", plural(s.warnings, "warning")];
  if (s.infos) parts.push(plural(s.infos, "note"));
  return `${report.valid ? "✔" : "✖"} ${parts.join(", ")} in ${plural(s.files, "file")} (${plural(s.rows, "row")})`;
}

/** "3 suppressed (sex-sum: 'reason'; outlier: 'reason')", or undefined when nothing was suppressed. */
export function suppressedLine(report: Report): string | undefined {
  const s = report.summary;
  if (!s.suppressed) return undefined;
  const list = s.suppressions ?? [];
  // With several reasons, each says how many it silenced: "5 suppressed (sex-sum ×3: 'a'; outlier ×2: 'b')".
  const why = list.map((x) => `${x.check}${list.length > 1 ? ` ×${x.count}` : ""}: '${x.reason}'`).join("; ");
  return `${s.suppressed.toLocaleString("en-GB")} suppressed${why ? ` (${why})` : ""}`;
}

/**
 * "(showing 1,000 of 5,120 findings: sex-sum 4,900, date-out-of-period 220; use --max-findings to see
 * more)", when the list was cut: the checks by how many findings each gave, most first, so the counts
 * of the findings not listed are known too.
 */
export function truncatedLine(report: Report): string | undefined {
  if (!report.summary.truncated) return undefined;
  const all = report.summary.errors + report.summary.warnings + report.summary.infos;
  const byCode = Object.entries(report.summary.byCode).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const codes = byCode.map(([code, n]) => `${code} ${n.toLocaleString("en-GB")}`).join(", ");
  return `(showing ${report.findings.length.toLocaleString("en-GB")} of ${all.toLocaleString("en-GB")} findings${codes ? `: ${codes}` : ""}; use --max-findings to see more)`;
}

/** Numbers of `expectedGot`: one formatter, made when first needed (`toLocaleString` with options made one a call, ~20 µs: 14 s for 300,000 findings). */
let figures: Intl.NumberFormat | undefined;

/** "(expected 439, got 449)", or "" when the finding has neither. */
export function expectedGot(f: { expected?: string | number | undefined; actual?: string | number | undefined }): string {
  const fmt = (v: string | number) => (typeof v === "number" ? (figures ??= new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 })).format(v) : v);
  if (f.expected === undefined && f.actual === undefined) return "";
  if (f.expected === undefined) return `(got ${fmt(f.actual!)})`;
  if (f.actual === undefined) return `(expected ${fmt(f.expected)})`;
  return `(expected ${fmt(f.expected)}, got ${fmt(f.actual)})`;
}

/** Findings grouped by file, in report order; findings about no file (the logframe) come last. */
export function groupByFile<T extends { file?: string | undefined }>(findings: readonly T[]): Array<{ file: string | undefined; findings: T[] }> {
  const groups = new Map<string | undefined, T[]>();
  for (const f of findings) {
    const list = groups.get(f.file) ?? [];
    list.push(f);
    groups.set(f.file, list);
  }
  const out = [...groups.entries()].map(([file, list]) => ({ file, findings: list }));
  return [...out.filter((g) => g.file !== undefined), ...out.filter((g) => g.file === undefined)];
}
