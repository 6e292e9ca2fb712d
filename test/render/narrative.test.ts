import { describe, expect, it } from "vitest";
import { loadTemplates } from "../../src/cli/report-templates.js";
import { createNumberFormatter } from "../../src/render/format-number.js";
import { compileNarrative, narrativeContext, type TemplateSources } from "../../src/render/narrative.js";
import { sampleModel } from "./sample-model.js";

async function withSummary(text: string): Promise<TemplateSources> {
  const t = await loadTemplates("closeout", undefined);
  return { ...t, summary: { text, file: "custom/summary.hbs" } };
}

describe("compileNarrative", () => {
  it("renders the built-in summary with the headline sentences", async () => {
    const model = await sampleModel();
    const out = compileNarrative(await loadTemplates("closeout", undefined))("summary", narrativeContext(model, createNumberFormatter("en-GB", "indian")));
    expect(out).toContain("- 40 survivors enrolled (20 female, 15 male, 4 other, 1 not recorded).");
  });

  it("forbids access to prototype properties and methods", async () => {
    const model = await sampleModel();
    const ctx = narrativeContext(model, createNumberFormatter("en-GB"));
    const render = compileNarrative(await withSummary("[{{project.constructor}}][{{#with project}}{{__proto__}}{{/with}}][{{lookup project 'toString'}}]"));
    expect(render("summary", ctx)).toBe("[][][]");
    const guarded = compileNarrative(await withSummary("{{#if project.constructor}}leak{{else}}safe{{/if}}"));
    expect(guarded("summary", ctx)).toBe("safe");
    const deeper = compileNarrative(await withSummary("{{project.constructor.name}}"));
    expect(() => deeper("summary", ctx)).toThrow(/custom\/summary\.hbs/);
  });

  it("names the template file when a field is misspelt (strict)", async () => {
    const model = await sampleModel();
    const render = compileNarrative(await withSummary("{{project.nmae}}"));
    expect(() => render("summary", narrativeContext(model, createNumberFormatter("en-GB")))).toThrow(/custom\/summary\.hbs: .*nmae/);
  });

  it("refuses a template with a syntax error before rendering anything", async () => {
    await expect(async () => compileNarrative(await withSummary("{{#each headlines}}"))).rejects.toThrow(/custom\/summary\.hbs/);
  });

  it("does not HTML-escape (the docx library escapes XML itself)", async () => {
    const model = await sampleModel();
    const out = compileNarrative(await withSummary("{{project.name}}"))("summary", narrativeContext(model, createNumberFormatter("en-GB")));
    expect(out).toBe("Ashshash: For Men & Women Who Have Escaped Trafficking");
  });
});
