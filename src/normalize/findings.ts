import { catalogEntry, type FindingCode } from "../errors/catalog.js";
import type { Finding } from "../errors/finding.js";

/** Where findings of a sheet point: its file, sheet and partner. */
export interface Place {
  file: string;
  sheet?: string;
  partner: string;
}

/** Extra location and detail of a finding. */
export type FindingDetail = Pick<Finding, "row" | "cell" | "column" | "expected" | "actual" | "note">;

/** A finding of `code` (severity from the catalogue) at a place. */
export function findingAt(place: Place, code: FindingCode, message: string, detail: FindingDetail = {}): Finding {
  const f: Finding = { code, severity: catalogEntry(code).severity, message, file: place.file };
  if (place.sheet !== undefined) f.sheet = place.sheet;
  for (const key of ["cell", "row", "column", "expected", "actual", "note"] as const) {
    if (detail[key] !== undefined) (f as Record<string, unknown>)[key] = detail[key];
  }
  f.partner = place.partner;
  return f;
}
