import type { Condition } from "../../schema/project.js";

/** A condition in words, for a helper column's header: `event_type matches ^tie`. */
export function describeCondition(c: Condition): string {
  if ("equals" in c) return `${c.field} = ${String(c.equals)}`;
  if ("in" in c) return `${c.field} in ${c.in.join("/")}`;
  if ("not_in" in c) return `${c.field} not in ${c.not_in.join("/")}`;
  if ("present" in c) return `${c.field} ${c.present ? "present" : "blank"}`;
  return `${c.field} matches ${c.matches}`;
}
