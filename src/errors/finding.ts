import * as z from "zod";

/** How serious a finding is. `error` fails validation (exit 1); `warning` fails only with `--strict`. */
export const SEVERITIES = ["error", "warning", "info"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

/** What a finding is about: the whole file, a sheet, its header, a row, one cell, or the logframe. */
export const SCOPES = ["file", "sheet", "header", "row", "cell", "table", "logframe"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * One thing a careful coordinator would point at. Flat, so it serialises to the JSON contract as is.
 * `file` is relative to the project file; `row` is the physical 1-based row (header included), so
 * `cell` (`D14`) matches what Excel shows.
 */
export const FindingSchema = z.object({
  code: z.string(),
  severity: SeveritySchema,
  message: z.string(),
  file: z.string().optional(),
  sheet: z.string().optional(),
  cell: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  partner: z.string().optional(),
  indicator: z.string().optional(),
  expected: z.union([z.string(), z.number()]).optional(),
  actual: z.union([z.string(), z.number()]).optional(),
  note: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** Where a value came from: enough to point a reader at the cell. */
export const OriginSchema = z.object({
  file: z.string(),
  sheet: z.string(),
  row: z.number().int(),
  column: z.string().optional(),
  partner: z.string().optional(),
});
export type Origin = z.infer<typeof OriginSchema>;

/** The `Sheet!D14` form used in text output; the file name alone when there is no sheet. */
export function formatLocation(f: Pick<Finding, "file" | "sheet" | "cell" | "row">): string {
  const place = f.cell ?? (f.row !== undefined ? `row ${f.row}` : undefined);
  if (f.sheet && place) return `${f.sheet}!${place}`;
  return f.sheet ?? place ?? "";
}
