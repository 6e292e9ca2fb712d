/**
 * A file-name-safe form of a project name: lower-case ASCII letters, digits and dashes, never empty,
 * never a path: no separators, no `..`, at most 60 characters.
 * @example slugify("Ashshash: For Men & Women") // "ashshash-for-men-women"
 */
export function slugify(name: string): string {
  const ascii = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const slug = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || "project";
}

/** A period id made safe for a file name (`2021-01-01..2021-06-30` → `2021-01-01_2021-06-30`). */
export function slugifyPeriod(id: string): string {
  return id.replace(/\.\./g, "_").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "period";
}

/** The base file name of a report, without extension: `ashshash-closeout-phase`. */
export function reportBaseName(project: string, type: string, period: string): string {
  return `${slugify(project)}-${type}-${slugifyPeriod(period)}`;
}
