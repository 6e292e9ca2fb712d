import type { Finding } from "../../errors/finding.js";
import type { Report } from "../../errors/report.js";
import { expectedGot, summaryLine } from "./summary.js";

/** Options of the GitHub form. */
export interface GithubOptions {
  /** Prefix for `file=` so paths are relative to the repository root (the project's directory from the checkout). */
  pathPrefix?: string;
}

const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

/**
 * A Report as GitHub Actions workflow commands, one per finding:
 * `::error file=<path>,line=<row>,col=<n>,title=<code>::<message>` (warnings as `::warning`, notes as
 * `::notice`), escaped as GitHub's toolkit does; then the summary line as plain log text.
 */
export function renderGithub(report: Report, opts: GithubOptions = {}): string {
  const lines = report.findings.map((f) => command(f, opts));
  lines.push(summaryLine(report));
  return lines.join("\n") + "\n";
}

function command(f: Finding, opts: GithubOptions): string {
  const props: string[] = [];
  if (f.file !== undefined) props.push(`file=${escapeProperty(joinPath(opts.pathPrefix, f.file))}`);
  if (f.row !== undefined) props.push(`line=${f.row}`);
  const col = f.cell ? columnNumber(f.cell) : undefined;
  if (col !== undefined) props.push(`col=${col}`);
  props.push(`title=${escapeProperty(f.code)}`);
  const place = f.sheet ? `${f.sheet}!${f.cell ?? (f.row !== undefined ? `row ${f.row}` : "")}: ` : "";
  const extra = expectedGot(f);
  return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(`${place}${f.message}${extra ? ` ${extra}` : ""}`)}`;
}

/** Escape a command's message (`%`, `\r`, `\n`), as @actions/core `escapeData`. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escape a command property (also `:` and `,`), as @actions/core `escapeProperty`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function joinPath(prefix: string | undefined, file: string): string {
  if (!prefix || prefix === ".") return file;
  return `${prefix.replace(/\/+$/, "")}/${file}`;
}

/** The 1-based column number of a cell reference: `D14` → 4, `AB3` → 28. */
export function columnNumber(cell: string): number | undefined {
  const m = /^([A-Z]+)\d+$/i.exec(cell);
  if (!m) return undefined;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
