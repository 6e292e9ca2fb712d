import { AlignmentType, LineRuleType, Paragraph, TableOfContents, TextRun, type Table } from "docx";
import type { NumberFormatter } from "../format-number.js";
import { parseMarkup } from "../markup.js";
import type { ReportIndicator, ReportModel } from "../model.js";
import type { Narrative, NarrativeContext } from "../narrative.js";
import { formatLongDate } from "../report-date.js";
import { blocksToParagraphs, COLOURS, heading, table } from "./elements.js";
import { indicatorTable } from "./indicator-table.js";

type Child = Paragraph | Table | TableOfContents;

/** The cover page: title, project, and the facts a donor files the report by. */
export function createCover(model: ReportModel, narrative: Narrative, ctx: NarrativeContext): Child[] {
  const p = model.project;
  const sub = parseMarkup(narrative("cover", ctx));
  const facts: [string, string][] = [
    ["Project", p.name],
    ["Implementing organisation", p.organisation ?? "—"],
    ["Donor", p.donor ?? "—"],
    ["Reporting period", periodText(model)],
    ["Project phase", `${formatLongDate(p.phase.start, p.locale)} to ${formatLongDate(p.phase.end, p.locale)}`],
    ["Date of report", formatLongDate(model.date, p.locale)],
  ];
  return [
    new Paragraph({ spacing: { before: 2400, after: 240, line: 240, lineRule: LineRuleType.AUTO }, children: [new TextRun({ text: p.name, bold: true, size: 52, color: COLOURS.heading })] }),
    ...sub.map((b) => new Paragraph({ spacing: { after: 480 }, children: b.spans.map((s) => new TextRun({ text: s.text, size: 36, color: COLOURS.muted, highlight: s.placeholder ? "yellow" : undefined })) })),
    table({ widths: [3000, 6000], header: [], rows: facts.map(([k, v]) => [{ text: k, bold: true, fill: COLOURS.subHeaderFill }, { text: v }]), size: 21 }),
  ];
}

/** The table of contents (a field Word updates on opening; pre-filled from the headings). */
export function createContents(): Child[] {
  return [
    new Paragraph({ pageBreakBefore: true, spacing: { after: 240 }, children: [new TextRun({ text: "Contents", bold: true, size: 32, color: COLOURS.heading })] }),
    new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-3" }),
  ];
}

/** Summary of results: the template's text with the headline indicators as sentences. */
export function createSummary(narrative: Narrative, ctx: NarrativeContext): Child[] {
  return [heading("Summary of results", 1, { pageBreakBefore: true }), ...blocksToParagraphs(parseMarkup(narrative("summary", ctx)), 2)];
}

/** One section per outcome and output: indicator table, then the narrative template. */
export function createResults(model: ReportModel, narrative: Narrative, ctx: NarrativeContext, fmt: NumberFormatter, twoWindows: boolean): Child[] {
  const byCode = new Map(model.indicators.map((i) => [i.code, i]));
  const pick = (codes: string[]) => codes.map((c) => byCode.get(c)).filter((i): i is ReportIndicator => !!i);
  const out: Child[] = [heading("Results by outcome and output", 1)];
  model.outcomes.forEach((o, oi) => {
    out.push(heading(`Outcome ${o.code}: ${o.title}`, 2));
    const own = pick(o.indicators);
    if (own.length > 0) out.push(...indicatorTable(model.type, own, fmt, twoWindows));
    const octx = { ...ctx, outcome: ctx.outcomes[oi]! };
    out.push(...blocksToParagraphs(parseMarkup(narrative("outcome-narrative", octx)), 3));
    o.outputs.forEach((op, pi) => {
      out.push(heading(`Output ${op.code}: ${op.title}`, 3));
      const inds = pick(op.indicators);
      if (inds.length > 0) out.push(...indicatorTable(model.type, inds, fmt, twoWindows));
      out.push(...blocksToParagraphs(parseMarkup(narrative("output-narrative", { ...octx, output: ctx.outcomes[oi]!.outputs[pi]! })), 3));
    });
  });
  return out;
}

/** The closing chapters (finance, lessons learnt, next steps) from the template. */
export function createClosing(narrative: Narrative, ctx: NarrativeContext): Child[] {
  return blocksToParagraphs(parseMarkup(narrative("closing", ctx)), 1);
}

/** A centred line. */
export function centred(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(text)] });
}

/** The reporting period in words: `7 November 2019 to 31 December 2022`, prefixed by its name unless it is the phase. */
export function periodText(model: ReportModel): string {
  const p = model.period;
  const span = `${formatLongDate(p.from, model.project.locale)} to ${formatLongDate(p.to, model.project.locale)}`;
  return p.kind === "phase" ? span : `${p.label} (${span})`;
}

