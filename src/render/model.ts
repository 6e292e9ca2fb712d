import * as z from "zod";
import { FindingSchema } from "../errors/finding.js";
import { ReportSchema } from "../errors/report.js";
import { ValueSchema } from "../schema/kind.js";
import { SOURCE_KIND_NAMES } from "../schema/kinds/index.js";
import { ComputeSchema, PartnerSchema } from "../schema/project.js";
import { AggregateResultSchema, IndicatorResultSchema } from "../schema/result.js";

/** The two report types: a close-out report over the phase, or a progress report for one period. */
export const REPORT_TYPES = ["closeout", "progress"] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** An indicator as the renderers need it: its figures plus what the project file says about it. */
export const ReportIndicatorSchema = IndicatorResultSchema.extend({
  /** Shown in the summary of results as a sentence. */
  headline: z.boolean(),
  /** Sentence noun: "{total} survivors enrolled". */
  phrase: z.string().optional(),
  /** How the figure is computed, for the workbook's live formulas. */
  compute: ComputeSchema.optional(),
  formula: z.string().optional(),
  /** `phase`: the target is compared with the cumulative figure; `year`: a project year's target with the in-period one. */
  targetBasis: z.enum(["phase", "year"]).nullable(),
});
export type ReportIndicator = z.infer<typeof ReportIndicatorSchema>;

/** An output of the logframe with the codes of its indicators. */
export const ReportOutputSchema = z.object({ code: z.string(), title: z.string(), indicators: z.array(z.string()) });
/** An outcome of the logframe with its own indicators and its outputs. */
export const ReportOutcomeSchema = z.object({
  code: z.string(),
  title: z.string(),
  indicators: z.array(z.string()),
  outputs: z.array(ReportOutputSchema),
});
export type ReportOutcome = z.infer<typeof ReportOutcomeSchema>;
export type ReportOutput = z.infer<typeof ReportOutputSchema>;

/** One input file, for the reproducibility annex and the Sources sheet. */
export const ReportSourceSchema = z.object({
  path: z.string(),
  kind: z.enum(SOURCE_KIND_NAMES),
  partner: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
});
export type ReportSource = z.infer<typeof ReportSourceSchema>;

/** One normalised data row with its origin. Identifying fields never reach the model. */
export const ReportDataRowSchema = z.object({
  partner: z.string(),
  file: z.string(),
  sheet: z.string(),
  row: z.number().int(),
  /** Values in the order of the sheet's `fields`. */
  values: z.array(ValueSchema),
});
export type ReportDataRow = z.infer<typeof ReportDataRowSchema>;

/** The normalised rows of one source kind: one data sheet of the workbook. */
export const ReportDataSheetSchema = z.object({
  kind: z.enum(SOURCE_KIND_NAMES),
  fields: z.array(z.string()),
  rows: z.array(ReportDataRowSchema),
  /**
   * Set when the kind did not fit in the data sheets (`max` rows, `createDataCollector`): none
   * are kept (`rows` is empty) and the workbook has no data sheet for it; `rows` here is how many there were.
   */
  leftOut: z
    .object({
      rows: z.number().int().nonnegative(),
      max: z.number().int().nonnegative(),
      /** Why: the data sheets' limit in all (`--data-rows`), or more rows than an Excel sheet holds. */
      why: z.enum(["limit", "excel"]),
    })
    .optional(),
});
export type ReportDataSheet = z.infer<typeof ReportDataSheetSchema>;
/** Why and how a kind's rows were left out of the data sheets. */
export type ReportLeftOut = NonNullable<ReportDataSheet["leftOut"]>;

/** Findings counted by severity. */
export const SeverityCountsSchema = z.object({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() });
export type SeverityCounts = z.infer<typeof SeverityCountsSchema>;

/** The validation Report summarised for the data-quality annex. */
export const ReportQualitySchema = z.object({
  summary: ReportSchema.shape.summary,
  byCheck: z.array(SeverityCountsSchema.extend({ code: z.string(), title: z.string() })),
  byPartner: z.array(SeverityCountsSchema.extend({ partner: z.string() })),
  /** The findings as listed in the Report (possibly truncated, see summary.truncated). */
  findings: z.array(FindingSchema),
});
export type ReportQuality = z.infer<typeof ReportQualitySchema>;

/**
 * Everything a report shows, computed before rendering: the renderers are pure functions of it.
 * Build it with `buildReportModel`.
 */
export const ReportModelSchema = z.object({
  type: z.enum(REPORT_TYPES),
  project: z.object({
    name: z.string(),
    /** File-name-safe form of the name: `ashshash`. */
    slug: z.string(),
    organisation: z.string().optional(),
    donor: z.string().optional(),
    phase: z.object({ start: z.string(), end: z.string() }),
    locale: z.string(),
    numberGrouping: z.enum(["international", "indian"]),
    currency: z.string(),
  }),
  goal: z.object({ code: z.string().optional(), title: z.string() }),
  period: AggregateResultSchema.shape.period,
  /** Date of the report, YYYY-MM-DD (from `--date`, `SOURCE_DATE_EPOCH` or today). */
  date: z.string(),
  outcomes: z.array(ReportOutcomeSchema),
  indicators: z.array(ReportIndicatorSchema),
  status: z.object({ exceeded: z.number(), on_track: z.number() }),
  partners: z.array(PartnerSchema),
  /** The `by` dimensions present in the figures (`partner`, `district`...). */
  by: z.array(z.string()),
  quality: ReportQualitySchema,
  sources: z.array(ReportSourceSchema),
  projectFile: z.object({ path: z.string(), sha256: z.string() }),
  version: z.string(),
  /** The command that regenerates this report. */
  command: z.string(),
  data: z.array(ReportDataSheetSchema),
});
export type ReportModel = z.infer<typeof ReportModelSchema>;
