/** A column of a plain-text table. */
export interface TextColumn {
  header: string;
  align?: "left" | "right";
  /** Cut cells longer than this (with …); the column is otherwise as wide as its widest cell. */
  max?: number;
  /** Give this column what is left of `width` after the others (at least `min`). One column at most. */
  flex?: boolean;
  min?: number;
}

/**
 * Lay rows out as an aligned plain-text table that fits `width` characters: fixed columns are as wide as
 * their content, the `flex` column takes the rest and its cells are cut with `…`.
 * @example renderTable([{ header: "Code" }, { header: "Total", align: "right" }], [["1.1.enrolled", "930"]])
 */
export function renderTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[], width = 80): string[] {
  const natural = columns.map((c, i) => Math.min(c.max ?? Infinity, Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? "")))));
  const gaps = columns.length - 1;
  const flex = columns.findIndex((c) => c.flex);
  if (flex >= 0) {
    const others = natural.reduce((s, w, i) => (i === flex ? s : s + w), 0);
    natural[flex] = Math.max(columns[flex]!.min ?? 8, Math.min(natural[flex]!, width - gaps - others));
  }
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, i) => {
        const text = truncate(cells[i] ?? "", natural[i]!);
        const pad = " ".repeat(Math.max(0, natural[i]! - displayWidth(text)));
        return c.align === "right" ? pad + text : text + pad;
      })
      .join(" ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)];
}

/** Cut text to `width` characters, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return "…".slice(0, width);
  return [...text].slice(0, width - 1).join("") + "…";
}

/** Characters as a terminal shows them (code points; wide scripts are rare in codes and figures). */
export function displayWidth(text: string): number {
  return [...text].length;
}
