import type { FieldSpec, SourceKind, Value } from "../schema/kind.js";
import { SOURCE_KINDS } from "../schema/kinds/index.js";

/** A source kind by name, as the general `SourceKind` shape. */
export function kindOf(name: string): SourceKind | undefined {
  return (SOURCE_KINDS as Record<string, SourceKind>)[name];
}

function fieldsWhere(test: (f: FieldSpec) => boolean): ReadonlyMap<string, readonly string[]> {
  return new Map(
    Object.entries(SOURCE_KINDS as Record<string, SourceKind>).map(([name, kind]) => [
      name,
      Object.entries(kind.fields)
        .filter(([, f]) => test(f))
        .map(([field]) => field),
    ]),
  );
}

/** The date fields of each source kind. */
export const DATE_FIELDS = fieldsWhere((f) => f.type === "date");
/** The integer and number fields of each source kind. */
export const NUMERIC_FIELDS = fieldsWhere((f) => f.type === "integer" || f.type === "number");
/** The counts of persons of each source kind (`persons: true`). */
export const PERSONS_FIELDS = fieldsWhere((f) => f.persons === true);

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A normalised date value (`2021-03-07`), or undefined for a blank or anything else. */
export function isoDate(v: Value | undefined): string | undefined {
  return typeof v === "string" && ISO.test(v) ? v : undefined;
}
