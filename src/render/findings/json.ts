import type { Report } from "../../errors/report.js";

/** A Report as the JSON contract of `logframe validate --format json`: the library Report unchanged. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + "\n";
}
