import { CATALOG, type FindingCode } from "../errors/catalog.js";
import type { Finding } from "../errors/finding.js";

/** Where in a file a problem is: a sheet, a row, a cell, and a detail for the finding's `note`. */
export interface Place {
  sheet?: string;
  row?: number;
  cell?: string;
  column?: string;
  note?: string;
}

/**
 * A problem that stops reading a file. Thrown inside the reader and turned into a Finding at the
 * boundary of `readWorkbook`, so that deep parsing code can stop with one statement.
 */
export class ReadProblem extends Error {
  constructor(
    readonly code: FindingCode,
    message: string,
    readonly place: Place = {},
  ) {
    super(message);
    this.name = "ReadProblem";
  }
}

/** A finding about a file, with the catalogue's severity. */
export function readFinding(code: FindingCode, file: string, message: string, place: Place = {}): Finding {
  const f: Finding = { code, severity: CATALOG[code].severity, message, file };
  if (place.sheet !== undefined) f.sheet = place.sheet;
  if (place.cell !== undefined) f.cell = place.cell;
  if (place.row !== undefined) f.row = place.row;
  if (place.column !== undefined) f.column = place.column;
  if (place.note !== undefined) f.note = place.note;
  return f;
}

/** The finding for anything thrown while reading: our own problems keep their code, anything else is `read-failed`. */
export function findingOf(err: unknown, file: string): Finding {
  if (err instanceof ReadProblem) return readFinding(err.code, file, err.message, err.place);
  const io = ioProblem(err);
  if (io) return readFinding("file-unreadable", file, io);
  const message = err instanceof Error ? err.message : String(err);
  return readFinding("read-failed", file, `the reader failed: ${message}`);
}

/** A number with thousands separators, for messages. */
export const fmt = (n: number): string => n.toLocaleString("en-US");

const IO_MESSAGES: Record<string, string> = {
  ENOENT: "the file vanished before it could be read (moved or deleted during the run)",
  EACCES: "permission denied: logframe may not read this file",
  EPERM: "permission denied: logframe may not read this file",
  EISDIR: "this is a folder, not a file",
  EIO: "the disk reported an input/output error while reading",
  EBUSY: "the file is locked by another program (close it in Excel and run again)",
};

/** A plain sentence for an operating-system error while reading, or undefined for other errors. */
function ioProblem(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? IO_MESSAGES[code] : undefined;
}
