import type { Finding } from "../errors/finding.js";
import type { ReadOptions } from "../read/options.js";
import { READ_AHEAD_BYTES, readWorkbook } from "../read/index.js";
import type { SourceKind } from "../schema/kind.js";
import { SOURCE_KINDS } from "../schema/kinds/index.js";
import type { ProjectFile, Source } from "../schema/project.js";
import type { IngestEvent, InputFile, RawRow, RawSheet, RawWorkbook, SourceFiles } from "../schema/table.js";
import { isBlank } from "./fold.js";
import { findingAt, type Place } from "./findings.js";
import { flattenBatches } from "./flatten.js";
import { detectHeader, HEADER_SEARCH_ROWS, type HeaderSearch } from "./header.js";
import { buildResolver, type LabelResolver } from "./labels.js";
import { headerFindings, planTable, type PlanOptions } from "./plan.js";
import { SpanDecoder } from "./decode.js";
import { SheetNormalizer } from "./sheet.js";
import { mergeSexAliases } from "./values.js";

/** Reads one file into raw sheets: `readWorkbook` of `src/read`, replaceable in tests. */
export type ReadWorkbook = (file: InputFile, opts: ReadOptions) => Promise<RawWorkbook>;

/** Options of `ingestSources`. */
export interface IngestOptions {
  /** The run's date (kept for readers and checks that need one; ingest itself does not use the clock). */
  now?: Date;
  /** Round floating-point noise in numbers (274.65999999 → 274.66). Default true. */
  roundNoise?: boolean;
  /** The reader; defaults to `readWorkbook`. */
  read?: ReadWorkbook;
  /** Replace survivor ids by keyed pseudonyms as they are read (see `createPseudonymiser`). */
  pseudonymise?: (id: string) => string;
  /**
   * Hand plain data rows of CSV sheets over as `batch` events (column form, see `RowBatch`) instead of
   * one `row` event each: the fast lane for large files. Every consumer of the stream must then take
   * `batch` events (the validator and the engines do; `eventRows` turns one into rows).
   */
  batches?: boolean;
  /**
   * Each event may be used only until the next one is asked for: a batch's text cells point into
   * the reader's chunk buffers, which are then read into again, and its columns' arrays are written
   * into again for later batches, so a large CSV is read through a few MB rather than fresh memory
   * for all of it. Take the values you need as events come (the
   * validator, the engines and the CLI do); leave it off to keep batches themselves.
   */
  transient?: boolean;
}

/** Events handed over at once from a sheet. */
const BATCH = 256;
/** Rows buffered at most while the header is searched (blank rows included). */
const MAX_SEARCH_BUFFER = 500;

/**
 * Read and normalise every file of every source, in order, as one stream: for each sheet used, a
 * `table` event, then its rows, totals and findings in row order; the reader's own findings (with the
 * partner); and a `file` event with the file's data-row count. Memory does not grow with rows.
 * The first xlsx files are opened when the stream is made, and later ones while the files before
 * them are ingested (`OpenAhead`), so the reader's worker reads small ones ahead (make streams before
 * reading the first).
 * @example
 * for await (const e of ingestSources(sources, project)) if (e.type === "row") sink.add(e);
 */
export function ingestSources(sources: readonly SourceFiles[], project: ProjectFile, opts: IngestOptions = {}): AsyncIterableIterator<IngestEvent> {
  const steps: Step[] = [];
  for (const sf of sources) {
    if (sf.files.length === 0) steps.push({ missing: sf });
    else {
      const ctx = contextOf(sf.source, project, opts);
      for (const file of sf.files) steps.push({ file, ctx });
    }
  }
  // Opening starts with the stream, so a caller that makes its streams before it reads the first one
  // has the reader's worker read their first xlsx files meanwhile.
  const ahead = new OpenAhead(steps);
  ahead.fill(0);
  return flattenBatches(ingestBatches(steps, ahead));
}

/** A file to ingest with its source's context, or a source whose path matched no file. */
type Step = { file: InputFile; ctx: SourceContext } | { missing: SourceFiles };

/**
 * The xlsx bytes opened ahead of their turn at most, the next xlsx aside (which is always opened):
 * the reader reads each small file to its end as soon as its worker is free, so this bounds the rows
 * held waiting to be ingested to what one small file holds.
 */
export const AHEAD_BYTES = READ_AHEAD_BYTES;

/**
 * Opens xlsx files ahead of their turn: the next one always, and the small ones after it
 * (`READ_AHEAD_BYTES`) while their sizes together stay within `AHEAD_BYTES`. The reader reads a small
 * one in its worker, in the order opened, while the caller ingests other files (read/xlsx.ts), so the
 * two threads rarely wait for each other: a project of small workbooks is read while its first files
 * are checked. A file of unknown or large size ends the window until its turn. A CSV is read as it
 * is consumed; opening it early would only hold a file handle.
 */
class OpenAhead {
  private readonly opened = new Map<number, Promise<Opened>>();
  /** The first step not yet considered for opening ahead. */
  private next = 0;

  constructor(private readonly steps: readonly Step[]) {}

  /** Step `at`'s workbook, opened now unless it was opened ahead; then open what fits after it. */
  take(at: number, step: { file: InputFile; ctx: SourceContext }): Promise<Opened> {
    const wb = this.opened.get(at) ?? open(step.file, step.ctx);
    this.opened.delete(at);
    this.fill(at + 1);
    return wb;
  }

  /** Open the xlsx steps from `from` on that fit the window. */
  fill(from: number): void {
    this.next = Math.max(this.next, from);
    let bytes = 0;
    for (const at of this.opened.keys()) bytes += sizeOf(this.steps[at]!);
    for (; this.next < this.steps.length; this.next++) {
      const step = this.steps[this.next]!;
      if (!("file" in step) || !XLSX_NAME.test(step.file.path)) continue;
      const size = sizeOf(step);
      if (this.opened.size > 0 && (size > READ_AHEAD_BYTES || bytes + size > AHEAD_BYTES)) return;
      this.opened.set(this.next, open(step.file, step.ctx));
      bytes += size;
    }
  }
}

/** A step's file size for the window; unknown counts as too large. */
const sizeOf = (step: Step): number => ("file" in step && step.file.size >= 0 ? step.file.size : Infinity);

// Files and sheets hand over events in batches: one generator step per batch, not per row.
async function* ingestBatches(steps: readonly Step[], ahead: OpenAhead): AsyncGenerator<IngestEvent[]> {
  for (let at = 0; at < steps.length; at++) {
    const step = steps[at]!;
    if ("missing" in step) {
      const sf = step.missing;
      const place = { file: sf.source.path, partner: sf.source.partner };
      yield [finding(findingAt(place, "file-not-found", `sources[${sf.index}].path \`${sf.source.path}\` matched no file`))];
      continue;
    }
    yield* ingestFile(step.file, step.ctx, ahead.take(at, step));
  }
}

/** File names worth opening ahead. */
const XLSX_NAME = /\.xls[xm]$/i;

/** A workbook being opened, or why it could not be (never a rejected promise, which nobody may await yet). */
type Opened = { wb: RawWorkbook } | { error: unknown };

function open(file: InputFile, ctx: SourceContext): Promise<Opened> {
  return ctx.read(file, ctx.readOptions).then(
    (wb) => ({ wb }),
    (error: unknown) => ({ error }),
  );
}

/** What reading the files of one source needs, built once per source. */
interface SourceContext {
  source: Source;
  batches: boolean;
  transient: boolean;
  kind: SourceKind;
  resolver: LabelResolver;
  plan: PlanOptions;
  read: ReadWorkbook;
  readOptions: ReadOptions;
}

function contextOf(source: Source, project: ProjectFile, opts: IngestOptions): SourceContext {
  const kind = SOURCE_KINDS[source.kind] as SourceKind;
  return {
    source,
    batches: opts.batches ?? false,
    transient: opts.transient ?? false,
    kind,
    resolver: buildResolver(kind, source),
    plan: { dateOrder: source.date_order, roundNoise: opts.roundNoise ?? true, sexAliases: mergeSexAliases(project.sexes.aliases), pseudonymise: opts.pseudonymise },
    read: opts.read ?? readWorkbook,
    readOptions: { limits: project.limits, ...(source.sheet !== undefined ? { sheet: source.sheet } : {}), ...(opts.transient ? { reuseChunks: true } : {}) },
  };
}

const finding = (f: Finding): IngestEvent => ({ type: "finding", finding: f });

/** What a file's sheets turned out to be, for the findings given when none was used. */
interface SheetSurvey {
  names: string[];
  /** Visible sheets searched and found wanting: no header, or a header lacking required columns. */
  searched: { name: string; search: HeaderSearch }[];
  /** The best sheet whose header lacks some required columns. */
  partial?: { name: string; missing: number };
  used: number;
  rows: number;
}

async function* ingestFile(file: InputFile, ctx: SourceContext, opened: Promise<Opened>, only?: string): AsyncGenerator<IngestEvent[]> {
  const place: Place = { file: file.path, partner: ctx.source.partner };
  const got = await opened;
  if ("error" in got) {
    const err = got.error;
    yield [finding(findingAt(place, "read-failed", `the file could not be read: ${err instanceof Error ? err.message : String(err)}`))];
    if (only === undefined) yield [{ type: "file", file: file.path, rows: 0 }];
    return;
  }
  const wb = got.wb;
  const survey: SheetSurvey = { names: [], searched: [], used: 0, rows: 0 };
  let reported = 0;
  const readerFindings = (): IngestEvent[] => {
    const out: IngestEvent[] = [];
    // A second pass over the file repeats the reader's findings of the first: skip them.
    for (; reported < wb.findings.length; reported++) if (only === undefined) out.push(finding({ ...wb.findings[reported]!, partner: ctx.source.partner }));
    return out;
  };
  // A CSV is one sheet: it is the data, whatever its name; a header lacking columns is still used.
  const wanted = only ?? (wb.format === "xlsx" ? ctx.source.sheet : undefined);
  const forced = wanted !== undefined || wb.format === "csv";
  try {
    for await (const sheet of wb.sheets) {
      survey.names.push(sheet.name);
      if (wanted !== undefined ? !sameSheet(sheet.name, wanted) : sheet.hidden) {
        await closeRows(sheet);
        continue;
      }
      yield* ingestSheet(sheet, { ...place, sheet: sheet.name }, ctx, forced, survey, () => readerFailed(wb));
      yield readerFindings();
    }
  } catch (err) {
    yield [finding(findingAt(place, "read-failed", `reading stopped: ${err instanceof Error ? err.message : String(err)}`))];
  }
  yield readerFindings();
  if (only !== undefined) return;
  if (survey.used === 0) {
    if (survey.partial && !forced) yield* ingestFile(file, ctx, open(file, ctx), survey.partial.name);
    else yield unusedFindings(wb, place, ctx, survey, wanted).map(finding);
  }
  yield [{ type: "file", file: file.path, rows: survey.rows }];
}

async function* ingestSheet(
  sheet: RawSheet,
  place: Place,
  ctx: SourceContext,
  forced: boolean,
  survey: SheetSurvey,
  failed: () => boolean,
): AsyncGenerator<IngestEvent[]> {
  const rows = sheet.rows[Symbol.asyncIterator]();
  // The header search: the first rows of the sheet, up to HEADER_SEARCH_ROWS non-blank ones and the one under the last.
  const buffer: RawRow[] = [];
  let nonBlank = 0;
  while (nonBlank <= HEADER_SEARCH_ROWS && buffer.length < MAX_SEARCH_BUFFER) {
    const next = await rows.next();
    if (next.done) break;
    buffer.push(next.value);
    if (!next.value.cells.every(isBlank)) nonBlank++;
  }
  const search = detectHeader(buffer, ctx.kind, ctx.resolver);
  const header = search.match;
  if (!header || (!header.complete && !forced)) {
    if (header && (!survey.partial || header.missing.length < survey.partial.missing)) survey.partial = { name: sheet.name, missing: header.missing.length };
    survey.searched.push({ name: sheet.name, search });
    await rows.return?.();
    // An empty sheet the reader already explained (file-empty, read-failed) needs no second finding.
    const explained = search.searched[0] === 0 && failed();
    if (forced && !explained) yield [finding(headerNotFound(place, ctx, search))];
    return;
  }
  survey.used++;
  const plan = planTable(header, ctx.kind, ctx.source.kind, place, ctx.plan);
  let out: IngestEvent[] = [{ type: "table", table: plan.table }, ...headerFindings(header, plan, ctx.resolver).map(finding)];
  const normalizer = new SheetNormalizer(plan);
  for (let i = header.last + 1; i < buffer.length; i++) normalizer.push(buffer[i]!, out);
  buffer.length = 0;
  if (ctx.batches && sheet.spans) {
    // The rest of a CSV as byte spans: plain rows go into batches, the others through the normalizer.
    const decoder = new SpanDecoder(plan, normalizer);
    for await (const spans of sheet.spans()) {
      decoder.push(spans, out);
      if (out.length > 0) {
        yield out;
        out = [];
      }
      // The events handed over have been used (transient): only the open batch still points into
      // chunks, and the batches' arrays may be written into again.
      if (ctx.transient) {
        sheet.release?.(decoder.oldestChunk());
        decoder.recycle();
      }
    }
    decoder.end(out);
  } else {
    for (;;) {
      if (out.length >= BATCH) {
        yield out;
        out = [];
      }
      const next = await rows.next();
      if (next.done) break;
      normalizer.push(next.value, out);
    }
  }
  normalizer.end(out);
  yield out;
  survey.rows += normalizer.rows;
}

function unusedFindings(wb: RawWorkbook, place: Place, ctx: SourceContext, survey: SheetSurvey, wanted: string | undefined): Finding[] {
  // A file the reader could not read (empty, corrupt, refused) is explained by the reader's finding.
  if (survey.names.length === 0 && readerFailed(wb)) return [];
  if (wanted !== undefined) {
    // The reader reports a named sheet it lacks; say it here only if it did not.
    const said = wb.findings.some((f) => f.code === "sheet-not-found");
    if (!said && !survey.names.some((n) => sameSheet(n, wanted))) {
      return [findingAt(place, "sheet-not-found", `there is no sheet \`${wanted}\` (sheets: ${survey.names.join(", ") || "none"})`)];
    }
    return [];
  }
  if (survey.searched.length === 1) {
    // One sheet: say what was searched rather than "no usable sheet" (header-not-found was given for a CSV already).
    return wb.format === "csv" ? [] : [headerNotFound({ ...place, sheet: survey.searched[0]!.name }, ctx, survey.searched[0]!.search)];
  }
  if (wb.format === "csv") return [];
  const visible = survey.searched.map((s) => s.name);
  const message = visible.length === 0
    ? `no visible sheet to read (sheets: ${survey.names.join(", ") || "none"})`
    : `no sheet has the header of a ${ctx.source.kind} (searched: ${visible.join(", ")})`;
  return [findingAt(place, "no-data-sheet", message)];
}

function headerNotFound(place: Place, ctx: SourceContext, search: HeaderSearch): Finding {
  const required = Object.entries(ctx.kind.fields).filter(([, s]) => s.required).map(([f, s]) => `\`${f}\` (${s.aliases.slice(0, 2).join(" / ")})`);
  const [from, to] = search.searched;
  const where = from === 0 ? "the sheet has no rows" : `rows ${from}-${to} searched`;
  return findingAt(place, "header-not-found", `no row looks like the header of a ${ctx.source.kind} (${where}); expected columns such as ${required.join(", ")}`, {
    row: from || undefined,
  });
}

function readerFailed(wb: RawWorkbook): boolean {
  return wb.findings.some((f) => f.severity === "error");
}

function sameSheet(name: string, wanted: string): boolean {
  return name === wanted || name.trim().toLowerCase() === wanted.trim().toLowerCase();
}

async function closeRows(sheet: RawSheet): Promise<void> {
  await sheet.rows[Symbol.asyncIterator]().return?.();
}
