import type { RawValue } from "../schema/table.js";

const SEPARATORS = /[._\-/\\]+/g;
const DROPPED = /[:()#*'’‘"“”,;?![\]{}<>|]/g;
const SPACES = /\s+/g;

/**
 * Fold a header label (or an alias) for matching: lower case, punctuation such as `.:()#*'` dropped,
 * `_ - / .` read as spaces, runs of spaces collapsed, trimmed. Aliases and headers are folded the same way.
 * @example foldLabel("  Sl. No.: ") // "sl no"
 */
export function foldLabel(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(SEPARATORS, " ").replace(DROPPED, "").replace(SPACES, " ").trim();
}

/** Fold a cell value for looking up a spelling: lower case, trimmed, inner spaces collapsed. */
export function foldValue(text: string): string {
  return text.toLowerCase().replace(SPACES, " ").trim();
}

/** True for a blank cell: null, or text that is only spaces. */
export function isBlank(v: RawValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** A cell as header text: strings trimmed, numbers and booleans as written, dates as ISO days, errors and blanks empty. */
export function cellText(v: RawValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return "";
}
