import type { Fill, Font, Worksheet } from "exceljs";

/** Shared look of the workbook: dark header rows, light helper headers, status colours. */
export const HEADER_FILL: Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F3864" } };
export const HEADER_FONT: Partial<Font> = { bold: true, color: { argb: "FFFFFFFF" } };
export const GROUP_FILL: Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF2E5597" } };
export const HELPER_FILL: Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };

/** Status → [fill, font colour], as in the Word report. */
export const STATUS_COLOURS = {
  exceeded: ["FFC6EFCE", "FF006100"],
  "on-track": ["FFFFEB9C", "FF9C5700"],
  behind: ["FFFFC7CE", "FF9C0006"],
} as const;

/** Style a header row. */
export function styleHeaderRow(ws: Worksheet, row: number, fill: Fill = HEADER_FILL): void {
  const r = ws.getRow(row);
  r.eachCell({ includeEmpty: false }, (cell) => {
    cell.fill = fill;
    cell.font = HEADER_FONT;
    cell.alignment = { vertical: "middle", wrapText: true };
  });
}
