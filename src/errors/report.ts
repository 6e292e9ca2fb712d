import { z } from "zod";
import { FindingSchema, type Finding } from "./finding.js";

/** The result of validating a project: the JSON contract of `logframe validate --format json`. */
export const ReportSchema = z.object({
  valid: z.boolean(),
  summary: z.object({
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
    suppressed: z.number().int(),
    files: z.number().int(),
    rows: z.number().int(),
    /** True when `--max-findings` cut the list; the counts above still cover every finding. */
    truncated: z.boolean(),
    /** Suppressed findings by check and reason (`checks.suppress` in the project file). */
    suppressions: z.array(z.object({ check: z.string(), reason: z.string(), count: z.number().int() })).optional(),
  }),
  findings: z.array(FindingSchema),
});
export type Report = z.infer<typeof ReportSchema>;

/** Options for assembling a report. */
export interface ReportOptions {
  files: number;
  rows: number;
  suppressed?: number;
  maxFindings?: number;
  /**
   * Exact counts when `findings` is already a capped selection (a streaming validator keeps at most
   * `--max-findings` findings but counts them all); default: counted from `findings`.
   */
  counts?: { errors: number; warnings: number; infos: number };
  /** Set when the caller already dropped findings. */
  truncated?: boolean;
  suppressions?: Array<{ check: string; reason: string; count: number }>;
  /** Warnings make the report invalid too (`--strict`). */
  strict?: boolean;
}

/**
 * Count findings by severity and build a Report. Findings are ordered by file, sheet, row, then code,
 * so output is stable whatever order the checks ran in.
 */
export function buildReport(findings: readonly Finding[], opts: ReportOptions): Report {
  const sorted = [...findings].sort(compareFindings);
  const count = (s: Finding["severity"]) => sorted.filter((f) => f.severity === s).length;
  const counts = opts.counts ?? { errors: count("error"), warnings: count("warning"), infos: count("info") };
  const max = opts.maxFindings ?? Infinity;
  return {
    valid: counts.errors === 0 && !(opts.strict && counts.warnings > 0),
    summary: {
      errors: counts.errors,
      warnings: counts.warnings,
      infos: counts.infos,
      suppressed: opts.suppressed ?? 0,
      files: opts.files,
      rows: opts.rows,
      truncated: (opts.truncated ?? false) || sorted.length > max,
      suppressions: opts.suppressions ?? [],
    },
    findings: sorted.length > max ? sorted.slice(0, max) : sorted,
  };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file ?? "").localeCompare(b.file ?? "") ||
    (a.sheet ?? "").localeCompare(b.sheet ?? "") ||
    (a.row ?? 0) - (b.row ?? 0) ||
    (a.column ?? "").localeCompare(b.column ?? "") ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}
