import { Chalk, type ChalkInstance } from "chalk";
import type { Finding } from "../../errors/finding.js";
import type { Report } from "../../errors/report.js";
import { expectedGot, groupByFile, summaryLine, suppressedLine, truncatedLine } from "./summary.js";

/** Options of the text form. */
export interface TextOptions {
  /** Colour with ANSI codes (the CLI decides: a TTY, and NO_COLOR unset). */
  color?: boolean;
}

/**
 * A Report as text for a terminal: findings grouped by file, one a line as
 * `Sheet!D14  code  message  (expected X, got Y)`, the suppressed checks, and a one-line summary.
 * @example renderText(report, { color: false }).split("\n").at(-2) // "✖ 2 errors, 1 warning in 7 files (5,120 rows)"
 */
export function renderText(report: Report, opts: TextOptions = {}): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const lines: string[] = [];
  for (const group of groupByFile(report.findings)) {
    lines.push(c.bold.underline(group.file ?? "logframe"));
    const places = group.findings.map(placeText);
    // Folded, not spread: --max-findings may list a million, past the arguments a call takes.
    const wPlace = places.reduce((m, p) => Math.max(m, p.length), 0);
    const wCode = group.findings.reduce((m, f) => Math.max(m, f.code.length), 0);
    group.findings.forEach((f, i) => {
      const place = places[i]!.padEnd(wPlace);
      const extra = expectedGot(f);
      // A message that spans lines keeps its continuation under the message column.
      const message = f.message.replace(/\r?\n/g, `\n  ${" ".repeat(wPlace)}  ${" ".repeat(wCode)}  `);
      lines.push(`  ${c.dim(place)}  ${paint(c, f)(f.code.padEnd(wCode))}  ${message}${extra ? `  ${c.dim(extra)}` : ""}`);
      if (f.note) lines.push(`  ${" ".repeat(wPlace)}  ${" ".repeat(wCode)}  ${c.dim(f.note)}`);
    });
    lines.push("");
  }
  const truncated = truncatedLine(report);
  if (truncated) lines.push(c.dim(truncated));
  const suppressed = suppressedLine(report);
  if (suppressed) lines.push(c.dim(suppressed));
  const summary = summaryLine(report);
  lines.push(report.valid ? c.green(summary) : c.red.bold(summary));
  return lines.join("\n") + "\n";
}

function paint(c: ChalkInstance, f: Finding): ChalkInstance {
  return f.severity === "error" ? c.red : f.severity === "warning" ? c.yellow : c.blue;
}

/** `Sheet!D14`, `Sheet row 14`, or the partner for a logframe finding. */
function placeText(f: Finding): string {
  if (f.sheet && f.cell) return `${f.sheet}!${f.cell}`;
  if (f.sheet && f.row !== undefined) return `${f.sheet} row ${f.row}`;
  if (f.sheet) return f.sheet;
  if (f.partner) return f.partner;
  return "-";
}
