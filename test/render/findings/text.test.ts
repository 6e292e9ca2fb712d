import { describe, expect, it } from "vitest";
import { renderText } from "../../../src/render/findings/text.js";
import { buildReport } from "../../../src/errors/report.js";
import { sampleReport } from "./sample.js";

describe("renderText", () => {
  const text = renderText(sampleReport(), { color: false });

  it("groups findings by file, the logframe last", () => {
    const heads = text.split("\n").filter((l) => l && !l.startsWith(" ") && !/^[✖✔]/.test(l));
    expect(heads).toEqual(["partners/rj/events.xlsx", "partners/rj/register.csv", "partners/rrf/batch, status.xlsx", "logframe"]);
  });

  it("writes each finding as Sheet!D14  code  message  (expected X, got Y)", () => {
    expect(text).toContain("  Events!K14  sex-sum  total 120, but female 50 + male 60 + other 0 = 110  (expected 110, got 120)");
    expect(text).toContain("(expected about 220, got 4,000)");
  });

  it("lists 300,000 findings of one file, aligned (widths folded over the findings, not spread into a call)", () => {
    const one = sampleReport().findings.find((f) => f.code === "sex-sum")!;
    const many = Array.from({ length: 300_000 }, (_, i) => ({ ...one, row: i + 2, cell: `K${i + 2}` }));
    const lines = renderText(buildReport(many, { files: 1, rows: 300_000 }), { color: false }).split("\n");
    const listed = lines.filter((l) => l.includes("sex-sum"));
    expect(listed).toHaveLength(300_000);
    expect(listed[0]!.indexOf("sex-sum")).toBe(listed.at(-1)!.indexOf("sex-sum"));
  });

  it("ends with a one-line summary", () => {
    expect(text.trimEnd().split("\n").at(-1)).toBe("✖ 3 errors, 1 warning, 1 note in 7 files (5,120 rows)");
    expect(renderText(buildReport([], { files: 1, rows: 1 })).trimEnd()).toBe("✔ no errors, 0 warnings in 1 file (1 row)");
  });

  it("lists what was suppressed, by check and reason", () => {
    const r = sampleReport({ suppressed: 3, suppressions: [{ check: "sex-sum", reason: "facilitators counted", count: 3 }] });
    expect(renderText(r)).toContain("3 suppressed (sex-sum: 'facilitators counted')");
    const two = sampleReport({ suppressed: 5, suppressions: [{ check: "sex-sum", reason: "a", count: 3 }, { check: "outlier", reason: "b", count: 2 }] });
    expect(renderText(two)).toContain("5 suppressed (sex-sum ×3: 'a'; outlier ×2: 'b')");
  });

  it("says when the list was cut, how many findings there were, and how many each check gave, most first", () => {
    expect(renderText(sampleReport({ maxFindings: 2 }))).toContain("(showing 2 of 5 findings: outlier 1, rule-failed 1, sex-sum 1, type-error 1, unknown-column 1; use --max-findings to see more)");
    const counted = sampleReport({ maxFindings: 2, counts: { errors: 12_003, warnings: 1, infos: 1 }, byCode: { "type-error": 2, "sex-sum": 12_000, "rule-failed": 1, outlier: 1, "unknown-column": 1 } });
    expect(renderText(counted)).toContain("(showing 2 of 12,005 findings: sex-sum 12,000, type-error 2, outlier 1, rule-failed 1, unknown-column 1; use --max-findings to see more)");
    expect(renderText(sampleReport())).not.toContain("showing");
  });

  it("colours only when asked", () => {
    const ESC = String.fromCharCode(27);
    expect(text.includes(`${ESC}[`)).toBe(false);
    expect(renderText(sampleReport(), { color: true }).includes(`${ESC}[31m`)).toBe(true);
  });
});
