import chalk from "chalk";
import type { ReportingError } from "../index.js";

/** A ReportingError, recognised without loading the library (so `--help` stays fast). */
function isReportingError(e: unknown): e is ReportingError {
  return e instanceof Error && e.name === "ReportingError" && typeof (e as { code?: unknown }).code === "string";
}

/** The exit codes every command uses. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

let pending: ExitCode = EXIT.ok;
/** A command's verdict (e.g. 1 when validation found errors); `main` returns it once the action ends. */
export function setExitCode(code: ExitCode): void {
  pending = code;
}
/** Read and reset the verdict. */
export function takeExitCode(): ExitCode {
  const code = pending;
  pending = EXIT.ok;
  return code;
}

/**
 * Print a failure as one or two lines: what is wrong, and what to do. Never a stack trace for
 * logframe's own errors; a bug prints a short line and the stack only with `--debug`.
 */
export function printFailure(e: unknown, debug: boolean): void {
  if (isReportingError(e)) {
    process.stderr.write(`${chalk.red("logframe:")} ${e.message}\n`);
    if (e.hint) process.stderr.write(`${chalk.dim(e.hint)}\n`);
    if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
    return;
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT" || err?.code === "EACCES" || err?.code === "EISDIR") {
    process.stderr.write(`${chalk.red("logframe:")} ${err.message}\n`);
  } else {
    process.stderr.write(`${chalk.red("logframe: internal error:")} ${err?.message ?? String(e)}\n`);
    process.stderr.write(chalk.dim(debug ? `${err?.stack ?? ""}\n` : "Run again with --debug for details, and report it with the input that caused it.\n"));
  }
}
