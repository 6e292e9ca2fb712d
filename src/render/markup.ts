/** A run of text inside a block: plain, bold, or a visible placeholder for the officer to fill in. */
export interface Span {
  text: string;
  bold?: boolean;
  placeholder?: boolean;
}

/** A block of narrative: a heading (1 = the first level below the section's own), a bullet, or a paragraph. */
export type Block = { type: "heading"; level: number; spans: Span[] } | { type: "bullet"; spans: Span[] } | { type: "paragraph"; spans: Span[] };

/**
 * Parse the tiny markup templates produce: `# ` and `## ` start headings, `- ` a bullet, every other
 * non-blank line is a paragraph; inside a line `**bold**` and `[[placeholder]]`. Nothing else is
 * interpreted, and the result is plain text for the docx library, which XML-escapes it.
 * @example parseMarkup("# Challenges\n- [[Describe the constraints]]")
 */
export function parseMarkup(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    if (line.trim() === "") continue;
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (h) blocks.push({ type: "heading", level: h[1]!.length, spans: parseSpans(h[2]!) });
    else if (/^\s*[-•]\s+/.test(line)) blocks.push({ type: "bullet", spans: parseSpans(line.replace(/^\s*[-•]\s+/, "")) });
    else blocks.push({ type: "paragraph", spans: parseSpans(line.trim()) });
  }
  return blocks;
}

/** Split a line into plain, bold and placeholder spans. */
export function parseSpans(line: string): Span[] {
  const spans: Span[] = [];
  const re = /\*\*(.+?)\*\*|\[\[(.+?)\]\]/g;
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > last) spans.push({ text: line.slice(last, m.index) });
    spans.push(m[1] !== undefined ? { text: m[1], bold: true } : { text: m[2]!, placeholder: true });
    last = m.index + m[0].length;
  }
  if (last < line.length) spans.push({ text: line.slice(last) });
  return spans;
}

/**
 * Make text from a spreadsheet or the project file safe to drop into a template: one line (so it cannot
 * start a heading or bullet of its own) and no markup of ours.
 */
export function flattenText(s: string): string {
  return s.replace(/[\r\n\t\u2028\u2029]+/g, " ").replace(/\*\*/g, "* *").replace(/\[\[/g, "[ [").replace(/\]\]/g, "] ]");
}
