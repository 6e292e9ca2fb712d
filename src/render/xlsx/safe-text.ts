/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const DANGEROUS_START = /^[=+\-@\t\r]/;

/**
 * Neutralise text from a partner's spreadsheet before it goes into a cell: text that starts with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so no spreadsheet evaluates it.
 * @example neutraliseText('=HYPERLINK("http://x","y")') // `'=HYPERLINK("http://x","y")`
 */
export function neutraliseText(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** True when `neutraliseText` would change the text. */
export function isDangerousText(text: string): boolean {
  return DANGEROUS_START.test(text);
}
