/**
 * A failure that stops a command (exit 2): a missing file, an invalid project file, a bad option.
 * Findings about the *data* are never thrown; they are collected in a Report.
 */
export class ReportingError extends Error {
  override readonly name = "ReportingError";
  constructor(
    /** Stable kebab-case code, e.g. `project-invalid`, `file-not-found`. */
    readonly code: string,
    message: string,
    /** What the user can do about it, printed under the message. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** True for errors logframe raised on purpose (as opposed to bugs). */
export function isReportingError(e: unknown): e is ReportingError {
  return e instanceof ReportingError;
}
