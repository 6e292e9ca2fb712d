import * as z from "zod";

/** How a cell of a field is read and normalised. */
export const FIELD_TYPES = ["id", "text", "integer", "number", "date", "sex", "category", "boolean"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** One column of a source kind. */
export interface FieldSpec {
  type: FieldType;
  /** Header spellings partners use, lower-case; matched after folding case, spaces and punctuation. */
  aliases: readonly string[];
  required?: boolean;
  /** For `category`: the allowed values, each with its own spellings. */
  values?: Readonly<Record<string, readonly string[]>>;
  /** A count of persons: must be a whole number and not negative. */
  persons?: boolean;
  /** Identifies a person (name, phone, address, national id): dropped at read time, never output. */
  identifying?: boolean;
  description?: string;
}

/** A built-in kind of partner spreadsheet: its fields, and how to recognise its header. */
export interface SourceKind {
  name: string;
  description: string;
  fields: Readonly<Record<string, FieldSpec>>;
  /** The field that identifies a person, for unique counting. */
  personId?: string;
  /** Fields that hold a count per sex plus a total (event rows), for sex-sum checks and sums. */
  sexColumns?: { female: string; male: string; other?: string; total: string };
  /** Fields used to decide whether two rows are the same record (duplicate-row). */
  rowKey?: readonly string[];
}

/** Identity helper that keeps the literal field names of a kind. */
export function defineKind<K extends SourceKind>(kind: K): K {
  return kind;
}

/** A normalised cell value: text, a number, an ISO date (`2021-03-07`), a boolean, or blank. */
export const ValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Value = z.infer<typeof ValueSchema>;

/** The zod schema of a kind's normalised row, derived from its field specs. */
export function rowSchema(kind: SourceKind): z.ZodObject<Record<string, z.ZodType<Value>>> {
  const shape: Record<string, z.ZodType<Value>> = {};
  for (const [name, spec] of Object.entries(kind.fields)) {
    if (spec.identifying) continue;
    const base = valueSchemaFor(spec);
    shape[name] = spec.required ? base : base.nullable();
  }
  return z.object(shape);
}

function valueSchemaFor(spec: FieldSpec): z.ZodType<Value> {
  switch (spec.type) {
    case "integer":
      return z.number().int();
    case "number":
      return z.number();
    case "date":
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
    case "boolean":
      return z.boolean();
    case "category":
      return z.enum(Object.keys(spec.values ?? {}) as [string, ...string[]]);
    case "sex":
      return z.enum(["female", "male", "other", "unknown"]);
    default:
      return z.string();
  }
}
