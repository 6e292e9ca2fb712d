import type { ResolvedReadOptions } from "./options.js";
import { ReadProblem } from "./problem.js";
import { mb } from "./size.js";
import { classifyZip } from "./sniff.js";
import { parseXml } from "./xml.js";
import { ZipPackage, type ZipSource } from "./zip.js";

/** A sheet listed by the workbook. Only worksheets hold cells; chart, dialog and macro sheets are listed but not read. */
export interface SheetPlan {
  name: string;
  hidden: boolean;
  kind: "worksheet" | "other";
  /** The worksheet's part in the zip. */
  part?: string;
}

/** What the package says about the workbook, before any cell is read. */
export interface WorkbookPlan {
  sheets: SheetPlan[];
  /** The workbook uses the 1904 date system (Mac Excel 2008 and older). */
  date1904: boolean;
  sharedStrings?: string;
  styles?: string;
  /** Parts that were missing and worked around (for a `package-repaired` warning). */
  repaired: string[];
}

/** Largest package part read whole (relationships, workbook.xml, the ODF mimetype). */
const SMALL_PART_BYTES = 16 * 1024 * 1024;

/**
 * Open an xlsx package from memory and plan the read, refusing anything dangerous or not a workbook:
 * damaged zips (`zip-corrupt`), declared sizes over the limits (`zip-bomb`), encrypted entries
 * (`file-encrypted`), other zip formats such as .ods/.xlsb/Numbers/.docx (`format-unsupported`),
 * and DTDs in XML (`xml-unsafe`). Parts are found through the OPC relationships, so workbooks
 * stored outside `xl/` read too; a package without a workbook part but with worksheets is read from
 * the worksheets' names, with a warning.
 */
export async function openWorkbook(source: ZipSource, opts: ResolvedReadOptions): Promise<{ zip: ZipPackage; plan: WorkbookPlan }> {
  const zip = await ZipPackage.open(source, {
    maxUnzippedMb: opts.limits.max_unzipped_mb,
    maxEntryMb: opts.limits.max_entry_mb,
    maxEntries: opts.maxZipEntries,
  });
  try {
    return { zip, plan: await planWorkbook(zip, opts) };
  } catch (err) {
    zip.close();
    throw err;
  }
}

async function planWorkbook(zip: ZipPackage, opts: ResolvedReadOptions): Promise<WorkbookPlan> {
  const mimetype = zip.has("mimetype") ? new TextDecoder().decode(await zip.read("mimetype", 1024)) : undefined;
  const kind = classifyZip(zip.names, mimetype);
  if (kind.kind === "refuse") throw new ReadProblem("format-unsupported", kind.message);

  const repaired: string[] = [];
  let workbook: string | undefined;
  if (zip.has("_rels/.rels")) {
    const rels = await readRels(zip, "_rels/.rels", "", opts);
    workbook = rels.find((r) => r.type.endsWith("/officeDocument"))?.target;
  } else repaired.push("_rels/.rels");
  if (workbook && !zip.has(workbook)) workbook = undefined;
  if (!workbook && zip.has("xl/workbook.xml")) workbook = "xl/workbook.xml";
  if (!workbook) return planFromWorksheetNames(zip, repaired);

  const wb = await readWorkbookXml(zip, workbook, opts);
  const relsPart = relsOf(workbook);
  const rels = zip.has(relsPart) ? await readRels(zip, relsPart, workbook, opts) : undefined;
  if (!rels) repaired.push(relsPart);
  const byId = new Map(rels?.map((r) => [r.id, r]));
  const sheets: SheetPlan[] = wb.sheets.map((s, i) => {
    const rel = s.rid !== undefined ? byId.get(s.rid) : undefined;
    const hidden = s.state === "hidden" || s.state === "veryHidden";
    if (!rel) {
      // No relationships part: fall back to the conventional name of the i-th sheet.
      const guess = `xl/worksheets/sheet${i + 1}.xml`;
      if (!rels && zip.has(guess)) return { name: s.name, hidden, kind: "worksheet", part: guess };
      throw new ReadProblem("zip-corrupt", `the workbook lists sheet "${s.name}" but the package does not say where its part is: the file is damaged`);
    }
    if (!rel.type.endsWith("/worksheet")) return { name: s.name, hidden, kind: "other" };
    if (!zip.has(rel.target)) throw new ReadProblem("zip-corrupt", `sheet "${s.name}" should be in ${rel.target}, which the package does not hold: the file is damaged`);
    return { name: s.name, hidden, kind: "worksheet", part: rel.target };
  });
  const find = (suffix: string, conventional: string): string | undefined => {
    const r = rels?.find((x) => x.type.endsWith(suffix));
    if (r && zip.has(r.target)) return r.target;
    return zip.has(conventional) ? conventional : undefined;
  };
  const sharedStrings = find("/sharedStrings", "xl/sharedStrings.xml");
  const styles = find("/styles", "xl/styles.xml");
  return {
    sheets,
    date1904: wb.date1904,
    repaired,
    ...(sharedStrings ? { sharedStrings } : {}),
    ...(styles ? { styles } : {}),
  };
}

/** No workbook part: read `xl/worksheets/*.xml` in numeric order (exceljs's "missing-bits" file), or refuse. */
function planFromWorksheetNames(zip: ZipPackage, repaired: string[]): WorkbookPlan {
  const parts = zip.names
    .filter((n) => /^xl\/worksheets\/[^/]+\.xml$/i.test(n))
    .sort((a, b) => (Number(/(\d+)\.xml$/i.exec(a)?.[1] ?? 0) - Number(/(\d+)\.xml$/i.exec(b)?.[1] ?? 0)) || a.localeCompare(b));
  if (parts.length === 0) {
    const ooxml = zip.names.some((n) => /^(xl\/|\[content_types\]\.xml$)/i.test(n));
    if (ooxml) throw new ReadProblem("zip-corrupt", "the xlsx package has no workbook part (xl/workbook.xml) and no worksheets: the file is damaged or incomplete");
    const shown = zip.names.slice(0, 3).join(", ") + (zip.names.length > 3 ? ", …" : "");
    throw new ReadProblem("format-unsupported", `this is a zip archive (holding ${shown}), not an xlsx workbook: extract it and read the files inside`);
  }
  repaired.push("xl/workbook.xml");
  return {
    sheets: parts.map((part, i) => ({ name: `Sheet${i + 1}`, hidden: false, kind: "worksheet", part })),
    date1904: false,
    repaired,
    ...(zip.has("xl/sharedStrings.xml") ? { sharedStrings: "xl/sharedStrings.xml" } : {}),
    ...(zip.has("xl/styles.xml") ? { styles: "xl/styles.xml" } : {}),
  };
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Resolve a relationship target against its source part (OPC: relative to the source's folder, or absolute). */
export function resolveTarget(source: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // keep as written
  }
  const base = t.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of t.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(seg);
  }
  return base.join("/");
}

async function readRels(zip: ZipPackage, part: string, source: string, opts: ResolvedReadOptions): Promise<Rel[]> {
  const rels: Rel[] = [];
  await parseXml(
    zip.stream(part, Math.min(SMALL_PART_BYTES, mb(opts.limits.max_entry_mb))),
    part,
    {
      open(name, a) {
        if (name !== "Relationship" || a.get("TargetMode") === "External") return;
        const id = a.local("Id");
        const type = a.local("Type");
        const target = a.local("Target");
        if (id !== undefined && type !== undefined && target !== undefined) rels.push({ id, type, target: resolveTarget(source, target) });
      },
      close() {},
    },
    opts.maxXmlDepth,
  );
  return rels;
}

async function readWorkbookXml(zip: ZipPackage, part: string, opts: ResolvedReadOptions) {
  const sheets: { name: string; state?: string; rid?: string }[] = [];
  let date1904 = false;
  await parseXml(
    zip.stream(part, Math.min(SMALL_PART_BYTES, mb(opts.limits.max_entry_mb))),
    part,
    {
      open(name, a) {
        if (name === "sheet") {
          const s: { name: string; state?: string; rid?: string } = { name: a.get("name") ?? `Sheet${sheets.length + 1}` };
          const state = a.get("state");
          if (state !== undefined) s.state = state;
          const rid = a.local("id");
          if (rid !== undefined) s.rid = rid;
          sheets.push(s);
        } else if (name === "workbookPr") {
          const v = a.get("date1904");
          date1904 = v === "1" || v === "true";
        }
      },
      close() {},
    },
    opts.maxXmlDepth,
  );
  return { sheets, date1904 };
}
