import type { ProjectFile } from "../schema/project.js";
import type { ReportedFinding } from "./locate.js";
import { globToRegExp } from "./glob.js";

/** What the project file's `checks.severity` and `checks.suppress` do to one finding. */
export type PolicyOutcome<F extends ReportedFinding = ReportedFinding> = { finding: F; suppressed?: undefined } | { finding: F; suppressed: { check: string; reason: string } };

interface Scope {
  check: string;
  file?: RegExp;
  partner?: string;
  cell?: string;
}

function scopeOf(entry: { check: string; file?: string | undefined; partner?: string | undefined; cell?: string | undefined }): Scope {
  const s: Scope = { check: entry.check };
  if (entry.file !== undefined) s.file = globToRegExp(entry.file);
  if (entry.partner !== undefined) s.partner = entry.partner.toLowerCase();
  if (entry.cell !== undefined) s.cell = entry.cell.toUpperCase();
  return s;
}

function applies(s: Scope, f: ReportedFinding): boolean {
  if (s.check !== f.code && s.check !== "*") return false;
  if (s.file && !(f.file !== undefined && s.file.test(f.file))) return false;
  if (s.partner && (f.partner ?? "").toLowerCase() !== s.partner) return false;
  if (s.cell) {
    // `F12` matches that cell on any sheet; `Claims!F12` only on that sheet.
    const cell = (f.cell ?? "").toUpperCase();
    const full = `${f.sheet ?? ""}!${cell}`.toUpperCase();
    if (s.cell !== cell && s.cell !== full) return false;
  }
  return true;
}

/**
 * Build the project's severity overrides and suppressions into one function. The first matching
 * override sets the severity; then the first matching suppression silences the finding, which is
 * still counted (`summary.suppressed`) with its reason, never silently dropped.
 */
export function createPolicy(checks: ProjectFile["checks"]): <F extends ReportedFinding>(f: F) => PolicyOutcome<F> {
  const overrides = checks.severity.map((o) => ({ scope: scopeOf(o), severity: o.severity }));
  const suppressions = checks.suppress.map((s) => ({ scope: scopeOf(s), check: s.check, reason: s.reason }));
  return <F extends ReportedFinding>(f: F): PolicyOutcome<F> => {
    const o = overrides.find((x) => applies(x.scope, f));
    const finding = o && o.severity !== f.severity ? { ...f, severity: o.severity } : f;
    const s = suppressions.find((x) => applies(x.scope, finding));
    return s ? { finding, suppressed: { check: s.check, reason: s.reason } } : { finding };
  };
}
