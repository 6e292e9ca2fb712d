/**
 * Golden files of the sample reports: the Word report's text (paragraphs and table rows) and the
 * workbook read back (one value per cell; formulas with their cached result). Review diffs before -u.
 */
import { describe, expect, it } from "vitest";
import { loadTemplates } from "../../src/cli/report-templates.js";
import { renderDocx } from "../../src/render/docx/render-docx.js";
import { renderXlsx } from "../../src/render/xlsx/render-xlsx.js";
import { documentText, unzipText } from "./docx/extract.js";
import { sampleModel } from "./sample-model.js";
import { workbookJson } from "./workbook-json.js";

describe.each(["closeout", "progress"] as const)("golden %s report", (type) => {
  it("matches the golden Word text", async () => {
    const model = await sampleModel(type);
    const parts = await unzipText(await renderDocx(model, { templates: await loadTemplates(type, undefined) }));
    await expect(documentText(parts.get("word/document.xml")!).join("\n") + "\n").toMatchFileSnapshot(`../golden/report-${type}/document.txt`);
  });

  it("matches the golden workbook", async () => {
    const model = await sampleModel(type);
    await expect(JSON.stringify(await workbookJson(await renderXlsx(model)), null, 1) + "\n").toMatchFileSnapshot(`../golden/report-${type}/workbook.json`);
  });
});
