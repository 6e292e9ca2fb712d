import { describe, expect, it } from "vitest";
import { reportBaseName, slugify, slugifyPeriod } from "../../src/render/slug.js";

describe("slugify", () => {
  it.each([
    ["Ashshash", "ashshash"],
    ["Ashshash: For Men & Women", "ashshash-for-men-women"],
    ["../../etc/passwd", "etc-passwd"],
    ["..", "project"],
    ["C:\\Windows\\x", "c-windows-x"],
    ["Ümlaut Straße", "umlaut-stra-e"],
    ["আশ্বাস", "project"],
  ])("slugify: %s becomes %s (no separators, no ..)", (name, want) => {
    expect(slugify(name)).toBe(want);
  });

  it("names a report after the project, type and period", () => {
    expect(reportBaseName("Ashshash", "closeout", "phase")).toBe("ashshash-closeout-phase");
    expect(slugifyPeriod("2021-01-01..2021-06-30")).toBe("2021-01-01_2021-06-30");
  });
});
