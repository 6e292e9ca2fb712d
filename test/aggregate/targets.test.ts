import { describe, expect, it } from "vitest";
import { achievementPct, femaleGap, femaleShare, pickTarget, round1, statusOf, targetTotal } from "../../src/aggregate/targets.js";

const thresholds = { exceeded: 100, on_track: 90 };

describe("targets and achievement", () => {
  const indicator = { targets: { female: 385, male: 165, total: 550, years: { PY2: { female: 100, total: 150 } } } };

  it("takes the phase target, without its years, for a period that is not a project year", () => {
    expect(pickTarget(indicator, { id: "FY2021-22", kind: "fiscal-year" })).toEqual({ target: { female: 385, male: 165, total: 550 }, basis: "phase" });
  });

  it("takes a project year's own target for that year", () => {
    expect(pickTarget(indicator, { id: "PY2", kind: "project-year" })).toEqual({ target: { female: 100, total: 150 }, basis: "year" });
  });

  it("falls back to the phase target for a project year without one, and says so", () => {
    const choice = pickTarget(indicator, { id: "PY3", kind: "project-year" });
    expect(choice.basis).toBe("phase");
    expect(choice.note).toMatch(/No target for PY3/);
  });

  it("has no target for an indicator without targets", () => {
    expect(pickTarget({}, { id: "phase", kind: "phase" })).toEqual({ target: null, basis: null });
  });

  it("adds up the parts of a target without a total", () => {
    expect(targetTotal({ female: 385, male: 165 })).toBe(550);
    expect(targetTotal({ total: 7 })).toBe(7);
    expect(targetTotal({})).toBeNull();
    expect(targetTotal(null)).toBeNull();
  });

  it.each([
    { measured: 534, total: 385, pct: 138.7 },
    { measured: 1, total: 3, pct: 33.3 },
    { measured: 2, total: 3, pct: 66.7 },
    { measured: 0, total: 10, pct: 0 },
    { measured: 5, total: 0, pct: null },
    { measured: null, total: 10, pct: null },
  ])("achievement of $measured against $total is $pct%", ({ measured, total, pct }) => {
    expect(achievementPct(measured, total)).toBe(pct);
  });

  it.each([
    { pct: 100, status: "exceeded" },
    { pct: 138.7, status: "exceeded" },
    { pct: 99.9, status: "on-track" },
    { pct: 90, status: "on-track" },
    { pct: 89.9, status: "behind" },
    { pct: null, status: null },
  ])("an achievement of $pct% is $status", ({ pct, status }) => {
    expect(statusOf(pct, thresholds)).toBe(status);
  });

  it("uses the project's own thresholds", () => {
    expect(statusOf(95, { exceeded: 110, on_track: 95 })).toBe("on-track");
    expect(statusOf(105, { exceeded: 110, on_track: 95 })).toBe("on-track");
  });

  it("gives the female share of the total and the gap to the female target", () => {
    const split = { female: 534, male: 396, other: 0, unknown: 0, total: 930 };
    expect(femaleShare(split)).toBe(57.4);
    expect(femaleShare({ ...split, female: 0, male: 0, total: 0 })).toBeNull();
    expect(femaleGap({ female: 600 }, split)).toBe(66);
    expect(femaleGap({ female: 385 }, split)).toBe(-149);
    expect(femaleGap({ total: 550 }, split)).toBeNull();
  });

  it("rounds halves away from zero", () => {
    expect([round1(0.05), round1(-0.05), round1(138.75)]).toEqual([0.1, -0.1, 138.8]);
  });
});
