import { describe, expect, it } from "vitest";
import { ReportSchema } from "../../../src/errors/report.js";
import { renderJson } from "../../../src/render/findings/json.js";
import { sampleReport } from "./sample.js";

describe("renderJson", () => {
  it("prints the library Report unchanged, in the contract's shape", () => {
    const report = sampleReport();
    const parsed = JSON.parse(renderJson(report)) as unknown;
    expect(parsed).toEqual(report);
    expect(ReportSchema.parse(parsed)).toEqual(report);
    expect(Object.keys((parsed as { summary: object }).summary)).toEqual(expect.arrayContaining(["errors", "warnings", "files", "rows", "suppressed", "truncated"]));
  });
});
