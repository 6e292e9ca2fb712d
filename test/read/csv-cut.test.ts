import { describe, expect, it } from "vitest";
import { countLineBreaks, lastRecordEnd } from "../../src/read/csv-cut.js";

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
    expect(lastRecordEnd(bytes(text), final)).toBe(want);
  });

  it.each([
    ["LF", "a\nb\nc", 2],
    ["CRLF", "a\r\nb\r\n", 2],
    ["lone CR", "a\rb\rc", 2],
    ["mixed, a CR at the end counted as lone", "a\r\nb\nc\r", 3],
  ])("counts line breaks as the parser counts lines: %s", (_, text, want) => {
    expect(countLineBreaks(bytes(text as string), (text as string).length)).toBe(want);
  });
});
