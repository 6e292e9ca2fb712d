import { describe, expect, it } from "vitest";
import { numberFormatter } from "../../src/validate/numbers.js";

const project = (number_grouping: "indian" | "international") => ({ project: { number_grouping } }) as Parameters<typeof numberFormatter>[0];

describe("numberFormatter", () => {
  it.each([
    { name: "numberFormatter: international grouping with thousands", grouping: "international" as const, n: 4000, text: "4,000" },
    { name: "numberFormatter: indian grouping in lakhs", grouping: "indian" as const, n: 400000, text: "4,00,000" },
    { name: "numberFormatter: two decimals at most", grouping: "international" as const, n: 12.345, text: "12.35" },
    { name: "numberFormatter: a negative count", grouping: "international" as const, n: -3, text: "-3" },
    { name: "numberFormatter: minus zero stays as Intl writes it", grouping: "international" as const, n: -0, text: "-0" },
  ])("$name", ({ grouping, n, text }) => {
    expect(numberFormatter(project(grouping))(n)).toBe(text);
  });

  it("numberFormatter: a remembered count is written as the first time, and zero is not taken for minus zero", () => {
    const f = numberFormatter(project("international"));
    const fmt = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
    for (const n of [0, -0, 0, 9999, 10000, 9999, 1234, 1234, -0]) expect(f(n)).toBe(fmt.format(n));
  });
});
