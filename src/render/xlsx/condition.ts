import type { Condition } from "../../schema/project.js";
import type { Value } from "../../schema/kind.js";

/**
 * Whether a normalised value meets a `where` condition, as `/work/notes/compute.md` defines it:
 * `equals` is strict, a blank value is "not in", `present` means not null and not "", `matches` is a
 * case-insensitive regular expression on the text.
 */
export function conditionHolds(c: Condition, v: Value | undefined): boolean {
  const blank = v === null || v === undefined || v === "";
  if ("equals" in c) return v === c.equals;
  if ("in" in c) return !blank && (c.in as readonly Value[]).includes(v);
  if ("not_in" in c) return blank || !(c.not_in as readonly Value[]).includes(v);
  if ("present" in c) return c.present ? !blank : blank;
  if (blank) return false;
  try {
    return new RegExp(c.matches, "i").test(String(v));
  } catch {
    return false;
  }
}

/** A condition in words, for a helper column's header: `event_type matches ^tie`. */
export function describeCondition(c: Condition): string {
  if ("equals" in c) return `${c.field} = ${String(c.equals)}`;
  if ("in" in c) return `${c.field} in ${c.in.join("/")}`;
  if ("not_in" in c) return `${c.field} not in ${c.not_in.join("/")}`;
  if ("present" in c) return `${c.field} ${c.present ? "present" : "blank"}`;
  return `${c.field} matches ${c.matches}`;
}
