import * as z from "zod";

/** The sex categories logframe disaggregates by, in report order. */
export const SEXES = ["female", "male", "other", "unknown"] as const;
export const SexSchema = z.enum(SEXES);
export type Sex = z.infer<typeof SexSchema>;

/** A figure split by sex. `unknown` counts rows whose sex was blank or unrecognised. */
export const SexSplitSchema = z.object({
  female: z.number(),
  male: z.number(),
  other: z.number(),
  unknown: z.number(),
  total: z.number(),
});
export type SexSplit = z.infer<typeof SexSplitSchema>;

/** Built-in spellings partners use for each sex (lower-cased, trimmed). Extendable per project. */
export const DEFAULT_SEX_ALIASES: Record<Exclude<Sex, "unknown">, readonly string[]> = {
  female: ["f", "female", "woman", "women", "girl", "girls", "fem", "mohila", "মহিলা", "নারী", "মেয়ে"],
  male: ["m", "male", "man", "men", "boy", "boys", "purush", "পুরুষ", "ছেলে"],
  other: ["o", "other", "third gender", "third-gender", "3rd gender", "hijra", "transgender", "x", "হিজড়া", "তৃতীয় লিঙ্গ"],
};
const UNKNOWN_SPELLINGS = new Set(["", "unknown", "u", "n/a", "na", "-", "not known", "not recorded"]);

/** Result of reading a sex cell: a category, or `undefined` when the spelling is not recognised. */
export type SexReading = { sex: Sex; recognised: boolean };

/**
 * Normalise a sex cell to a category.
 * @example normalizeSex("Girls") // { sex: "female", recognised: true }
 */
export function normalizeSex(
  raw: unknown,
  aliases: Record<string, readonly string[]> = DEFAULT_SEX_ALIASES,
): SexReading {
  const text = raw === null || raw === undefined ? "" : String(raw).trim().toLowerCase().replace(/\s+/g, " ");
  if (UNKNOWN_SPELLINGS.has(text)) return { sex: "unknown", recognised: true };
  for (const sex of ["female", "male", "other"] as const) {
    if ((aliases[sex] ?? []).includes(text)) return { sex, recognised: true };
  }
  return { sex: "unknown", recognised: false };
}

/** An all-zero sex split. */
export function emptySplit(): SexSplit {
  return { female: 0, male: 0, other: 0, unknown: 0, total: 0 };
}
