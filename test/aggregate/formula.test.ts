import { describe, expect, it } from "vitest";
import { evaluateFormula, formulaRefs, orderFormulas, parseFormula } from "../../src/aggregate/formula.js";
import type { ReportingError } from "../../src/errors/reporting-error.js";

const figures: Record<string, number> = { "1.2.placed": 424, "1.2.graduated": 449, zero: 0, a: 3, b: 4 };
const evaluate = (text: string) => evaluateFormula(parseFormula(text, "f"), (c) => figures[c] ?? null);

describe("formulas", () => {
  it.each([
    { text: "100 * {1.2.placed} / {1.2.graduated}", want: (100 * 424) / 449 },
    { text: "{a} + {b} * 2", want: 11 },
    { text: "({a} + {b}) * 2", want: 14 },
    { text: "{a} - {b} - 1", want: -2 },
    { text: "-{a} + 10", want: 7 },
    { text: "{b} / {a} / 2", want: 4 / 3 / 2 },
    { text: "1.5e2 + .5", want: 150.5 },
    { text: "  { a }*{b}", want: 12 },
  ])("$text = $want", ({ text, want }) => {
    expect(evaluate(text).value).toBeCloseTo(want, 10);
  });

  it("gives no value for a division by zero, and says so", () => {
    expect(evaluate("100 * {a} / {zero}")).toEqual({ value: null, reason: "division-by-zero" });
  });

  it("gives no value when a component has no figure", () => {
    expect(evaluate("{a} + {nothing}")).toEqual({ value: null, reason: "missing", code: "nothing" });
  });

  it("lists each reference once", () => {
    expect(formulaRefs(parseFormula("{a} / ({a} + {b})", "f"))).toEqual(["a", "b"]);
  });

  it.each([
    { text: "{a} +", why: /ends too early/ },
    { text: "{a} {b}", why: /unexpected \{b\}/ },
    { text: "({a}", why: /expected \)/ },
    { text: "{a", why: /unclosed \{/ },
    { text: "{}", why: /empty \{\}/ },
    { text: "process.exit()", why: /unexpected "p"/ },
    { text: "{a} ^ 2", why: /unexpected "\^"/ },
    { text: "{a})", why: /unexpected "\)"/ },
  ])("refuses $text with project-invalid", ({ text, why }) => {
    expect(() => parseFormula(text, "logframe.outcomes[0].indicators[2].formula")).toThrow(why);
    try {
      parseFormula(text, "logframe.outcomes[0].indicators[2].formula");
    } catch (e) {
      expect((e as ReportingError).code).toBe("project-invalid");
      expect((e as ReportingError).message).toContain("indicators[2].formula");
    }
  });

  it("orders formulas after the formulas they use", () => {
    const order = orderFormulas(
      new Map([
        ["c", { refs: ["b"], path: "c" }],
        ["b", { refs: ["a", "x"], path: "b" }],
        ["a", { refs: ["x"], path: "a" }],
      ]),
    );
    expect(order).toEqual(["a", "b", "c"]);
  });

  it("refuses formulas that refer to each other in a circle, naming the circle", () => {
    const formulas = new Map([
      ["a", { refs: ["b"], path: "p.a" }],
      ["b", { refs: ["c"], path: "p.b" }],
      ["c", { refs: ["a"], path: "p.c" }],
    ]);
    expect(() => orderFormulas(formulas)).toThrow(/a → b → c → a/);
  });
});
