import { ReportingError } from "../../errors/reporting-error.js";
import type { ProjectFile, Rule } from "../../schema/project.js";
import { ExpressionError, parseExpression, refsOf, type Expr, type RefNode } from "./expression.js";

/** A rule of the project file, parsed. */
export interface CompiledRule {
  /** Position in `rules`, for messages (`rules[2]`). */
  index: number;
  rule: Rule;
  left: Expr;
  right: Expr;
  /** Every reference, left side first. */
  refs: RefNode[];
  /** True when some reference names a sex: the rule is then checked once, as written; else per sex. */
  sexed: boolean;
}

/**
 * Parse every rule's `left` and `right`. Throws `ReportingError` `project-invalid` naming each bad
 * expression and the column of the problem: `rules[2].left: unexpected ")" at column 14`.
 * @example compileRules(project).map((r) => r.refs.map((ref) => ref.code))
 */
export function compileRules(project: Pick<ProjectFile, "rules" | "partners">): CompiledRule[] {
  const partners = project.partners.map((p) => p.code);
  const problems: string[] = [];
  const out: CompiledRule[] = [];
  project.rules.forEach((rule, index) => {
    const side = (key: "left" | "right"): Expr | undefined => {
      try {
        return parseExpression(rule[key], partners);
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        problems.push(`rules[${index}].${key}: ${e.message} at column ${e.column}`);
        return undefined;
      }
    };
    const left = side("left");
    const right = side("right");
    if (!left || !right) return;
    const refs = [...refsOf(left), ...refsOf(right)];
    out.push({ index, rule, left, right, refs, sexed: refs.some((r) => r.sex !== undefined) });
  });
  if (problems.length) {
    throw new ReportingError("project-invalid", problems.join("\n"), "Rules compare indicator codes with + - * / and brackets, e.g. `1.1.active == 1.1.enrolled - 1.1.dropped` or `1.2.graduated[female] <= 1.2.tna[female]`.");
  }
  return out;
}
