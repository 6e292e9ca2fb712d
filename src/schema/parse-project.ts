import { load, YAMLException } from "js-yaml";
import type * as z from "zod";
import { ReportingError } from "../errors/reporting-error.js";
import { ProjectFileSchema, type Indicator, type ProjectFile } from "./project.js";

/**
 * Parse and validate the text of a project file (YAML, or JSON, which is YAML too).
 * Throws a `ReportingError` (`project-invalid`) whose message names the bad key, what was expected
 * and what was found: `logframe.yaml: partners[0].type: expected one of SPP, TSP, got "NGO"`.
 * @example parseProject(readFileSync("logframe.yaml", "utf8"), "logframe.yaml")
 */
export function parseProject(text: string, fileName: string): ProjectFile {
  const raw = parseYaml(text, fileName);
  if (raw === null || typeof raw !== "object") {
    throw new ReportingError("project-invalid", `${fileName}: expected a mapping with project, partners, sources and logframe, got ${describe(raw)}`);
  }
  if (Array.isArray(raw)) {
    throw new ReportingError("project-invalid", `${fileName}: expected a mapping with project, partners, sources and logframe, got a list`);
  }
  // jitless: the file is parsed once a run, and zod's compiled fast path costs more to build
  // (~20 ms for this schema) than it saves on one parse (~10 ms interpreted; performance issue: start-up).
  const parsed = ProjectFileSchema.safeParse(raw, { jitless: true });
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((issue) => `${fileName}: ${formatIssue(issue, raw)}`);
    const more = parsed.error.issues.length > 10 ? `\n(and ${parsed.error.issues.length - 10} more)` : "";
    throw new ReportingError("project-invalid", lines.join("\n") + more, "Run `logframe schema > logframe.schema.json` and point your editor at it to autocomplete the file.");
  }
  checkCodes(parsed.data, fileName);
  return parsed.data;
}

/**
 * The YAML's data (YAML 1.2 core schema: `2020-01-01` stays a string, `yes` is not a boolean;
 * duplicate keys are an error). js-yaml rather than the `yaml` package: it gives the same data on
 * this schema and parses the Ashshash project file in ~30 ms instead of ~120 ms, most of
 * `logframe validate`'s start-up (performance issue: start-up).
 */
function parseYaml(text: string, fileName: string): unknown {
  try {
    return load(text, { filename: fileName });
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const where = e.mark ? `line ${e.mark.line + 1}, column ${e.mark.column + 1}: ` : "";
    throw new ReportingError("project-invalid", `${fileName}: ${where}${e.reason}`, "Fix the YAML syntax; a YAML linter in your editor will point at it.");
  }
}

/** `indicators[3].targets.female` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(top level)";
}

function formatIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = formatPath(issue.path);
  const found = valueAt(raw, issue.path);
  switch (issue.code) {
    case "invalid_type":
      return found.present
        ? `${path}: expected ${article(issue.expected)}, got ${describe(found.value)}`
        : `${path}: required ${issue.expected} is missing`;
    case "invalid_value":
      return `${path}: expected one of ${issue.values.map(String).join(", ")}, got ${describe(found.value)}`;
    case "unrecognized_keys":
      return `${path}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_union":
      return `${path}: ${describe(found.value)} does not fit any accepted form`;
    default:
      return `${path}: ${issue.message}${found.present ? `, got ${describe(found.value)}` : ""}`;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let cur: unknown = raw;
  for (const key of path) {
    if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, key)) return { present: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return { present: cur !== undefined, value: cur };
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return String(v);
}

/** Cross-field checks zod cannot express alone: unique codes, known partners. */
function checkCodes(p: ProjectFile, fileName: string): void {
  const problems: string[] = [];
  const partners = new Set<string>();
  p.partners.forEach((partner, i) => {
    if (partners.has(partner.code)) problems.push(`partners[${i}].code: "${partner.code}" is used twice`);
    partners.add(partner.code);
  });
  p.sources.forEach((s, i) => {
    if (!partners.has(s.partner)) problems.push(`sources[${i}].partner: "${s.partner}" is not one of the partners (${[...partners].join(", ")})`);
  });
  const seen = new Set<string>();
  for (const { indicator, path } of walkIndicators(p)) {
    if (seen.has(indicator.code)) problems.push(`${path}.code: indicator "${indicator.code}" is defined twice`);
    seen.add(indicator.code);
  }
  if (p.project.phase.end < p.project.phase.start) problems.push(`project.phase.end: ${p.project.phase.end} is before the start ${p.project.phase.start}`);
  if (problems.length > 0) throw new ReportingError("project-invalid", problems.map((m) => `${fileName}: ${m}`).join("\n"));
}

/** Where an indicator sits in the logframe tree. */
export interface IndicatorPlace {
  indicator: Indicator;
  /** Path in the project file, for messages: `logframe.outcomes[0].outputs[1].indicators[3]`. */
  path: string;
  outcome: { code: string; title: string };
  output?: { code: string; title: string };
}

/** Every indicator of the logframe, outcome indicators before their outputs', in file order. */
export function walkIndicators(p: ProjectFile): IndicatorPlace[] {
  const out: IndicatorPlace[] = [];
  p.logframe.outcomes.forEach((oc, i) => {
    const outcome = { code: oc.code, title: oc.title };
    oc.indicators.forEach((ind, k) => out.push({ indicator: ind, path: `logframe.outcomes[${i}].indicators[${k}]`, outcome }));
    oc.outputs.forEach((op, j) => {
      op.indicators.forEach((ind, k) =>
        out.push({ indicator: ind, path: `logframe.outcomes[${i}].outputs[${j}].indicators[${k}]`, outcome, output: { code: op.code, title: op.title } }),
      );
    });
  });
  return out;
}
