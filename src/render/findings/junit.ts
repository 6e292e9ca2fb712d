import type { Finding } from "../../errors/finding.js";
import type { Report } from "../../errors/report.js";
import { expectedGot, groupByFile } from "./summary.js";

/** Options of the JUnit form. */
export interface JunitOptions {
  /** Every file read, so files without findings appear as passing suites. */
  files?: readonly string[];
  /** The checks that ran: each gets a test case in every file's suite. */
  checks?: readonly string[];
  /** Warnings are failures too (`--strict`); else they go to `<system-out>`. */
  strict?: boolean;
}

/**
 * A Report as JUnit XML for CI test tabs: a `<testsuite>` per file (plus `logframe` for findings about
 * no file), a `<testcase>` per check per file, a `<failure>` per error finding (and per warning with
 * `strict`); other findings are listed in the case's `<system-out>`. Everything is escaped, and
 * characters XML 1.0 forbids are dropped.
 */
export function renderJunit(report: Report, opts: JunitOptions = {}): string {
  const groups = groupByFile(report.findings);
  const known = new Set(groups.map((g) => g.file));
  for (const file of opts.files ?? []) if (!known.has(file)) groups.push({ file, findings: [] });
  groups.sort((a, b) => (a.file === undefined ? 1 : b.file === undefined ? -1 : a.file.localeCompare(b.file)));

  const suites = groups.map((g) => suite(g.file ?? "logframe", g.findings, opts));
  const tests = suites.reduce((a, s) => a + s.tests, 0);
  const failures = suites.reduce((a, s) => a + s.failures, 0);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="logframe validate" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((s) => s.xml),
    `</testsuites>`,
    "",
  ].join("\n");
}

function suite(name: string, findings: readonly Finding[], opts: JunitOptions): { xml: string; tests: number; failures: number } {
  const byCode = new Map<string, Finding[]>();
  for (const code of opts.checks ?? []) byCode.set(code, []);
  for (const f of findings) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f]);
  let failures = 0;
  const cases = [...byCode.entries()].map(([code, list]) => {
    const failing = list.filter((f) => f.severity === "error" || (opts.strict && f.severity === "warning"));
    const other = list.filter((f) => !failing.includes(f));
    if (failing.length) failures++;
    const body = [
      ...failing.map((f) => `      <failure type="${attr(f.code)}" message="${attr(f.message)}">${text(describe(f))}</failure>`),
      ...(other.length ? [`      <system-out>${text(other.map((f) => `${f.severity}: ${describe(f)}`).join("\n"))}</system-out>`] : []),
    ];
    const open = `    <testcase name="${attr(code)}" classname="${attr(name)}"`;
    return body.length ? `${open}>\n${body.join("\n")}\n    </testcase>` : `${open}/>`;
  });
  const xml = [`  <testsuite name="${attr(name)}" tests="${cases.length}" failures="${failures}" errors="0">`, ...cases, `  </testsuite>`].join("\n");
  return { xml, tests: cases.length, failures };
}

function describe(f: Finding): string {
  const place = f.sheet ? `${f.sheet}!${f.cell ?? (f.row !== undefined ? `row ${f.row}` : "")}` : (f.partner ?? "");
  const extra = expectedGot(f);
  return `${place ? `${place}: ` : ""}${f.message}${extra ? ` ${extra}` : ""}`;
}

// XML 1.0 allows tab, newline, carriage return and U+0020 upwards, minus surrogates and U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text content. */
export function text(s: string): string {
  return s.replace(FORBIDDEN, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escape an attribute value (quotes, and newlines so they survive attribute normalisation). */
export function attr(s: string): string {
  return text(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
