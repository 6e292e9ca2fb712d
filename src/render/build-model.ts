import { pickTarget } from "../aggregate/targets.js";
import { CATALOG } from "../errors/catalog.js";
import type { Finding } from "../errors/finding.js";
import type { Report } from "../errors/report.js";
import { walkIndicators } from "../schema/parse-project.js";
import type { ProjectFile } from "../schema/project.js";
import type { AggregateResult } from "../schema/result.js";
import type { ReportDataSheet, ReportIndicator, ReportModel, ReportQuality, ReportSource, ReportType } from "./model.js";
import { slugify } from "./slug.js";

/** What `buildReportModel` needs: the outputs of the earlier stages plus what the CLI knows. */
export interface ReportModelInput {
  type: ReportType;
  project: ProjectFile;
  /** The aggregate for the report's period (in-period `actual`, phase-to-date `cumulative`). */
  result: AggregateResult;
  validation: Report;
  /** YYYY-MM-DD, see `resolveReportDate`. */
  date: string;
  sources: ReportSource[];
  projectFile: { path: string; sha256: string };
  version: string;
  command: string;
  data: ReportDataSheet[];
}

/**
 * Assemble the ReportModel the renderers draw from: the logframe tree, each indicator's figures with
 * its headline flag and compute, the validation summary by check and partner, and the inputs' hashes.
 * @example const model = buildReportModel({ type: "closeout", project, result, validation, date: "2023-01-07", ... })
 */
export function buildReportModel(input: ReportModelInput): ReportModel {
  const { project, result } = input;
  const places = new Map(walkIndicators(project).map((p) => [p.indicator.code, p]));
  const indicators: ReportIndicator[] = result.indicators.map((r) => {
    const ind = places.get(r.code)?.indicator;
    const basis = ind ? pickTarget(ind, result.period).basis : null;
    return { ...r, headline: ind?.headline ?? false, phrase: ind?.phrase, compute: ind?.compute, formula: ind?.formula, targetBasis: basis };
  });
  const by = [...new Set(result.indicators.flatMap((r) => Object.keys(r.by)))].sort();
  return {
    type: input.type,
    project: {
      name: project.project.name,
      slug: slugify(project.project.name),
      organisation: project.project.organisation,
      donor: project.project.donor,
      phase: project.project.phase,
      locale: project.project.locale,
      numberGrouping: project.project.number_grouping,
      currency: project.project.currency,
    },
    goal: project.logframe.goal,
    period: result.period,
    date: input.date,
    outcomes: project.logframe.outcomes.map((oc) => ({
      code: oc.code,
      title: oc.title,
      indicators: oc.indicators.map((i) => i.code),
      outputs: oc.outputs.map((op) => ({ code: op.code, title: op.title, indicators: op.indicators.map((i) => i.code) })),
    })),
    indicators,
    status: project.status,
    partners: project.partners,
    by,
    quality: summariseQuality(input.validation),
    sources: input.sources,
    projectFile: input.projectFile,
    version: input.version,
    command: input.command,
    data: input.data,
  };
}

/** Label for findings that belong to no partner (the project file, cross-partner checks). */
export const NO_PARTNER = "(all partners)";

/** Count a Report's findings by check and by partner, by severity. */
export function summariseQuality(report: Report): ReportQuality {
  const byCheck = new Map<string, { errors: number; warnings: number; infos: number }>();
  const byPartner = new Map<string, { errors: number; warnings: number; infos: number }>();
  const bump = (m: Map<string, { errors: number; warnings: number; infos: number }>, key: string, f: Finding) => {
    const c = m.get(key) ?? { errors: 0, warnings: 0, infos: 0 };
    if (f.severity === "error") c.errors++;
    else if (f.severity === "warning") c.warnings++;
    else c.infos++;
    m.set(key, c);
  };
  for (const f of report.findings) {
    bump(byCheck, f.code, f);
    bump(byPartner, f.partner ?? NO_PARTNER, f);
  }
  const title = (code: string) => (CATALOG as Record<string, { title: string } | undefined>)[code]?.title ?? code;
  return {
    summary: report.summary,
    byCheck: [...byCheck].sort(([a], [b]) => a.localeCompare(b)).map(([code, c]) => ({ code, title: title(code), ...c })),
    byPartner: [...byPartner].sort(([a], [b]) => a.localeCompare(b)).map(([partner, c]) => ({ partner, ...c })),
    findings: report.findings,
  };
}
