import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/errors/finding.js";
import { buildReport, compareFindings } from "../../src/errors/report.js";
import { compareForCap, createCollector } from "../../src/validate/collector.js";
import type { ReportedFinding } from "../../src/validate/locate.js";

const finding = fc.record({
  code: fc.constantFrom("sex-sum", "negative-count", "outlier", "blank-row"),
  severity: fc.constantFrom<Finding["severity"]>("error", "warning", "info"),
  message: fc.constantFrom("a", "b", "B", "é", "e\u0301"),
  file: fc.option(fc.constantFrom("a.csv", "b.csv", "B.csv"), { nil: undefined }),
  sheet: fc.option(fc.constantFrom("Events", "events"), { nil: undefined }),
  row: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  column: fc.option(fc.constantFrom("total", "female"), { nil: undefined }),
  note: fc.option(fc.constantFrom("x", "y"), { nil: undefined }),
  actual: fc.option(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom("1", "2")), { nil: undefined }),
}).map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Finding);

/** The collector's kept findings, in the report's order, after feeding `list` in that order. */
function kept(list: readonly Finding[], max: number): Finding[] {
  const c = createCollector(max);
  for (const f of list) c.add(f);
  return [...c.findings()].sort(compareFindings);
}

describe("the finding collector's cap", () => {
  it("the collector keeps the same findings whatever order they arrive in", () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 60 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }), fc.integer({ min: 0, max: 70 }))), ([list, shuffled, max]) => {
        expect(kept(shuffled, max)).toEqual(kept(list, max));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("the collector keeps the first max findings by severity, then in the report's order, and counts every one", () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 60 }), fc.integer({ min: 0, max: 70 }), (list, max) => {
        const c = createCollector(max);
        for (const f of list) c.add(f);
        const expected = [...list].sort(compareForCap).slice(0, max).sort(compareFindings);
        expect([...c.findings()].sort(compareFindings)).toEqual(expected);
        expect(c.counts()).toEqual({ errors: list.filter((f) => f.severity === "error").length, warnings: list.filter((f) => f.severity === "warning").length, infos: list.filter((f) => f.severity === "info").length });
        expect(c.truncated()).toBe(list.length > max);
        // By code too, kept or not; and the report made from the capped list says the same.
        const byCode: Record<string, number> = {};
        for (const f of list) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
        expect(c.byCode()).toEqual(byCode);
        const report = buildReport(c.findings(), { files: 1, rows: 1, counts: c.counts(), byCode: c.byCode(), truncated: c.truncated() });
        expect(report.summary.byCode).toEqual(byCode);
        expect(Object.keys(report.summary.byCode)).toEqual(Object.keys(byCode).sort());
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("a report counts its findings by code when not given the counts, codes in order", () => {
    const list: Finding[] = ["sex-sum", "outlier", "sex-sum", "blank-row"].map((code, i) => ({ code, severity: "error", message: String(i), row: i }));
    expect(buildReport(list, { files: 1, rows: 4 }).summary.byCode).toEqual({ "blank-row": 1, outlier: 1, "sex-sum": 2 });
    expect(Object.keys(buildReport(list, { files: 1, rows: 4, maxFindings: 1 }).summary.byCode)).toEqual(["blank-row", "outlier", "sex-sum"]);
    expect(buildReport([], { files: 0, rows: 0 }).summary.byCode).toEqual({});
  });

  it.each([
    { name: "the collector keeps an error that arrives after the list is full of warnings", arrivals: ["warning", "warning", "error"], max: 2, keep: ["error", "warning"] },
    { name: "the collector keeps the earliest rows of one severity, not the first to arrive", arrivals: ["error@9", "error@3", "error@5"], max: 2, keep: ["error@3", "error@5"] },
    { name: "the collector with a cap of zero keeps nothing and still counts", arrivals: ["error@1"], max: 0, keep: [] },
  ])("$name", ({ arrivals, max, keep }) => {
    const parse = (s: string): Finding => {
      const [severity, row] = s.split("@") as [Finding["severity"], string | undefined];
      return { code: "x", severity, message: s, file: "a.csv", row: row === undefined ? 1 : Number(row) };
    };
    const c = createCollector(max);
    for (const a of arrivals) c.add(parse(a));
    expect([...c.findings()].sort(compareForCap).map((f) => f.message)).toEqual(keep.map((k) => parse(k).message));
    expect(c.counts().errors + c.counts().warnings + c.counts().infos).toBe(arrivals.length);
  });

  it("the collector keeps the same findings, with the same messages, when their messages come as functions", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(finding, fc.boolean()), { maxLength: 60 }), fc.integer({ min: 0, max: 70 }), (list, max) => {
        const c = createCollector(max);
        for (const [f, lazy] of list) c.add(lazy ? { ...f, message: () => f.message } : f);
        expect([...c.findings()].sort(compareFindings)).toEqual(kept(list.map(([f]) => f), max));
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it("the collector never makes the message of a finding that comes after the last one it keeps", () => {
    const c = createCollector(2);
    const made: number[] = [];
    const at = (row: number): ReportedFinding => ({ code: "sex-sum", severity: "error", file: "a.csv", row, message: () => (made.push(row), `row ${row}`) });
    for (const row of [5, 3, 9, 8, 4, 12]) c.add(at(row));
    expect([...c.findings()].sort(compareFindings).map((f) => f.message)).toEqual(["row 3", "row 4"]);
    // 5 and 3 fill the list; 4 displaces 5; 9, 8 and 12 come after the last kept and are only counted.
    expect(made).toEqual([5, 3, 4]);
    expect(c.counts().errors).toBe(6);
  });

  it("the collector lists suppressions by check, then reason, whatever order they arrive in", () => {
    const c = createCollector(10);
    c.suppress("sex-sum", "b");
    c.suppress("outlier", "a");
    c.suppress("sex-sum", "a");
    c.suppress("sex-sum", "b");
    expect(c.suppressions()).toEqual([
      { check: "outlier", reason: "a", count: 1 },
      { check: "sex-sum", reason: "a", count: 1 },
      { check: "sex-sum", reason: "b", count: 2 },
    ]);
    expect(c.suppressedCount()).toBe(4);
  });
});

describe("compareFindings", () => {
  it("compareFindings orders by file, sheet, row, column, code and message, and only identical findings tie", () => {
    fc.assert(
      fc.property(finding, finding, (a, b) => {
        const c = compareFindings(a, b);
        expect(Math.sign(compareFindings(b, a))).toBe(-Math.sign(c));
        if (c === 0) expect(a).toEqual(b);
      }),
      { seed: 3, numRuns: 1000 },
    );
  });

  it("compareFindings sorts a report's findings the same way whatever order they came in", () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 40 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))), ([list, shuffled]) => {
        expect(buildReport(shuffled, { files: 1, rows: 1 }).findings).toEqual(buildReport(list, { files: 1, rows: 1 }).findings);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});
