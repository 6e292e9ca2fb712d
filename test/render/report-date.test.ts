import { describe, expect, it } from "vitest";
import { formatLongDate, resolveReportDate } from "../../src/render/report-date.js";

const now = new Date("2024-05-06T12:00:00Z");

describe("resolveReportDate", () => {
  it("takes --date first, then SOURCE_DATE_EPOCH, then today", () => {
    expect(resolveReportDate({ date: "2023-01-07", sourceDateEpoch: "0", now })).toBe("2023-01-07");
    expect(resolveReportDate({ sourceDateEpoch: "1673049600", now })).toBe("2023-01-07");
    expect(resolveReportDate({ sourceDateEpoch: "", now })).toBe("2024-05-06");
    expect(resolveReportDate({ now })).toBe("2024-05-06");
  });

  it.each(["2023-02-30", "07/01/2023", "2023-1-7", ""])("rejects --date %j with bad-option", (date) => {
    expect(() => resolveReportDate({ date, now })).toThrow(expect.objectContaining({ code: "bad-option" }));
  });

  it("rejects a SOURCE_DATE_EPOCH that is not whole seconds", () => {
    expect(() => resolveReportDate({ sourceDateEpoch: "yesterday", now })).toThrow(/SOURCE_DATE_EPOCH/);
  });

  it("writes a long date in the project's locale", () => {
    expect(formatLongDate("2023-01-07", "en-GB")).toBe("7 January 2023");
  });
});
