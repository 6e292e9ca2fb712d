import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import type { Block, Span } from "../markup.js";

/** The report's colours (hex without #). */
export const COLOURS = {
  heading: "1F3864",
  headerFill: "1F3864",
  headerText: "FFFFFF",
  subHeaderFill: "D9E2F3",
  zebra: "F5F7FB",
  border: "A6A6A6",
  muted: "595959",
  status: {
    exceeded: { fill: "C6EFCE", text: "006100" },
    "on-track": { fill: "FFEB9C", text: "7F4F00" },
    behind: { fill: "FFC7CE", text: "9C0006" },
  },
} as const;

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

/** A heading with a Word heading style, so it is in the navigation pane and the table of contents. */
export function heading(text: string, level: 1 | 2 | 3 | 4, opts: { pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({ heading: HEADINGS[level - 1], children: [new TextRun(text)], pageBreakBefore: opts.pageBreakBefore, keepNext: true });
}

/** Text runs from spans; placeholders are highlighted so the officer sees what to fill in. */
export function runs(spans: readonly Span[], base: { size?: number; color?: string } = {}): TextRun[] {
  return spans.map((s) => new TextRun({ text: s.text, bold: s.bold, italics: s.placeholder, highlight: s.placeholder ? "yellow" : undefined, ...base }));
}

/** A body paragraph of plain text. */
export function para(text: string, opts: { bold?: boolean; italics?: boolean; color?: string; size?: number; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]; spacingAfter?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.alignment,
    spacing: opts.spacingAfter !== undefined ? { after: opts.spacingAfter } : undefined,
    children: [new TextRun({ text, bold: opts.bold, italics: opts.italics, color: opts.color, size: opts.size })],
  });
}

/** A bullet point. */
export function bullet(spans: readonly Span[]): Paragraph {
  return new Paragraph({ numbering: { reference: "bullets", level: 0 }, children: runs(spans) });
}

/** Paragraphs from template markup; `# ` headings sit `base` levels down (an output's narrative under its H3). */
export function blocksToParagraphs(blocks: readonly Block[], base: number): Paragraph[] {
  return blocks.map((b) => {
    if (b.type === "heading") return new Paragraph({ heading: HEADINGS[Math.min(3, base + b.level - 1)], children: runs(b.spans), keepNext: true });
    if (b.type === "bullet") return bullet(b.spans);
    return new Paragraph({ children: runs(b.spans) });
  });
}

/** A table cell's content and look. */
export interface CellSpec {
  text: string;
  align?: "left" | "right" | "center";
  bold?: boolean;
  fill?: string;
  color?: string;
  colSpan?: number;
  rowSpan?: number;
  mono?: boolean;
}

const border = { style: BorderStyle.SINGLE, size: 4, color: COLOURS.border };
const BORDERS = { top: border, bottom: border, left: border, right: border };

function cell(spec: CellSpec, width: number | undefined, size: number, header: boolean): TableCell {
  const alignment = spec.align === "right" ? AlignmentType.RIGHT : spec.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT;
  return new TableCell({
    children: [
      new Paragraph({
        alignment,
        spacing: { before: 0, after: 0 },
        children: [new TextRun({ text: spec.text, bold: spec.bold ?? header, color: spec.color ?? (header ? COLOURS.headerText : undefined), size, font: spec.mono ? "Consolas" : undefined })],
      }),
    ],
    width: width !== undefined ? { size: width, type: WidthType.DXA } : undefined,
    columnSpan: spec.colSpan,
    rowSpan: spec.rowSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    shading: spec.fill ? { fill: spec.fill, type: ShadingType.CLEAR, color: "auto" } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    borders: BORDERS,
  });
}

/**
 * A table with header rows that repeat on every page (`tableHeader`), shaded header cells, rows that do
 * not split across pages, and light banding. Widths are in twips (1/1440 inch).
 */
export function table(opts: { widths: number[]; header: CellSpec[][]; rows: CellSpec[][]; size?: number; headerFill?: string }): Table {
  const size = opts.size ?? 17;
  const widthOf = (row: CellSpec[], k: number) => {
    // A spanning cell's width is the sum of the columns it covers.
    let col = 0;
    for (let i = 0; i < k; i++) col += row[i]!.colSpan ?? 1;
    let w = 0;
    for (let i = 0; i < (row[k]!.colSpan ?? 1); i++) w += opts.widths[col + i] ?? 0;
    return w;
  };
  const headerRows = opts.header.map(
    (row) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: row.map((c, k) => cell({ fill: opts.headerFill ?? COLOURS.headerFill, ...c }, widthOf(row, k), size, true)),
      }),
  );
  const bodyRows = opts.rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: row.map((c, k) => cell({ fill: c.fill ?? (r % 2 === 1 ? COLOURS.zebra : undefined), ...c }, widthOf(row, k), size, false)),
      }),
  );
  return new Table({
    rows: [...headerRows, ...bodyRows],
    width: { size: opts.widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: opts.widths,
    layout: TableLayoutType.FIXED,
  });
}

/** A small grey note under a table. */
export function note(text: string): Paragraph {
  return new Paragraph({ spacing: { before: 60, after: 160 }, children: [new TextRun({ text, italics: true, size: 16, color: COLOURS.muted })] });
}

/** Space after a table. */
export function spacer(): Paragraph {
  return new Paragraph({ spacing: { after: 120 }, children: [] });
}
