import { AlignmentType, Document, Footer, LevelFormat, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, TextRun } from "docx";
import { createNumberFormatter } from "../format-number.js";
import type { ReportModel } from "../model.js";
import { compileNarrative, narrativeContext, type TemplateSources } from "../narrative.js";
import { createGenderAnnex, createPartnerAnnex, createQualityAnnex, createReproducibilityAnnex } from "./annexes.js";
import { COLOURS } from "./elements.js";
import { createClosing, createContents, createCover, createResults, createSummary, periodText } from "./sections.js";
import { figureWindows } from "../windows.js";
import { stampZipTimes } from "../zip-times.js";

/** Options of `renderDocx`. */
export interface DocxOptions {
  /** The narrative templates of the report's type (built-in, or an organisation's own). */
  templates: TemplateSources;
}

const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 };

function xmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * `docProps/core.xml` with created/modified set to the report date: the docx library stamps the time
 * of packing, which would make two runs on the same inputs differ.
 */
export function coreProperties(model: ReportModel): string {
  const stamp = `${model.date}T00:00:00Z`;
  const title = `${model.project.name}: ${model.type === "closeout" ? "Close-out report" : "Progress report"}, ${model.period.label}`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlText(title)}</dc:title><dc:subject>${xmlText(model.project.name)}</dc:subject><dc:creator>logframe ${xmlText(model.version)}</dc:creator>` +
    `<cp:lastModifiedBy>logframe</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    `</cp:coreProperties>`
  );
}

function footer(model: ReportModel): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: `${model.project.name} · ${model.type === "closeout" ? "Close-out report" : "Progress report"} · ${periodText(model)} · page `, size: 16, color: COLOURS.muted }), new TextRun({ children: [PageNumber.CURRENT], size: 16, color: COLOURS.muted }), new TextRun({ children: [" of ", PageNumber.TOTAL_PAGES], size: 16, color: COLOURS.muted })],
      }),
    ],
  });
}

/**
 * Render the Word report of a ReportModel: cover, table of contents, summary of results with the headline
 * indicators as sentences, one section per outcome and output (indicator table and narrative), the
 * closing chapters, and the gender, partner/district, data-quality and reproducibility annexes.
 * Narrative comes from Handlebars templates; every text run is escaped by the docx library.
 * @example const bytes = await renderDocx(model, { templates }); await writeFile("report.docx", bytes)
 */
export async function renderDocx(model: ReportModel, options: DocxOptions): Promise<Uint8Array> {
  const fmt = createNumberFormatter(model.project.locale, model.project.numberGrouping);
  const narrative = compileNarrative(options.templates);
  const ctx = narrativeContext(model, fmt);
  const twoWindows = figureWindows(model).length > 1;
  let annex = 0;
  const doc = new Document({
    creator: `logframe ${model.version}`,
    title: model.project.name,
    description: `${model.type} report, ${model.period.label}`,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: "Calibri", size: 21 }, paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } } },
        heading1: { run: { font: "Calibri", size: 32, bold: true, color: COLOURS.heading }, paragraph: { spacing: { before: 360, after: 160 } } },
        heading2: { run: { font: "Calibri", size: 26, bold: true, color: COLOURS.heading }, paragraph: { spacing: { before: 280, after: 120 } } },
        heading3: { run: { font: "Calibri", size: 23, bold: true, color: "2E5597" }, paragraph: { spacing: { before: 240, after: 100 } } },
        heading4: { run: { font: "Calibri", size: 21, bold: true, italics: true, color: "2E5597" }, paragraph: { spacing: { before: 160, after: 80 } } },
      },
    },
    numbering: { config: [{ reference: "bullets", levels: [{ level: 0, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 400, hanging: 260 } } } }] }] },
    sections: [
      {
        properties: { page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: MARGIN } },
        footers: { default: footer(model) },
        children: [...createCover(model, narrative, ctx), ...createContents(), ...createSummary(narrative, ctx)],
      },
      {
        properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN } },
        footers: { default: footer(model) },
        children: [
          ...createResults(model, narrative, ctx, fmt, twoWindows),
          ...createClosing(narrative, ctx),
          ...createGenderAnnex(model, narrative, ctx, fmt, ++annex),
          ...createPartnerAnnex(model, fmt, ++annex),
          ...createQualityAnnex(model, fmt, ++annex),
          ...createReproducibilityAnnex(model, fmt, ++annex),
        ],
      },
    ],
  });
  const buf = await Packer.toBuffer(doc, false, [{ path: "docProps/core.xml", data: coreProperties(model) }]);
  return stampZipTimes(new Uint8Array(buf), model.date);
}
