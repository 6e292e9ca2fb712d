import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTemplates } from "../../../src/cli/report-templates.js";
import { renderDocx } from "../../../src/render/docx/render-docx.js";
import { createNumberFormatter } from "../../../src/render/format-number.js";
import { headlineSentence } from "../../../src/render/headline.js";
import type { ReportModel } from "../../../src/render/model.js";
import { sampleModel } from "../sample-model.js";
import { documentText, unzipText } from "./extract.js";

async function render(model: ReportModel, custom?: string): Promise<Map<string, string>> {
  return unzipText(await renderDocx(model, { templates: await loadTemplates(model.type, custom) }));
}

describe.each(["closeout", "progress"] as const)("renderDocx (%s)", (type) => {
  let model: ReportModel;
  let parts: Map<string, string>;
  let text: string[];
  beforeAll(async () => {
    model = await sampleModel(type);
    parts = await render(model);
    text = documentText(parts.get("word/document.xml")!);
  });

  it("states every headline figure with its sex split as in the aggregate", () => {
    const fmt = createNumberFormatter(model.project.locale, model.project.numberGrouping);
    const headlines = model.indicators.filter((i) => i.headline);
    expect(headlines.length).toBeGreaterThan(3);
    for (const i of headlines) {
      const s = type === "progress" ? i.cumulative! : i.actual!;
      const sentence = headlineSentence(i, fmt, type === "progress" ? "cumulative" : "actual");
      expect(sentence).toContain(`${fmt.number(s.total)} `);
      expect(sentence).toContain(`(${fmt.number(s.female)} female, ${fmt.number(s.male)} male`);
      expect(text).toContain(`${sentence}.`);
    }
  });

  it("has a table of contents field that Word updates on opening", () => {
    expect(parts.get("word/document.xml")).toContain("TOC \\h \\o &quot;1-3&quot;");
    expect(parts.get("word/settings.xml")).toMatch(/<w:updateFields( w:val="(true|1)")?\/>/);
  });

  it("repeats table header rows on every page and uses Word heading styles", () => {
    const xml = parts.get("word/document.xml")!;
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading3"/>');
  });

  it("stamps the core properties with the report date", () => {
    const core = parts.get("docProps/core.xml")!;
    expect(core).toContain("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2023-01-07T00:00:00Z</dcterms:created>");
    expect(core).toContain("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2023-01-07T00:00:00Z</dcterms:modified>");
  });

  it("embeds the gender chart as a PNG", () => {
    expect([...parts.keys()].some((k) => /^word\/media\/.+\.png$/.test(k))).toBe(true);
  });

  it("lists every input with its SHA-256 and the command that regenerates the report", () => {
    for (const s of model.sources) expect(text.some((l) => l.includes(s.path) && l.includes(s.sha256))).toBe(true);
    expect(text.some((l) => l.includes(model.command))).toBe(true);
  });

  it("gives the same text on a second run", async () => {
    const again = documentText((await render(model)).get("word/document.xml")!);
    expect(again).toEqual(text);
  });
});

describe("renderDocx details", () => {
  it("shows in-period and cumulative figures side by side in a progress report", async () => {
    const model = await sampleModel("progress");
    const text = documentText((await render(model)).get("word/document.xml")!);
    const fmt = createNumberFormatter("en-GB", "indian");
    const i = model.indicators.find((x) => x.code === "1.1.enrolled")!;
    const row = text.find((l) => l.startsWith("1.1a  Survivors identified and enrolled |"))!;
    expect(row.split(" | ").slice(1, 7)).toEqual([i.actual!.female, i.actual!.male, i.actual!.total, i.cumulative!.female, i.cumulative!.male, i.cumulative!.total].map((n) => fmt.number(n)));
    expect(text).toContain("Indicator | This period | Cumulative | Target | % of target | Status");
  });

  it("renders with an organisation's own template directory, falling back per file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "logframe-tpl-"));
    mkdirSync(path.join(dir, "closeout"));
    writeFileSync(path.join(dir, "closeout", "summary.hbs"), "# Our own summary\nPrepared for {{project.donor}} on {{date}}.\n{{#each headlines}}\n- {{sentence}}\n{{/each}}\n");
    writeFileSync(path.join(dir, "closing.hbs"), "# Next steps\n[[Our organisation's closing words]]\n");
    const model = await sampleModel();
    const text = documentText((await render(model, dir)).get("word/document.xml")!);
    expect(text).toContain("Our own summary");
    expect(text).toContain("Prepared for Swiss Agency for Development and Cooperation (SDC) on 7 January 2023.");
    expect(text).toContain("Next steps");
    expect(text).toContain("Our organisation's closing words");
    // output-narrative.hbs was not overridden: the built-in placeholder is there.
    expect(text).toContain("Describe the constraints and challenges met in delivering Output 1.1.");
  });

  it("escapes partner text: markup-like names stay literal text", async () => {
    const model = await sampleModel();
    model.partners = model.partners.map((p) => (p.code === "RJ" ? { ...p, name: "<w:p>R&J</w:p>\n# heading" } : p));
    const parts = await render(model);
    const xml = parts.get("word/document.xml")!;
    expect(xml).toContain("&lt;w:p&gt;R&amp;J&lt;/w:p&gt;");
    expect(documentText(xml).some((l) => l.includes("RJ — <w:p>R&J</w:p>"))).toBe(true);
  });
});
