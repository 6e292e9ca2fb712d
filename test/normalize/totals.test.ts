import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldLabel } from "../../src/normalize/fold.js";
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
    { text: "To'tal", want: { subtotal: false } },
    { text: "ＴＯＴＡＬ", want: { subtotal: false } },
    { text: "2021-03-31", want: undefined },
  ])("$text → $want", ({ text, want }) => {
    expect(isTotalText(text)).toEqual(want);
  });

  it("is never a label for ASCII text without a t or an s, which folds to text without them (the test it makes before folding)", () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."0123456789-/.:()#*'\",;?![]{}<>|_ abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRUVWXYZ\t".replace(/[tTsS]/g, "").split("")), maxLength: 30 });
    fc.assert(
      fc.property(ascii, (text) => {
        expect(foldLabel(text)).not.toMatch(/[ts]/);
        expect(isTotalText(text)).toBeUndefined();
      }),
      { seed: 3, numRuns: 500 },
    );
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
