import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/errors/finding.js";
import { createPolicy } from "../../src/validate/policy.js";
import { globToRegExp } from "../../src/validate/glob.js";
import { cells, makeProject, memoryFile, validateFiles } from "./helpers.js";

const finding = (over: Partial<Finding> = {}): Finding => ({ code: "sex-sum", severity: "error", message: "m", file: "partners/rj/events-2021.xlsx", sheet: "Events", cell: "K14", row: 14, partner: "RJ", ...over });
const checks = (c: Partial<ReturnType<typeof makeProject>["checks"]>) => ({ severity: [], suppress: [], outlier_z: 3.5, ...c });

describe("severity overrides and suppressions", () => {
  it.each([
    { name: "policy: an override for a check changes its severity", over: { check: "sex-sum", severity: "warning" as const, reason: "r" }, f: finding(), severity: "warning" },
    { name: "policy: an override for a file glob applies to matching files", over: { check: "sex-sum", severity: "warning" as const, file: "partners/*/events-*.xlsx", reason: "r" }, f: finding(), severity: "warning" },
    { name: "policy: an override for another file leaves the finding alone", over: { check: "sex-sum", severity: "warning" as const, file: "partners/rrf/**", reason: "r" }, f: finding(), severity: "error" },
    { name: "policy: an override for a partner applies to that partner only", over: { check: "sex-sum", severity: "info" as const, partner: "rrf", reason: "r" }, f: finding(), severity: "error" },
    { name: "policy: an override for another check leaves the finding alone", over: { check: "outlier", severity: "error" as const, reason: "r" }, f: finding(), severity: "error" },
  ])("$name", ({ over, f, severity }) => {
    expect(createPolicy(checks({ severity: [over] }))(f).finding.severity).toBe(severity);
  });

  it.each([
    { name: "policy: a suppression by check", s: { check: "sex-sum", reason: "known" }, f: finding(), suppressed: true },
    { name: "policy: a suppression by cell on any sheet", s: { check: "sex-sum", cell: "k14", reason: "known" }, f: finding(), suppressed: true },
    { name: "policy: a suppression by sheet and cell", s: { check: "sex-sum", cell: "Events!K14", reason: "known" }, f: finding(), suppressed: true },
    { name: "policy: a suppression of another cell", s: { check: "sex-sum", cell: "Events!K15", reason: "known" }, f: finding(), suppressed: false },
    { name: "policy: a suppression of another partner", s: { check: "sex-sum", partner: "RRF", reason: "known" }, f: finding(), suppressed: false },
  ])("$name", ({ s, f, suppressed }) => {
    expect(Boolean(createPolicy(checks({ suppress: [s] }))(f).suppressed)).toBe(suppressed);
  });

  it.each([
    ["partners/*/events*.xlsx", "partners/rj/events-2021.xlsx", true],
    ["partners/*/events*.xlsx", "partners/rj/sub/events.xlsx", false],
    ["partners/**/events*.xlsx", "partners/rj/sub/events.xlsx", true],
    ["**/*.{csv,xlsx}", "register.csv", true],
    ["register?.csv", "register1.csv", true],
    ["a.b", "axb", false],
  ])("glob %s matches %s: %s", (glob, path, matches) => {
    expect(globToRegExp(glob).test(path)).toBe(matches);
  });

  it("suppressed findings are counted and listed with their reason, never silently dropped", async () => {
    const project = makeProject({
      sources: [{ path: "events.csv", kind: "event-attendance", partner: "RJ" }],
      checks: { suppress: [{ check: "sex-sum", cell: "G3", reason: "the partner counts facilitators in the total" }], severity: [{ check: "negative-count", severity: "warning", reason: "a correction row" }] },
    });
    const csv = "Date,Event type,Venue,Female,Male,Other,Total\n2021-03-01,TIE,A,50,60,0,120\n2021-03-02,TIE,B,5,6,0,12\n2021-03-03,TIE,C,-1,6,0,5\n";
    const report = await validateFiles(project, { 0: [memoryFile("events.csv", csv)] });
    expect(cells(report)).toEqual([["G2", "sex-sum"], ["D4", "negative-count"]]);
    expect(report.findings[1]!.severity).toBe("warning");
    expect(report.summary).toMatchObject({ errors: 1, warnings: 1, suppressed: 1, suppressions: [{ check: "sex-sum", reason: "the partner counts facilitators in the total", count: 1 }] });
  });

  it("a severity override or suppression without a reason is refused by the project schema", () => {
    expect(() => makeProject({ checks: { suppress: [{ check: "sex-sum", reason: "" }] } })).toThrow("a reason is required");
  });
});
