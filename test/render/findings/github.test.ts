import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, renderGithub } from "../../../src/render/findings/github.js";
import { sampleReport } from "./sample.js";

describe("renderGithub", () => {
  const lines = renderGithub(sampleReport(), { pathPrefix: "fixtures/ashshash" }).trimEnd().split("\n");

  it("writes one workflow command per finding, with file, line, column and the code as title", () => {
    expect(lines.find((l) => l.includes("title=sex-sum"))).toBe("::error file=fixtures/ashshash/partners/rj/events.xlsx,line=14,col=11,title=sex-sum::Events!K14: total 120, but female 50 + male 60 + other 0 = 110 (expected 110, got 120)");
    expect(lines.filter((l) => l.startsWith("::warning "))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith("::notice "))).toHaveLength(1);
  });

  it("escapes properties (%, CR, LF, colon, comma) and data (%, CR, LF) as GitHub documents", () => {
    const typeError = lines.find((l) => l.includes("title=type-error"))!;
    expect(typeError).toBe("::error file=fixtures/ashshash/partners/rrf/batch%2C status.xlsx,line=3,col=28,title=type-error::Batch: 2021!AB3: expected a whole number, got \"20%25\"%0Asecond line");
    expect(escapeProperty("a:b,c%d\r\ne")).toBe("a%3Ab%2Cc%25d%0D%0Ae");
    expect(escapeData("a:b,c%d\r\ne")).toBe("a:b,c%25d%0D%0Ae");
  });

  it("gives a finding without a file no file property, and ends with the summary", () => {
    expect(lines.find((l) => l.includes("title=rule-failed"))).toMatch(/^::error title=rule-failed::1\.2\.graduated <= 1\.2\.tna/);
    expect(lines.at(-1)).toBe("✖ 3 errors, 1 warning, 1 note in 7 files (5,120 rows)");
  });
});
