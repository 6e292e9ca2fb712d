import * as z from "zod";
import { COUNTING_RULES, SexFiguresSchema, UNITS } from "./project.js";
import { SexSplitSchema } from "./sex.js";

/** A reporting period, resolved to inclusive ISO dates. */
export const PeriodSchema = z.object({
  /** `phase`, `2022Q4`, `2022-03`, `2021`, `PQ3`, `PY2`, `FY2021-22`, `2021-01-01..2021-06-30`. */
  id: z.string(),
  kind: z.enum(["phase", "quarter", "month", "year", "project-quarter", "project-year", "fiscal-year", "range"]),
  label: z.string(),
  /** First day, inclusive. */
  from: z.string(),
  /** Last day, inclusive. */
  to: z.string(),
});
export type Period = z.infer<typeof PeriodSchema>;

export const STATUSES = ["exceeded", "on-track", "behind"] as const;

/** One indicator's figure for a period: the JSON contract of `logframe aggregate --format json`. */
export const IndicatorResultSchema = z.object({
  code: z.string(),
  reference: z.string().optional(),
  title: z.string(),
  unit: z.enum(UNITS),
  counting: z.enum(COUNTING_RULES),
  outcome: z.string(),
  output: z.string().optional(),
  /** False for figures that are not split by sex (families, events, institutions, money): only `total` is meaningful. */
  disaggregated: z.boolean(),
  /** False when a person count had to add up counts because the source has no ids. */
  unique: z.boolean(),
  baseline: SexFiguresSchema.nullable(),
  target: SexFiguresSchema.nullable(),
  /** In-period figure (or cumulative to the period's end with `--cumulative`). */
  actual: SexSplitSchema.nullable(),
  /** Cumulative from the phase start to the period's end (same as actual for the phase). */
  cumulative: SexSplitSchema.nullable(),
  achievement_pct: z.number().nullable(),
  status: z.enum(STATUSES).nullable(),
  female_share_pct: z.number().nullable(),
  /** Female target minus female actual; positive means short of the female target. */
  female_gap: z.number().nullable(),
  by: z.record(z.string(), z.record(z.string(), SexSplitSchema)),
  /** Why a figure is missing or qualified, in words a reader understands. */
  notes: z.array(z.string()),
});
export type IndicatorResult = z.infer<typeof IndicatorResultSchema>;

/** What `aggregate` returns for one period. */
export const AggregateResultSchema = z.object({
  project: z.string(),
  period: PeriodSchema.extend({ cumulative: z.boolean() }),
  indicators: z.array(IndicatorResultSchema),
});
export type AggregateResult = z.infer<typeof AggregateResultSchema>;
