import yauzl from "yauzl";

/** The parts of a docx (zip) as text, by path. */
export async function unzipText(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await new Promise<yauzl.ZipFile>((ok, ko) => yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (e, z) => (e ? ko(e) : ok(z!))));
  const out = new Map<string, string>();
  await new Promise<void>((ok, ko) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (e, s) => {
        if (e) return ko(e);
        const chunks: Buffer[] = [];
        s!.on("data", (c: Buffer) => chunks.push(c));
        s!.on("end", () => {
          out.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
          zip.readEntry();
        });
      });
    });
    zip.on("end", ok);
    zip.on("error", ko);
    zip.readEntry();
  });
  return out;
}

const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/**
 * The text of `word/document.xml`, one line per paragraph; a table row is one line with its cells
 * separated by ` | `. Field codes (the TOC instruction) are left out.
 */
export function documentText(xml: string): string[] {
  const lines: string[] = [];
  let para = "";
  let row: string[] | undefined;
  let cellText: string[] | undefined;
  const re = /<w:p[ >]|<\/w:p>|<w:tr[ >]|<\/w:tr>|<w:tc[ >]|<\/w:tc>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const tok = m[0];
    if (tok.startsWith("<w:t") && !tok.startsWith("<w:tr") && !tok.startsWith("<w:tc") && !tok.startsWith("<w:tab")) para += decode(m[1] ?? "");
    else if (tok === "<w:tab/>") para += "\t";
    else if (tok === "<w:br/>") para += " ";
    else if (tok.startsWith("<w:p")) para = "";
    else if (tok === "</w:p>") {
      if (cellText) cellText.push(para);
      else if (para.trim()) lines.push(para);
      para = "";
    } else if (tok.startsWith("<w:tr")) row = [];
    else if (tok === "</w:tr>") {
      if (row) lines.push(row.join(" | "));
      row = undefined;
    } else if (tok.startsWith("<w:tc")) cellText = [];
    else if (tok === "</w:tc>") {
      row?.push((cellText ?? []).join(" ").trim());
      cellText = undefined;
    }
  }
  return lines;
}
