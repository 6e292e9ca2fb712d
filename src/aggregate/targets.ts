import type { Indicator, ProjectFile, SexFigures } from "../schema/project.js";
import type { Period } from "../schema/result.js";
import type { STATUSES } from "../schema/result.js";
import type { SexSplit } from "../schema/sex.js";

export type Status = (typeof STATUSES)[number];

/** Which target applies to a period, and which figure it is compared with. */
export interface TargetChoice {
  target: SexFigures | null;
  /**
   * `year`: a project year with its own target, compared with the in-period figure.
   * `phase`: the phase target, compared with the cumulative figure (progress to the period's end).
   */
  basis: "phase" | "year" | null;
  note?: string;
}

/**
 * The target of an indicator for a period: `targets.years[PYn]` for a project year that has one,
 * else the phase target (without its `years`).
 * @example pickTarget(indicator, parsePeriod("PY2", project)) // { target: { total: 200 }, basis: "year" }
 */
export function pickTarget(indicator: Pick<Indicator, "targets">, period: Pick<Period, "id" | "kind">): TargetChoice {
  const targets = indicator.targets;
  if (!targets) return { target: null, basis: null };
  const { years, ...phase } = targets;
  if (period.kind === "project-year" && years) {
    const key = Object.keys(years).find((k) => k.toUpperCase() === period.id.toUpperCase());
    if (key) return { target: { ...years[key] }, basis: "year" };
  }
  const hasPhase = Object.values(phase).some((v) => v !== undefined);
  if (!hasPhase) {
    return { target: null, basis: null, note: period.kind === "project-year" ? `No target for ${period.id} and no phase target.` : undefined };
  }
  const note = period.kind === "project-year" && years ? `No target for ${period.id}; the phase target is shown, compared with the cumulative figure.` : undefined;
  return note ? { target: phase, basis: "phase", note } : { target: phase, basis: "phase" };
}

/** The total of a target: its `total`, else the sum of the parts given. */
export function targetTotal(t: SexFigures | null): number | null {
  if (!t) return null;
  if (t.total !== undefined) return t.total;
  const parts = [t.female, t.male, t.other].filter((v): v is number => v !== undefined);
  return parts.length > 0 ? parts.reduce((a, b) => a + b, 0) : null;
}

/**
 * Achievement as a percentage of the target, one decimal; null without a positive target.
 * @example achievementPct(534, 385) // 138.7
 */
export function achievementPct(measured: number | null, total: number | null): number | null {
  if (measured === null || total === null || total <= 0) return null;
  return round1((measured / total) * 100);
}

/**
 * The status of an achievement against the project's thresholds: `exceeded` at or above `exceeded`%,
 * `on-track` at or above `on_track`%, else `behind`.
 */
export function statusOf(pct: number | null, thresholds: ProjectFile["status"]): Status | null {
  if (pct === null) return null;
  if (pct >= thresholds.exceeded) return "exceeded";
  if (pct >= thresholds.on_track) return "on-track";
  return "behind";
}

/** Female share of the total, one decimal; null when there is nothing to share. */
export function femaleShare(split: SexSplit | null): number | null {
  if (!split || split.total === 0) return null;
  return round1((split.female / split.total) * 100);
}

/** Female target minus female actual (positive: short of the female target); null without a female target. */
export function femaleGap(target: SexFigures | null, measured: SexSplit | null): number | null {
  if (!target || target.female === undefined || !measured) return null;
  return roundFigure(target.female - measured.female);
}

/** One decimal, half away from zero. */
export function round1(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) * 10) / 10;
}

/** Remove floating-point noise from a figure (0.1 + 0.2 → 0.3) without hiding real decimals. */
export function roundFigure(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
