import { describe, expect, it } from "vitest";
import { csvField, neutraliseCell, toCsv } from "../../../src/cli/format/csv.js";

describe("csv", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
    ["RJ", "RJ"],
    ["1.1.enrolled", "1.1.enrolled"],
  ])("neutralises %j as %j", (text, want) => {
    expect(neutraliseCell(text)).toBe(want);
  });

  it("writes numbers as numbers, so a negative gap stays a number", () => {
    expect(csvField(-149)).toBe("-149");
    expect(csvField(95000.5)).toBe("95000.5");
  });

  it("quotes fields with commas, quotes and line breaks", () => {
    expect(csvField('Dialogues, "law" and media')).toBe('"Dialogues, ""law"" and media"');
    expect(csvField("a\nb")).toBe('"a\nb"');
  });

  it("leaves blanks empty", () => {
    expect([csvField(null), csvField(undefined), csvField(Number.NaN)]).toEqual(["", "", ""]);
  });

  it("writes a header and CRLF lines", () => {
    expect(toCsv(["code", "group", "total"], [["1.1.enrolled", "=cmd|' /C calc'!A0", 930]])).toBe("code,group,total\r\n1.1.enrolled,'=cmd|' /C calc'!A0,930\r\n");
  });
});
