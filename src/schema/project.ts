import * as z from "zod";
import { SOURCE_KIND_NAMES } from "./kinds/index.js";
import { SEXES } from "./sex.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "expected a code of letters, digits, dots, dashes or underscores");

/** Figures by sex, as written in the project file; any part may be left out. */
export const SexFiguresSchema = z.strictObject({
  female: z.number().optional(),
  male: z.number().optional(),
  other: z.number().optional(),
  total: z.number().optional(),
});
export type SexFigures = z.infer<typeof SexFiguresSchema>;

/** The project itself. */
export const ProjectInfoSchema = z.strictObject({
  name: z.string().min(1),
  donor: z.string().optional(),
  organisation: z.string().optional(),
  phase: z.strictObject({ start: isoDate, end: isoDate }),
  fiscal_year_start_month: z.number().int().min(1).max(12).default(7),
  locale: z.string().default("en-GB"),
  /** `indian` groups digits in lakhs and crores (12,34,567), as BDT figures are usually written. */
  number_grouping: z.enum(["international", "indian"]).default("international"),
  currency: z.string().default("BDT"),
});

/** A partner organisation. */
export const PartnerSchema = z.strictObject({
  code,
  name: z.string(),
  type: z.enum(["SPP", "TSP"]),
  district: z.string().optional(),
});
export type Partner = z.infer<typeof PartnerSchema>;

/** A spreadsheet (or glob of them) and how to read it. */
export const SourceSchema = z.strictObject({
  path: z.string().min(1),
  kind: z.enum(SOURCE_KIND_NAMES),
  partner: code,
  sheet: z.string().optional(),
  /** Field name → the partner's own header, for headers that differ from the built-in aliases. */
  columns: z.record(z.string(), z.string()).default({}),
  /** Extra header spellings that identify a person and must be dropped at read time. */
  identifying: z.array(z.string()).default([]),
  /**
   * How text dates like 07/11/2019 are read: day first (the default in Bangladesh), month first, or
   * `auto`: inferred per sheet from dates that can only be read one way (25/03/2021); without such
   * evidence a date like 03/04/2021 is reported as ambiguous, never guessed.
   */
  date_order: z.enum(["dmy", "mdy", "auto"]).default("dmy"),
});
export type Source = z.infer<typeof SourceSchema>;

/** A filter condition on a normalised field. */
export const ConditionSchema = z.union([
  z.strictObject({ field: z.string(), equals: z.union([z.string(), z.number(), z.boolean()]) }),
  z.strictObject({ field: z.string(), in: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.strictObject({ field: z.string(), not_in: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.strictObject({ field: z.string(), present: z.boolean() }),
  z.strictObject({ field: z.string(), matches: z.string() }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

/** How rows become a figure. */
export const MEASURES = ["count-rows", "count-persons", "sum", "sum-sexes"] as const;

/** How an indicator is computed from sources (the indicator engine reads this). */
export const ComputeSchema = z.strictObject({
  from: z.union([z.enum(SOURCE_KIND_NAMES), z.array(z.enum(SOURCE_KIND_NAMES)).min(1)]),
  partner: z.union([code, z.array(code)]).optional(),
  where: z.array(ConditionSchema).default([]),
  /** The date field that places a row in a period; rows without it are counted in no period. */
  date: z.string(),
  measure: z.enum(MEASURES),
  /** For `sum`: the column to add up. For `count-persons`: the person id (default: the kind's). */
  field: z.string().optional(),
  /** For `sum-sexes`: the count column of each sex (default: the kind's female/male/other/total). */
  sexes: z.strictObject({ female: z.string().optional(), male: z.string().optional(), other: z.string().optional(), total: z.string().optional() }).optional(),
  /** Split the figure by the row's sex. Default: true when the kind has a `sex` field or sex columns. Families, events and money are not split. */
  sexed: z.boolean().optional(),
});
export type Compute = z.infer<typeof ComputeSchema>;

/** Across periods and partners: add up, count each person once, take the latest, or the maximum. */
export const COUNTING_RULES = ["sum", "unique", "latest", "max"] as const;
export const UNITS = ["persons", "families", "events", "institutions", "sessions", "BDT", "percent", "number"] as const;

export const IndicatorSchema = z
  .strictObject({
    code,
    reference: z.string().optional(),
    title: z.string().min(1),
    unit: z.enum(UNITS),
    counting: z.enum(COUNTING_RULES).default("sum"),
    /** A headline figure, shown in the summary of results. */
    headline: z.boolean().default(false),
    /** Sentence noun for the summary: "{total} survivors enrolled". */
    phrase: z.string().optional(),
    baseline: SexFiguresSchema.optional(),
    targets: SexFiguresSchema.extend({ years: z.record(z.string(), SexFiguresSchema).optional() }).optional(),
    compute: ComputeSchema.optional(),
    /** A formula over other indicators, e.g. `100 * {1.2.placed} / {1.2.graduated}`. */
    formula: z.string().optional(),
    notes: z.string().optional(),
  })
  .refine((i) => (i.compute ? 1 : 0) + (i.formula ? 1 : 0) <= 1, { message: "an indicator has either compute or formula, not both" });
export type Indicator = z.infer<typeof IndicatorSchema>;

export const OutputSchema = z.strictObject({ code, title: z.string(), indicators: z.array(IndicatorSchema).default([]) });
export const OutcomeSchema = z.strictObject({
  code,
  title: z.string(),
  indicators: z.array(IndicatorSchema).default([]),
  outputs: z.array(OutputSchema).default([]),
});
export const LogframeSchema = z.strictObject({
  goal: z.strictObject({ code: code.optional(), title: z.string() }),
  outcomes: z.array(OutcomeSchema).min(1),
});
export type Logframe = z.infer<typeof LogframeSchema>;

/** A DHIS2-style validation rule over indicator figures. */
export const RuleSchema = z.strictObject({
  name: z.string().optional(),
  left: z.string(),
  operator: z.enum(["==", "!=", "<", "<=", ">", ">="]),
  right: z.string(),
  severity: z.enum(["error", "warning", "info"]).default("error"),
  message: z.string().optional(),
  missing: z.enum(["skip-if-any-missing", "skip-if-all-missing", "never-skip"]).default("skip-if-any-missing"),
});
export type Rule = z.infer<typeof RuleSchema>;

/**
 * A whole and the parts that must add up to it (`breakdown-sum`): graduates by training type, placements
 * by kind of employment. Checked per sex on computed and on claimed figures.
 */
export const BreakdownSchema = z.strictObject({
  whole: code,
  parts: z.array(code).min(1),
  name: z.string().optional(),
});
export type Breakdown = z.infer<typeof BreakdownSchema>;

/** Change a check's severity, for everything or for some files/partners. */
export const SeverityOverrideSchema = z.strictObject({
  check: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  file: z.string().optional(),
  partner: z.string().optional(),
  reason: z.string().min(1, "a reason is required"),
});
export type SeverityOverride = z.infer<typeof SeverityOverrideSchema>;
/** Silence a check, for everything or for some files/partners; suppressed findings are still counted. */
export const SuppressionSchema = z.strictObject({
  check: z.string(),
  file: z.string().optional(),
  partner: z.string().optional(),
  cell: z.string().optional(),
  reason: z.string().min(1, "a reason is required"),
});
export type Suppression = z.infer<typeof SuppressionSchema>;

/** Resource limits for reading untrusted files. */
export const LimitsSchema = z.strictObject({
  max_file_mb: z.number().positive().default(200),
  max_rows: z.number().int().positive().default(2_000_000),
  max_columns: z.number().int().positive().default(500),
  max_unzipped_mb: z.number().positive().default(500),
  max_entry_mb: z.number().positive().default(300),
  seconds_per_file: z.number().positive().default(60),
});

/** The project file `logframe.yaml`, as written. */
export const ProjectFileSchema = z.strictObject({
  $schema: z.string().optional(),
  project: ProjectInfoSchema,
  partners: z.array(PartnerSchema).min(1),
  sources: z.array(SourceSchema).min(1),
  sexes: z
    .strictObject({
      categories: z.array(z.enum(SEXES)).default(["female", "male", "other"]),
      aliases: z.record(z.string(), z.array(z.string())).default({}),
    })
    .default({ categories: ["female", "male", "other"], aliases: {} }),
  logframe: LogframeSchema,
  status: z
    .strictObject({ exceeded: z.number().default(100), on_track: z.number().default(90) })
    .default({ exceeded: 100, on_track: 90 }),
  rules: z.array(RuleSchema).default([]),
  /** The survivor pathway in order, as indicator codes: a later stage may not exceed an earlier one (`funnel-order`, `funnel-skip`). */
  funnel: z.array(code).default([]),
  /** Wholes and their parts (`breakdown-sum`). */
  breakdowns: z.array(BreakdownSchema).default([]),
  checks: z
    .strictObject({
      severity: z.array(SeverityOverrideSchema).default([]),
      suppress: z.array(SuppressionSchema).default([]),
      /** Attendance beyond this many robust z-scores of its event type is an outlier. */
      outlier_z: z.number().positive().default(3.5),
    })
    .default({ severity: [], suppress: [], outlier_z: 3.5 }),
  limits: LimitsSchema.default(LimitsSchema.parse({})),
});
export type ProjectFile = z.infer<typeof ProjectFileSchema>;
export type ProjectFileInput = z.input<typeof ProjectFileSchema>;
