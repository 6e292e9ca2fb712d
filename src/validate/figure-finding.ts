import { CATALOG, type FindingCode } from "../errors/catalog.js";
import type { Finding } from "../errors/finding.js";
import type { Figure, FigureSet } from "./figures.js";
import { logframeFinding, type FindingExtra } from "./locate.js";

/**
 * A finding about figures: at the claims cell when the figure was claimed, else about the logframe
 * (computed figures have no single cell; the message says how to trace them).
 */
export function figureFinding(code: FindingCode, figure: Figure | undefined, message: string, extra: FindingExtra & { partner?: string } = {}): Finding {
  const at = figure?.at;
  if (!at) return logframeFinding(code, message, extra);
  const f: Finding = { code, severity: CATALOG[code].severity, message, file: at.file, sheet: at.sheet, row: at.row, partner: at.partner };
  if (at.cell) f.cell = at.cell;
  if (at.column) f.column = at.column;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && k !== "partner") (f as Record<string, unknown>)[k] = v;
  return f;
}

/** How to see the rows behind a computed figure. */
export function traceHint(code: string, period: string): string {
  return `run \`logframe trace ${code} --period ${period}\``;
}

/** "in RJ's claims for phase" or "computed from the raw sheets for phase". */
export function sourceOf(set: FigureSet): string {
  return set.origin === "claimed" ? `in ${set.label}` : `computed from ${set.label}`;
}
