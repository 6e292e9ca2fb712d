import * as z from "zod";
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
    /** Every finding counted by its check's code (also those `--max-findings` cut from the list), codes in order. */
    byCode: z.record(z.string(), z.number().int()),
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
  /** Exact counts by code, likewise; default: counted from `findings`. */
  byCode?: Record<string, number>;
  /** Set when the caller already dropped findings. */
  truncated?: boolean;
  suppressions?: Array<{ check: string; reason: string; count: number }>;
  /** Warnings make the report invalid too (`--strict`). */
  strict?: boolean;
}

/**
 * Count findings by severity and build a Report. Findings are ordered by `compareFindings` (file,
 * sheet, row, column, code, message), so output is stable whatever order the checks ran in.
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
      byCode: codesInOrder(opts.byCode ?? countCodes(sorted)),
      suppressions: opts.suppressions ?? [],
    },
    findings: sorted.length > max ? sorted.slice(0, max) : sorted,
  };
}

function countCodes(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.code] = (out[f.code] ?? 0) + 1;
  return out;
}

/** The same counts with the codes in order, so the JSON is the same whatever order findings came in. */
function codesInOrder(byCode: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(byCode).sort().map((code) => [code, byCode[code]!]));
}

// The locale order of `String#localeCompare` (same default locale and options), without making a
// collator per call; made on first use, not when the module loads (~8 ms of start-up).
let collator: Intl.Collator | undefined;
const byLocale = (a: string | undefined, b: string | undefined): number => (a === b ? 0 : (collator ??= new Intl.Collator()).compare(a ?? "", b ?? ""));
const byCodeUnits = (a: unknown, b: unknown): number => {
  const x = a === undefined ? "" : `${typeof a}:${String(a)}`;
  const y = b === undefined ? "" : `${typeof b}:${String(b)}`;
  return x < y ? -1 : x > y ? 1 : 0;
};
/** The fields that break a tie in the report's order, so that it is total (and the kept set of a capped list never depends on arrival order). */
const TIE_FIELDS = ["file", "sheet", "row", "column", "code", "message", "severity", "cell", "partner", "indicator", "expected", "actual", "note"] as const;

/** The report's order up to the message: by file, sheet, row, column, then code (see `compareFindings`). */
export function compareFindingPlaces(a: Pick<Finding, "file" | "sheet" | "row" | "column" | "code">, b: Pick<Finding, "file" | "sheet" | "row" | "column" | "code">): number {
  return byLocale(a.file, b.file) || byLocale(a.sheet, b.sheet) || (a.row ?? 0) - (b.row ?? 0) || byLocale(a.column, b.column) || byLocale(a.code, b.code);
}

/**
 * The report's order of findings: by file, sheet, row, column, code, then message (locale order for
 * text), and, between findings alike in all of these, by their remaining fields, so that only
 * identical findings compare equal. `buildReport` sorts by it and the validator's finding cap keeps
 * the first findings by it.
 * @example [b, a].sort(compareFindings) // a (events.csv row 3) before b (events.csv row 14)
 */
export function compareFindings(a: Finding, b: Finding): number {
  const order = compareFindingPlaces(a, b) || byLocale(a.message, b.message);
  if (order !== 0) return order;
  for (const k of TIE_FIELDS) {
    const c = byCodeUnits(a[k], b[k]);
    if (c !== 0) return c;
  }
  return 0;
}
