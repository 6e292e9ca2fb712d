import { ReportingError } from "../errors/reporting-error.js";

/** Where the report date comes from, in order of preference. */
export interface ReportDateSources {
  /** `--date YYYY-MM-DD`. */
  date?: string;
  /** The `SOURCE_DATE_EPOCH` environment variable (seconds since 1970, reproducible builds). */
  sourceDateEpoch?: string;
  /** Today, as the caller's clock says. */
  now: Date;
}

/**
 * The date printed on a report and stamped in its document properties: `--date`, else
 * `SOURCE_DATE_EPOCH`, else today (UTC). Throws `ReportingError` (`bad-option`) on a malformed value.
 * @example resolveReportDate({ date: "2023-01-07", now: new Date() }) // "2023-01-07"
 */
export function resolveReportDate(src: ReportDateSources): string {
  if (src.date !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(src.date);
    const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
    if (!d || d.toISOString().slice(0, 10) !== src.date) {
      throw new ReportingError("bad-option", `--date: expected a date as YYYY-MM-DD, got "${src.date}"`, "Write the date of the report, e.g. --date 2023-01-07.");
    }
    return src.date;
  }
  if (src.sourceDateEpoch !== undefined && src.sourceDateEpoch !== "") {
    const secs = Number(src.sourceDateEpoch);
    if (!/^\d+$/.test(src.sourceDateEpoch) || !Number.isSafeInteger(secs)) {
      throw new ReportingError("bad-option", `SOURCE_DATE_EPOCH: expected whole seconds since 1970, got "${src.sourceDateEpoch}"`);
    }
    return new Date(secs * 1000).toISOString().slice(0, 10);
  }
  return src.now.toISOString().slice(0, 10);
}

/** The report date as a Date at midnight UTC, for document properties. */
export function reportTimestamp(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** A human date: `7 January 2023`. */
export function formatLongDate(iso: string, locale: string): string {
  const d = reportTimestamp(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const safe = Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : "en-GB";
  return new Intl.DateTimeFormat(safe, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(d);
}
