import type { AggregateResult, IndicatorResult } from "../schema/result.js";
import type { SexSplit } from "../schema/sex.js";

/** Which part of a figure: a sex, or the total. */
export type FigureSex = keyof SexSplit;
/** The parts rules, funnels and breakdowns are checked on, in message order. */
export const FIGURE_SEXES: readonly FigureSex[] = ["total", "female", "male", "other"];

/** The cell a claimed figure was read from. */
export interface FigurePlace {
  file: string;
  sheet: string;
  row: number;
  cell?: string;
  column?: string;
  partner: string;
}

/** One number, and where it was written (claims) — computed figures have no cell. */
export interface Figure {
  value: number;
  at?: FigurePlace;
}

/**
 * A set of indicator figures the logframe checks run on: those computed from the raw sheets for a
 * period, or those one partner claims for one period in its spp-target-achievement sheet.
 */
export interface FigureSet {
  origin: "computed" | "claimed";
  /** The period as written in the claims sheet, or the period id of computed figures. */
  period: string;
  /** The claimant, for claimed figures. */
  partner?: string;
  /** For messages: "the raw sheets for phase", "RJ's claims for phase". */
  label: string;
  /** Partners the set can be broken down by (computed), or the claimant alone. */
  partners: readonly string[];
  /** Indicator codes the set has a figure for. */
  codes(): Iterable<string>;
  /** A figure, or undefined when it is missing (not computed, not claimed, not split by sex, or another partner's). */
  get(code: string, sex: FigureSex, partner?: string): Figure | undefined;
}

/** The figures the engine computed for a period, by indicator and, where it split them, by partner. */
export function computedFigures(result: AggregateResult): FigureSet {
  const byCode = new Map<string, IndicatorResult>(result.indicators.map((r) => [r.code, r]));
  const partners = new Set<string>();
  for (const r of result.indicators) for (const p of Object.keys(r.by?.["partner"] ?? {})) partners.add(p);
  return {
    origin: "computed",
    period: result.period.id,
    label: `the raw sheets for ${result.period.id}`,
    partners: [...partners].sort(),
    codes: () => byCode.keys(),
    get(code, sex, partner) {
      const r = byCode.get(code);
      if (!r || !r.actual) return undefined;
      if (sex !== "total" && !r.disaggregated) return undefined;
      const split = partner === undefined ? r.actual : r.by?.["partner"]?.[partner];
      if (!split) return undefined;
      const value = split[sex];
      return typeof value === "number" && Number.isFinite(value) ? { value } : undefined;
    },
  };
}
