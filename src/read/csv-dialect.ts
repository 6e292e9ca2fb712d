/** The delimiters logframe recognises. */
export const DELIMITERS = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** A CSV's dialect: its delimiter, and whether line 1 is Excel's `sep=;` hint (not data). */
export interface CsvDialect {
  delimiter: Delimiter;
  sepLine: boolean;
}

const SAMPLE_LINES = 50;
/** On a tie, the rarer character wins: a consistent split on TAB or `;` means more than one on `,`, which prose is full of. */
const TIE_ORDER: readonly Delimiter[] = ["\t", ";", "|", ","];

/**
 * Choose the delimiter from the first lines of a file: the one that splits them into the most
 * consistent number of fields (at least two), counting only delimiters outside quotes; on a tie,
 * TAB, then `;`, then `|` beat `,`. An Excel `sep=;` first line wins outright. `complete` says the sample is the whole file.
 *
 * @example sniffDialect("id;name\n1;a\n") // { delimiter: ";", sepLine: false }
 */
export function sniffDialect(sample: string, complete = false): CsvDialect {
  const sep = /^sep=(.)\r?\n/i.exec(sample);
  if (sep) {
    const d = DELIMITERS.find((x) => x === sep[1]);
    if (d) return { delimiter: d, sepLine: true };
  }
  let best: { delimiter: Delimiter; consistent: number; fields: number } = { delimiter: ",", consistent: 0, fields: 1 };
  for (const delimiter of DELIMITERS) {
    const counts = fieldCounts(sample, delimiter, complete);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 1) freq.set(c, (freq.get(c) ?? 0) + 1);
    let fields = 1;
    let consistent = 0;
    for (const [c, n] of freq) if (n > consistent || (n === consistent && c > fields)) [fields, consistent] = [c, n];
    const better =
      consistent > best.consistent ||
      (consistent === best.consistent && consistent > 0 && (fields > best.fields || (fields === best.fields && TIE_ORDER.indexOf(delimiter) < TIE_ORDER.indexOf(best.delimiter))));
    if (better) best = { delimiter, consistent, fields };
  }
  return { delimiter: best.delimiter, sepLine: false };
}

/** Fields per non-blank line of the sample (an unterminated last line counts only if the sample is the whole file). */
function fieldCounts(sample: string, delimiter: string, complete: boolean): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let fields = 1;
  let blank = true;
  for (let i = 0; i < sample.length && counts.length < SAMPLE_LINES; i++) {
    const ch = sample[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === delimiter) fields++;
    else if (ch === "\n" || ch === "\r") {
      if (!blank) counts.push(fields);
      fields = 1;
      blank = true;
      continue;
    }
    if (ch !== " ") blank = false;
  }
  if (complete && !blank && counts.length < SAMPLE_LINES) counts.push(fields);
  return counts;
}
