import { buildReport, type Report } from "../../../src/errors/report.js";
import type { Finding } from "../../../src/errors/finding.js";

/** Findings with awkward text: quotes, ampersands, angle brackets, a newline, a percent, colons and commas. */
export const FINDINGS: Finding[] = [
  { code: "sex-sum", severity: "error", message: "total 120, but female 50 + male 60 + other 0 = 110", file: "partners/rj/events.xlsx", sheet: "Events", cell: "K14", row: 14, column: "total", partner: "RJ", expected: 110, actual: 120 },
  { code: "outlier", severity: "warning", message: '4,000 at a "TIE" session <Rohita & Co>, where the median of 9 such events is 220', file: "partners/rj/events.xlsx", sheet: "Events", cell: "K20", row: 20, column: "total", partner: "RJ", expected: "about 220", actual: 4000, note: "robust z-score 12.3, beyond 3.5" },
  { code: "type-error", severity: "error", message: 'expected a whole number, got "20%"\nsecond line', file: "partners/rrf/batch, status.xlsx", sheet: "Batch: 2021", cell: "AB3", row: 3 },
  { code: "unknown-column", severity: "info", message: "`Remarks 2` is not a known column", file: "partners/rj/register.csv", sheet: "register", cell: "Q4", row: 4 },
  { code: "rule-failed", severity: "error", message: "1.2.graduated <= 1.2.tna: 3 <= 2 is false (computed from the raw sheets for phase)", indicator: "1.2.graduated", expected: "<= 2", actual: 3 },
];

/** A report over the sample findings. */
export function sampleReport(over: Partial<Parameters<typeof buildReport>[1]> = {}): Report {
  return buildReport(FINDINGS, { files: 7, rows: 5120, ...over });
}
