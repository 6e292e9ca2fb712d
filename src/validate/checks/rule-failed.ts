import type { Rule } from "../../schema/project.js";
import { checkedSets, type Check } from "../context.js";
import { figureFinding, sourceOf } from "../figure-finding.js";
import { FIGURE_SEXES, type Figure, type FigureSet, type FigureSex } from "../figures.js";
import { sameFigure } from "../numbers.js";
import { compileRules, type CompiledRule } from "../rules/compile.js";
import { evaluate, formatExpression } from "../rules/expression.js";

/** Whether `left operator right` holds, with spreadsheet tolerance for equality. */
export function compare(left: number, op: Rule["operator"], right: number): boolean {
  const same = sameFigure(left, right);
  switch (op) {
    case "==":
      return same;
    case "!=":
      return !same;
    case "<":
      return left < right && !same;
    case "<=":
      return left <= right || same;
    case ">":
      return left > right && !same;
    case ">=":
      return left >= right || same;
  }
}

/**
 * `rule-failed`: a rule of the project file (`rules:`) that does not hold, on the figures computed from
 * the raw sheets (phase) and on each partner's claims per period. A rule whose references name no sex
 * is checked for the total and for each sex (female, male, other) as separate findings; a rule that
 * names a sex anywhere is checked once, as written. Missing figures follow the rule's `missing`:
 * `skip-if-any-missing` (default), `skip-if-all-missing` (the rest count as 0), `never-skip` (missing
 * is 0; but a sex none of whose figures exist is not checked). A claims sheet that mentions none of the rule's indicators is not checked against it.
 * Findings on claims point at the claims cell of the first reference; the severity is the rule's.
 */
export const ruleFailed: Check = {
  code: "rule-failed",
  start(ctx) {
    const rules = compileRules(ctx.project);
    const check = (set: FigureSet, r: CompiledRule, sex: FigureSex) => {
      const figures = new Map<string, Figure | undefined>();
      const keyOf = (ref: CompiledRule["refs"][number]) => `${ref.code}[${ref.sex ?? sex},${ref.partner ?? ""}]`;
      for (const ref of r.refs) figures.set(keyOf(ref), set.get(ref.code, (ref.sex as FigureSex | undefined) ?? sex, ref.partner));
      const missing = r.refs.filter((ref) => !figures.get(keyOf(ref))).length;
      const strategy = r.rule.missing;
      if (missing > 0 && strategy === "skip-if-any-missing") return;
      // A sex that has no figure at all is not reported, whatever the strategy (a claims sheet with no `other` column).
      if (missing === r.refs.length && (strategy === "skip-if-all-missing" || sex !== "total")) return;
      const lookup = (ref: CompiledRule["refs"][number]) => figures.get(keyOf(ref))?.value ?? 0;
      const left = evaluate(r.left, lookup);
      const right = evaluate(r.right, lookup);
      if (left === undefined || right === undefined || compare(left, r.rule.operator, right)) return;
      const written = `${formatExpression(r.left, sex)} ${r.rule.operator} ${formatExpression(r.right, sex)}`;
      const title = r.rule.message ?? r.rule.name ?? `rules[${r.index}]`;
      const msg = `${title}: ${written}: ${ctx.formatNumber(left)} ${r.rule.operator} ${ctx.formatNumber(right)} is false (${sourceOf(set)})`;
      const at = r.refs.map((ref) => figures.get(keyOf(ref))).find((f) => f?.at) ?? undefined;
      ctx.report(
        figureFinding("rule-failed", at, msg, { severity: r.rule.severity, expected: `${r.rule.operator} ${right}`, actual: left, indicator: r.refs[0]?.code, partner: set.partner, note: missing ? `${missing} missing figure(s) counted as 0` : undefined }),
      );
    };
    return {
      finish(end) {
        for (const set of checkedSets(end)) {
          const codes = new Set(set.codes());
          for (const r of rules) {
            if (set.origin === "claimed" && !r.refs.some((ref) => codes.has(ref.code))) continue;
            for (const sex of r.sexed ? (["total"] as const) : FIGURE_SEXES) check(set, r, sex);
          }
        }
      },
    };
  },
};
