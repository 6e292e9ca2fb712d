import type { SourceKind } from "../schema/kind.js";
import type { Source } from "../schema/project.js";
import { foldLabel } from "./fold.js";
import { isIdentifyingLabel } from "./identifying.js";

/**
 * What a header label means for a kind: a field, a column to drop (personal data; `field` names the
 * kind's identifying field when it is one), or nothing known.
 */
export type Resolution = { field: string; dropped: false } | { field?: string; dropped: true } | undefined;

/** Resolves header labels of one source to fields. Built once per source and kind. */
export interface LabelResolver {
  /** Resolve a label as written (it is folded here). */
  resolve(label: string): Resolution;
  /** The spellings tried for a field, for `missing-column` messages: the source's mapping first. */
  tried(field: string): string[];
}

/**
 * Build the resolver for a kind and a source's `columns` (field → the partner's header, which wins
 * over the built-in aliases) and `identifying` (headers to drop). Precedence: the source's
 * identifying list, then its mapping, then the kind's aliases (an identifying field is dropped), then
 * identifying headers of any kind and the built-in personal-data list.
 */
export function buildResolver(kind: SourceKind, source: Pick<Source, "columns" | "identifying">): LabelResolver {
  const dropped = new Set(source.identifying.map(foldLabel));
  const mapped = new Map<string, string>();
  for (const [field, header] of Object.entries(source.columns)) {
    if (kind.fields[field]) mapped.set(foldLabel(header), field);
  }
  const aliases = new Map<string, string>();
  for (const [field, spec] of Object.entries(kind.fields)) {
    for (const alias of [...spec.aliases, field]) {
      const key = foldLabel(alias);
      if (!aliases.has(key)) aliases.set(key, field);
    }
  }
  const asResolution = (field: string): Resolution => (kind.fields[field]?.identifying ? { field, dropped: true } : { field, dropped: false });
  return {
    resolve(label) {
      const key = foldLabel(label);
      if (key === "") return undefined;
      if (dropped.has(key)) return { dropped: true };
      const viaMapping = mapped.get(key);
      if (viaMapping) return asResolution(viaMapping);
      const viaAlias = aliases.get(key);
      if (viaAlias) return asResolution(viaAlias);
      return isIdentifyingLabel(key) ? { dropped: true } : undefined;
    },
    tried(field) {
      const own = source.columns[field];
      return [...(own ? [own] : []), ...(kind.fields[field]?.aliases ?? [])];
    },
  };
}
