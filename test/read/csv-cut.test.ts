import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countLineBreaks, lastRecordEnd } from "../../src/read/csv-cut.js";
import { countBreaks } from "../../src/read/csv-parser.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("where whole CSV records end", () => {
  it.each([
    { name: "after the last line break", text: "a,b\n1,2\n3", final: false, want: 8 },
    { name: "not inside quotes", text: 'a,b\n"x\ny",2\n"p\nq', final: false, want: 12 },
    { name: "after doubled quotes, which keep the count even", text: 'a\n"say ""hi""\n"\nb', final: false, want: 16 },
    { name: "after a CRLF, not between its CR and LF", text: "a\r\nb\r\nc", final: false, want: 6 },
    { name: "not at a CR at the very end, which may be half of a CRLF", text: "a\r\nb\r", final: false, want: 3 },
    { name: "at a CR at the very end of the file", text: "a\r\nb\r", final: true, want: 5 },
    { name: "after a lone CR (old Mac files)", text: "a\rb\rc", final: false, want: 4 },
    { name: "nowhere in one unfinished record", text: '"a\nb', final: false, want: -1 },
    { name: "nowhere without a line break", text: "abc", final: false, want: -1 },
  ])("ends records $name", ({ text, final, want }) => {
    const cut = lastRecordEnd([bytes(text)], final);
    expect(cut ? cut.at : -1).toBe(want);
  });

  it("never cuts a CRLF that is split between two pieces", () => {
    expect(lastRecordEnd([bytes("a\r\nb\r"), bytes("\nc")], false)).toEqual({ piece: 1, at: 1 });
    expect(countLineBreaks([bytes("a\r\nb\r"), bytes("\nc")], { piece: 1, at: 1 })).toBe(2);
  });

  it("cuts pieces as it cuts their concatenation, and counts the lines the parser counts", () => {
    const text = fc.array(fc.constantFrom("a", ",", '"', "\n", "\r", "\r\n", '""', "x y"), { maxLength: 40 }).map((p) => p.join(""));
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 4 }), fc.boolean(), (t, cuts, final) => {
        const all = bytes(t);
        const at = [...new Set(cuts.map((c) => Math.min(c, all.length)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((from, k) => all.subarray(from, [...at, all.length][k]));
        const one = lastRecordEnd([all], final);
        const many = lastRecordEnd(pieces, final);
        const offset = (c: { piece: number; at: number } | undefined) => (c ? pieces.slice(0, c.piece).reduce((n, p) => n + p.length, 0) + c.at : -1);
        expect(offset(many)).toBe(one ? one.at : -1);
        if (one) expect(countLineBreaks(pieces, many)).toBe(countBreaks(all, 0, one.at));
        expect(countLineBreaks(pieces)).toBe(countBreaks(all, 0, all.length));
      }),
      { seed: 20261204, numRuns: 2000 },
    );
  });
});
