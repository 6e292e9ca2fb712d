import { describe, expect, it } from "vitest";
import { evaluate, ExpressionError, formatExpression, parseExpression, refsOf } from "../../../src/validate/rules/expression.js";

const PARTNERS = ["RJ", "RRF"];
const figures: Record<string, number> = { "1.1.enrolled": 930, "1.1.dropped": 352, "1.1.active": 578, "1.2.placed": 424, "1.2.graduated": 439, "1.2.placed[female]": 320, "1.2.placed[RJ]": 40 };
const lookup = (ref: { code: string; sex?: string; partner?: string }) => figures[ref.sex || ref.partner ? `${ref.code}[${ref.sex ?? ref.partner}]` : ref.code];

describe("parseExpression", () => {
  it.each([
    { name: "expression: a code alone", text: "1.1.enrolled", value: 930 },
    { name: "expression: subtraction with spaces", text: "1.1.enrolled - 1.1.dropped", value: 578 },
    { name: "expression: precedence of * over +", text: "1 + 2 * 3", value: 7 },
    { name: "expression: parentheses", text: "(1 + 2) * 3", value: 9 },
    { name: "expression: unary minus", text: "-1.1.dropped + 1.1.enrolled", value: 578 },
    { name: "expression: division", text: "100 * 1.2.placed / 1.2.graduated", value: (100 * 424) / 439 },
    { name: "expression: a sex selector", text: "1.2.placed[female]", value: 320 },
    { name: "expression: a partner selector, any case", text: "1.2.placed[rj]", value: 40 },
    { name: "expression: a code in braces", text: "{1.1.enrolled} - {1.1.dropped}", value: 578 },
    { name: "expression: a missing figure makes the result missing", text: "1.9.unknown + 1", value: undefined },
    { name: "expression: division by zero is missing, not Infinity", text: "1 / (1.1.active - 578)", value: undefined },
  ])("$name", ({ text, value }) => {
    expect(evaluate(parseExpression(text, PARTNERS), lookup)).toBe(value);
  });

  it.each([
    { name: "expression error: an unmatched closing parenthesis", text: "1.1.enrolled - 1.1.dropped)", message: 'unexpected ")"', column: 27 },
    { name: "expression error: an operator with nothing after it", text: "1.1.enrolled -", message: "unexpected end of expression", column: 15 },
    { name: "expression error: an unclosed parenthesis", text: "(1.1.enrolled", message: 'expected ")", got end of expression', column: 14 },
    { name: "expression error: a character that is not part of the language", text: "1.1.enrolled % 2", message: 'unexpected "%"', column: 14 },
    { name: "expression error: a selector that is neither sex nor partner", text: "1.2.placed[women]", message: '"women" is neither a sex nor a partner (female, male, other, unknown, total, RJ, RRF)', column: 12 },
    { name: "expression error: two sexes", text: "1.2.placed[female, male]", message: "two sexes selected for 1.2.placed", column: 20 },
    { name: "expression error: an empty selector", text: "1.2.placed[]", message: 'expected a sex or partner, got "]"', column: 12 },
    { name: "expression error: two codes side by side", text: "1.1.enrolled 1.1.dropped", message: 'unexpected "1.1.dropped"', column: 14 },
  ])("$name", ({ text, message, column }) => {
    let caught: unknown;
    try {
      parseExpression(text, PARTNERS);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    expect(caught).toMatchObject({ message, column });
  });

  it("expression: refs lists every reference with its selectors, left to right", () => {
    expect(refsOf(parseExpression("1.2.placed[RJ, female] - 2 * 1.2.graduated", PARTNERS)).map((r) => [r.code, r.sex, r.partner])).toEqual([
      ["1.2.placed", "female", "RJ"],
      ["1.2.graduated", undefined, undefined],
    ]);
  });

  it("expression: format adds a sex to the references that have none", () => {
    expect(formatExpression(parseExpression("1.1.enrolled - (1.1.dropped + 1.2.placed[male])"), "female")).toBe("1.1.enrolled[female] - (1.1.dropped[female] + 1.2.placed[male])");
  });

  it("expression: it never evaluates code (no eval)", () => {
    expect(() => parseExpression("process.exit(1)")).toThrow(ExpressionError);
  });
});
