import { describe, expect, it } from "vitest";
import { findTotalLabel, isTotalText } from "../../src/normalize/totals.js";

describe("isTotalText", () => {
  it.each([
    { text: "Total", want: { subtotal: false } },
    { text: "TOTAL:", want: { subtotal: false } },
    { text: "Grand Total", want: { subtotal: false } },
    { text: "Sub-total", want: { subtotal: true } },
    { text: "Subtotal", want: { subtotal: true } },
    { text: "Sub Total (Q1)", want: { subtotal: true } },
    { text: "Q1 total", want: { subtotal: false } },
    { text: "Sum", want: { subtotal: false } },
    { text: "মোট", want: { subtotal: false } },
    { text: "সর্বমোট", want: { subtotal: false } },
    { text: "Totally new event", want: undefined },
    { text: "Summary of events", want: undefined },
    { text: "Awareness session", want: undefined },
    { text: "Total of the participants who came to the school session in Jashore", want: undefined },
  ])("$text → $want", ({ text, want }) => {
    expect(isTotalText(text)).toEqual(want);
  });
});

describe("findTotalLabel", () => {
  it("finds the label in the first few non-blank cells", () => {
    expect(findTotalLabel([null, "", "Sub-total", 45, 50])).toEqual({ index: 2, label: "Sub-total", subtotal: true });
  });

  it("does not look past the first four non-blank cells", () => {
    expect(findTotalLabel([1, 2, 3, 4, "Total"])).toBeUndefined();
  });
});
