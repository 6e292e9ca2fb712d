import { describe, expect, it } from "vitest";
import { cells, validateFiles } from "../helpers.js";
import { batches, claims, claimsWith, miniProject, register } from "../mini.js";
import type { ProjectFileInput } from "../../../src/schema/project.js";

const run = async (rules: ProjectFileInput["rules"], rows = claimsWith({}), extra: { tnaForR4?: boolean } = {}) =>
  validateFiles(miniProject({ rules }), { 0: [register(extra)], 1: [batches()], 2: [await claims(rows)] }, { only: ["rule-failed"] });

const ACTIVE = [{ name: "active", left: "1.1.active", operator: "==" as const, right: "1.1.enrolled - 1.1.dropped" }];

describe("rule-failed", () => {
  it("rule-failed: a rule that holds on data and claims gives nothing", async () => {
    expect(cells(await run(ACTIVE))).toEqual([]);
  });

  it("rule-failed: a rule without a sex selector is checked per sex, each at its claims cell", async () => {
    // Totals still agree (3 == 4 - 1); the sex split does not follow from enrolled and dropped.
    const report = await run(ACTIVE, claimsWith({ F04: { female: 3, male: 0 } }));
    expect(cells(report)).toEqual([["D4", "rule-failed"], ["E4", "rule-failed"]]);
    expect(report.findings[0]!.message).toBe("active: 1.1.active[female] == 1.1.enrolled[female] - 1.1.dropped[female]: 3 == 2 is false (in RJ's claims for phase)");
  });

  it("rule-failed: a rule on computed figures has no cell and says the figures were computed", async () => {
    const report = await run([{ left: "1.2.graduated", operator: "<=", right: "1.2.tna", message: "graduates had a TNA" }], claimsWith({}), { tnaForR4: false });
    // Total 3 > 2 and male 1 > 0 on the raw sheets; the claims (3 <= 3) hold.
    expect(report.findings.map((f) => [f.cell, f.message])).toEqual([
      [undefined, "graduates had a TNA: 1.2.graduated <= 1.2.tna: 3 <= 2 is false (computed from the raw sheets for phase)"],
      [undefined, "graduates had a TNA: 1.2.graduated[male] <= 1.2.tna[male]: 1 <= 0 is false (computed from the raw sheets for phase)"],
    ]);
  });

  it("rule-failed: a rule with a sex selector is checked once, as written", async () => {
    const report = await run([{ left: "1.1.active[female]", operator: "<", right: "2" }]);
    // Once on the raw sheets (no cell; listed first), once on the claims.
    expect(cells(report)).toEqual([[undefined, "rule-failed"], ["D4", "rule-failed"]]);
  });

  it("rule-failed: a partner selector takes that partner's figure", async () => {
    const report = await run([{ left: "1.2.graduated[RRF]", operator: "==", right: "1.2.graduated" }]);
    expect(cells(report)).toEqual([]);
    // RJ trains no one itself, so it has no graduates figure: skipped unless missing counts as 0.
    expect(cells(await run([{ left: "1.2.graduated[RJ]", operator: ">", right: "0" }]))).toEqual([]);
    const wrong = await run([{ left: "1.2.graduated[RJ]", operator: ">", right: "0", missing: "never-skip" }]);
    expect(wrong.findings.map((f) => f.message)).toEqual(["rules[0]: 1.2.graduated[RJ] > 0: 0 > 0 is false (computed from the raw sheets for phase)"]);
  });

  it.each([
    { name: "rule-failed: skip-if-any-missing skips a sex with a blank claim", missing: "skip-if-any-missing" as const, expected: [] },
    { name: "rule-failed: skip-if-all-missing counts a blank among filled claims as zero", missing: "skip-if-all-missing" as const, expected: [["D4", "rule-failed"]] },
    { name: "rule-failed: never-skip counts a blank claim as zero", missing: "never-skip" as const, expected: [["D4", "rule-failed"]] },
  ])("$name", async ({ missing, expected }) => {
    // Claimed female: active 2, enrolled 3, dropped blank: 2 == 3 - 0 fails only if the blank is 0.
    const rows = claimsWith({ F02: { female: 3 }, F03: { female: null } });
    const report = await run([{ left: "1.1.active", operator: "==", right: "1.1.enrolled - 1.1.dropped", missing }], rows);
    expect(cells(report)).toEqual(expected);
  });

  it("rule-failed: the rule's severity is the finding's", async () => {
    const report = await run([{ left: "1.1.active", operator: "!=", right: "1.1.enrolled - 1.1.dropped", severity: "warning" }]);
    expect(new Set(report.findings.map((f) => f.severity))).toEqual(new Set(["warning"]));
    expect(report.valid).toBe(true);
  });
});
