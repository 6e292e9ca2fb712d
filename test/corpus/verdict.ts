import type { Outcome } from "./walk.js";

/**
 * Workbooks the manifest calls `load` that hold no value at all: BASELINE.md's independent count
 * (unzip, count `<v>`, `<is>`, `<f>`) finds 0 value cells in each. They must list their sheets and
 * give `file-empty`, nothing else.
 */
export const EMPTY_WORKBOOKS = new Set([
  "xlsx/exceljs--test-issue-1842.xlsx",
  "xlsx/exceljs--test-issue-771.xlsx",
  "xlsx/openpyxl--bigfoot.xlsx",
  "xlsx/openpyxl--empty-no-string.xlsx",
  "xlsx/poi--57893-many-merges.xlsx",
  "xlsx/poi--BrNotClosed.xlsx",
  "xlsx/poi--sheetProtection_allLocked.xlsx",
  "xlsx/poi--xlmmacro.xlsm.xlsx",
  "xlsx/sheetjs--BlankSheetTypes.xlsm.xlsx",
]);

/** `load` files the corpus README allows to fail with a clear error (bare quotes in unquoted fields). */
export const MAY_REFUSE = new Set(["csv/spectrum/location_coordinates.csv"]);

/** The code each `error` file must be refused with: the specific one, never a catch-all where a specific one exists. */
export const ERROR_CODES: Record<string, string> = {
  "csv/csvkit--empty.csv": "file-empty",
  "csv/frictionless--implicit-gz.csv": "format-unsupported",
  "csv/frictionless--implicit-zip.csv": "format-unsupported",
  "hostile/bare_quotes.csv": "read-failed",
  "hostile/billion_laughs.xlsx": "xml-unsafe",
  "hostile/binary_png_as.csv": "format-unsupported",
  "hostile/empty_0byte.csv": "file-empty",
  "hostile/empty_0byte.xlsx": "file-empty",
  "hostile/garbage_after_quote.csv": "read-failed",
  "hostile/gzip_of_xlsx.xlsx": "format-unsupported",
  "hostile/invalid_cell_refs.xlsx": "read-failed",
  "hostile/invalid_utf8.csv": "encoding-invalid",
  "hostile/invalid_xml_chars.xlsx": "read-failed",
  "hostile/not_xlsx_html.xlsx": "format-unsupported",
  "hostile/nul_padded.csv": "read-failed",
  "hostile/only_newlines.csv": "file-empty",
  "hostile/unterminated_quote_2MB.csv": "read-failed",
  "hostile/utf16le_no_bom.csv": "encoding-invalid",
  "hostile/xxe_external_entity.xlsx": "xml-unsafe",
  "hostile/zip_corrupt_deflate.xlsx": "zip-corrupt",
  "hostile/zip_crc_mismatch.xlsx": "zip-corrupt",
  "hostile/zip_encrypted_flag.xlsx": "file-encrypted",
  "hostile/zip_no_workbook.xlsx": "zip-corrupt",
  "hostile/zip_not_ooxml.xlsx": "format-unsupported",
  "hostile/zip_truncated.xlsx": "zip-corrupt",
  "xlsx/exceljs--invalid-xml.xlsx": "read-failed",
  "xlsx/frictionless--table.csv.xlsx": "format-unsupported",
  "xlsx/openpyxl--null_archive.xlsx": "format-unsupported",
  "xlsx/poi--crash-274d6342e4842d61be0fb48eaadad6208ae767ae.xlsx": "zip-corrupt",
  "xlsx/poi--duplicate-filename-case-insensitive.xlsx": "zip-corrupt",
  "xlsx/poi--duplicate-filename.xlsx": "zip-corrupt",
  "xlsx/poi--extenxls_pwd123.xlsx": "file-encrypted",
  "xlsx/poi--fuzz-POIFuzzer-5040805309710336.xlsx": "zip-corrupt",
  "xlsx/poi--fuzz-POIXSSFFuzzer-5185049589579776.xlsx": "zip-corrupt",
  "xlsx/poi--fuzz-POIXSSFFuzzer-5265527465181184.xlsx": "zip-corrupt",
  "xlsx/poi--fuzz-POIXSSFFuzzer-5937385319563264.xlsx": "read-failed",
  "xlsx/poi--fuzz-POIXSSFFuzzer-6123461607817216.xlsx": "zip-corrupt",
  "xlsx/poi--fuzz-XLSX2CSVFuzzer-5025401116950528.xlsx": "zip-corrupt",
  "xlsx/poi--fuzz-XLSX2CSVFuzzer-6594557414080512.xlsx": "zip-corrupt",
  "xlsx/poi--invalid.xlsx": "zip-corrupt",
  "xlsx/poi--password.xls.xlsx": "format-unsupported",
  "xlsx/poi--protect.xlsx": "file-encrypted",
  "xlsx/poi--protected_sha512.xlsx": "file-encrypted",
  "xlsx/poi--xlsx-corrupted.xlsx": "read-failed",
  "xlsx/sheetjs--1904.ods.xlsx": "format-unsupported",
  "xlsx/sheetjs--1904.slk.xlsx": "format-unsupported",
  "xlsx/sheetjs--1904.xls.xlsx": "format-unsupported",
  "xlsx/sheetjs--1904.xlsb.xlsx": "format-unsupported",
  "xlsx/sheetjs--1904.xml.xlsx": "format-unsupported",
  "xlsx/sheetjs--CRLFX5_2.XLS.xlsx": "format-unsupported",
  "xlsx/sheetjs--crlf.htm.xlsx": "format-unsupported",
  "xlsx/sheetjs--minimal_112.numbers.xlsx": "format-unsupported",
  "xlsx/sheetjs--password_2002_40_xor.xls.xlsx": "format-unsupported",
};

/** Codes by which a limit or a safety check refuses a resource-exhaustion file. */
export const GUARD_CODES = new Set(["zip-bomb", "sheet-too-large", "read-timeout", "xml-unsafe", "read-failed"]);

/** Messages that mean the reader itself broke, whatever the file. */
const INTERNAL = /^the reader (failed|crashed)/;

/** Whether a file's outcome meets its manifest expectation, and if not, why. */
export function verdict(o: Outcome): { ok: boolean; why: string } {
  const fail = (why: string) => ({ ok: false, why });
  if (o.failure) return fail(`reader failure: ${o.failure}`);
  const internal = o.findings.find((f) => INTERNAL.test(f.message));
  if (internal) return fail(`internal error: ${internal.message}`);
  const stray = o.findings.find((f) => f.file !== o.file);
  if (stray) return fail(`a finding names ${stray.file}, not the file`);
  const errors = o.findings.filter((f) => f.severity === "error");
  switch (o.expect) {
    case "load":
      if (EMPTY_WORKBOOKS.has(o.file))
        return errors.length === 1 && errors[0]!.code === "file-empty" && o.sheets > 0 ? { ok: true, why: "" } : fail("an empty workbook should list its sheets and give file-empty only");
      if (MAY_REFUSE.has(o.file) && errors.length > 0) return errors[0]!.code === "read-failed" ? { ok: true, why: "" } : fail(`refused with ${errors[0]!.code}`);
      if (errors.length > 0) return fail(`error finding ${errors[0]!.code}: ${errors[0]!.message}`);
      return o.rows > 0 ? { ok: true, why: "" } : fail("loaded no rows");
    case "error": {
      const want = ERROR_CODES[o.file];
      if (errors.length === 0) return fail(`accepted (${o.rows} rows), expected ${want ?? "an error"}`);
      if (want && errors[0]!.code !== want) return fail(`refused with ${errors[0]!.code}, expected ${want}`);
      return { ok: true, why: "" };
    }
    case "guard":
      if (errors.length === 0) return { ok: true, why: "" };
      return GUARD_CODES.has(errors[0]!.code) ? { ok: true, why: "" } : fail(`refused with ${errors[0]!.code}, not a guard`);
    default:
      return { ok: true, why: "" };
  }
}
