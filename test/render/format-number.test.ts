import { describe, expect, it } from "vitest";
import { createNumberFormatter, groupIndian } from "../../src/render/format-number.js";

describe("groupIndian", () => {
  it.each([
    ["1", "1"],
    ["123", "123"],
    ["1234", "1,234"],
    ["12345", "12,345"],
    ["123456", "1,23,456"],
    ["1234567", "12,34,567"],
    ["12345678", "1,23,45,678"],
    ["123456789", "12,34,56,789"],
  ])("groupIndian: %s is written %s", (digits, want) => {
    expect(groupIndian(digits, ",")).toBe(want);
  });
});

describe("createNumberFormatter", () => {
  it.each([
    ["international", 1234567, "1,234,567"],
    ["indian", 1234567, "12,34,567"],
    ["indian", -1234567.5, "-12,34,567.5"],
    ["indian", 999, "999"],
    ["indian", 11452498, "1,14,52,498"],
    ["international", 0.125, "0.13"],
  ] as const)("number: %s grouping writes %s as %s", (grouping, n, want) => {
    expect(createNumberFormatter("en-GB", grouping).number(n)).toBe(want);
  });

  it("agrees with this Node's ICU en-IN formatting for Indian grouping", () => {
    const fmt = createNumberFormatter("en-GB", "indian");
    for (const n of [1, 12, 1234, 56789, 123456, 1234567, 98765432, 123456789012]) {
      expect(fmt.number(n)).toBe(new Intl.NumberFormat("en-IN").format(n));
    }
  });

  it("writes percentages with one decimal", () => {
    const fmt = createNumberFormatter("en-GB");
    expect(fmt.percent(138.7012)).toBe("138.7%");
    expect(fmt.percent(100)).toBe("100.0%");
    expect(fmt.percent(null)).toBe("–");
  });

  it("uses the locale's separators", () => {
    expect(createNumberFormatter("de-DE").number(1234567.5)).toBe("1.234.567,5");
    expect(createNumberFormatter("de-DE", "indian").number(1234567)).toBe("12.34.567");
  });

  it("falls back to en-GB for a locale ICU does not know", () => {
    expect(createNumberFormatter("xx-nowhere").number(1234)).toBe("1,234");
  });
});
