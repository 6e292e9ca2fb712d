import { createRequire } from "node:module";
import type Handlebars from "handlebars";
import { ReportingError } from "../errors/reporting-error.js";
import type { NumberFormatter } from "./format-number.js";
import { headlineSentence } from "./headline.js";
import { flattenText } from "./markup.js";
import type { ReportIndicator, ReportModel } from "./model.js";
import { formatLongDate } from "./report-date.js";

/** The narrative templates of a report type, by file name without `.hbs`. */
export const TEMPLATE_NAMES = ["cover", "summary", "outcome-narrative", "output-narrative", "annex-gender", "closing"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Template sources by name, and where each came from (for error messages). */
export type TemplateSources = Record<TemplateName, { text: string; file: string }>;

/** Compiled templates: name + context → text in the tiny markup of `parseMarkup`. */
export type Narrative = (name: TemplateName, context: object) => string;

// Handlebars may reach prototype properties of the context otherwise (CVE-2019-19919 and kin).
const RUNTIME: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowedProtoProperties: {},
  allowedProtoMethods: {},
};

/**
 * Compile a report type's templates once, on an isolated Handlebars instance with prototype access
 * forbidden and `strict` lookups (a misspelt field is an error, not a silent blank). `noEscape` because
 * the output is not HTML: it becomes docx text runs, which the docx library XML-escapes.
 * Throws `ReportingError` (`template-invalid`) naming the file.
 * @example compileNarrative(sources)("summary", narrativeContext(model, fmt))
 */
export function compileNarrative(sources: TemplateSources): Narrative {
  const hb = loadHandlebars().create();
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerHelper("gt", (a: unknown, b: unknown) => Number(a) > Number(b));
  const compiled = new Map<TemplateName, Handlebars.TemplateDelegate>();
  for (const name of TEMPLATE_NAMES) {
    const { text, file } = sources[name];
    try {
      // Precompile now so syntax errors surface before anything is written.
      hb.precompile(text, { strict: true });
      compiled.set(name, hb.compile(text, { strict: true, noEscape: true }));
    } catch (e) {
      throw new ReportingError("template-invalid", `${file}: ${firstLine(e)}`, "Fix the template, or remove it from --templates to use the built-in one.");
    }
  }
  return (name, context) => {
    try {
      return compiled.get(name)!(context, RUNTIME);
    } catch (e) {
      throw new ReportingError("template-invalid", `${sources[name].file}: ${firstLine(e)}`, `The fields a template can use are listed in templates/README.md.`);
    }
  };
}

/**
 * Handlebars (a CommonJS package), loaded on first use: this module is part of the library's API,
 * so importing it eagerly cost every command ~30 ms of start-up, `validate` included, which never
 * renders a report (performance issue: start-up).
 */
function loadHandlebars(): typeof Handlebars {
  return createRequire(import.meta.url)("handlebars") as typeof Handlebars;
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split("\n")[0]!;
}

/** An indicator as templates see it: every figure already formatted. */
export interface IndicatorView {
  code: string;
  title: string;
  unit: string;
  target: string;
  achieved: string;
  female: string;
  male: string;
  percent: string;
  status: string;
  sentence: string;
  notes: string[];
}

/** Every field a template may use. All text is one line, so a partner's text cannot inject markup. */
export function narrativeContext(model: ReportModel, fmt: NumberFormatter) {
  const t = (s: string | undefined | null) => (s ? flattenText(s) : "");
  const which = model.type === "progress" ? "cumulative" : "actual";
  const view = (i: ReportIndicator): IndicatorView => {
    const s = i[which];
    return {
      code: t(i.code),
      title: t(i.title),
      unit: i.unit,
      target: fmt.number(i.target?.total ?? null),
      achieved: i.unit === "percent" ? fmt.percent(s?.total) : fmt.number(s?.total),
      female: i.disaggregated ? fmt.number(s?.female) : "",
      male: i.disaggregated ? fmt.number(s?.male) : "",
      percent: i.achievement_pct === null ? "" : fmt.percent(i.achievement_pct),
      status: i.status ?? "",
      sentence: t(headlineSentence(i, fmt, which)),
      notes: i.notes.map(t),
    };
  };
  const byCode = new Map(model.indicators.map((i) => [i.code, i]));
  const statuses = model.indicators.map((i) => i.status);
  return {
    type: model.type,
    typeLabel: model.type === "closeout" ? "Close-out report" : "Progress report",
    project: {
      name: t(model.project.name),
      organisation: t(model.project.organisation),
      donor: t(model.project.donor),
      phase: `${formatLongDate(model.project.phase.start, model.project.locale)} to ${formatLongDate(model.project.phase.end, model.project.locale)}`,
    },
    period: { id: t(model.period.id), label: t(model.period.label), from: formatLongDate(model.period.from, model.project.locale), to: formatLongDate(model.period.to, model.project.locale) },
    date: formatLongDate(model.date, model.project.locale),
    goal: t(model.goal.title),
    headlines: model.indicators.filter((i) => i.headline).map(view),
    counts: {
      indicators: model.indicators.length,
      exceeded: statuses.filter((s) => s === "exceeded").length,
      onTrack: statuses.filter((s) => s === "on-track").length,
      behind: statuses.filter((s) => s === "behind").length,
      noTarget: statuses.filter((s) => s === null).length,
    },
    quality: { ...model.quality.summary },
    outcomes: model.outcomes.map((o) => ({
      code: t(o.code),
      title: t(o.title),
      indicators: o.indicators.map((c) => byCode.get(c)).filter((i): i is ReportIndicator => !!i).map(view),
      outputs: o.outputs.map((op) => ({ code: t(op.code), title: t(op.title), indicators: op.indicators.map((c) => byCode.get(c)).filter((i): i is ReportIndicator => !!i).map(view) })),
    })),
  };
}
export type NarrativeContext = ReturnType<typeof narrativeContext>;
