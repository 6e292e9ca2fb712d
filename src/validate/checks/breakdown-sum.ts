import { checkedSets, type Check } from "../context.js";
import { figureFinding, sourceOf, traceHint } from "../figure-finding.js";
import { FIGURE_SEXES } from "../figures.js";
import { sameFigure } from "../numbers.js";

/**
 * `breakdown-sum`: the parts of each declared breakdown must add up to the whole (graduates by training
 * type; wage + self placements), per sex, on computed figures and on each partner's claims. A sex is
 * checked only when the whole and every part have a figure for it.
 */
export const breakdownSum: Check = {
  code: "breakdown-sum",
  start(ctx) {
    return {
      finish(end) {
        for (const set of checkedSets(end)) {
          for (const b of ctx.project.breakdowns) {
            for (const sex of FIGURE_SEXES) {
              const whole = set.get(b.whole, sex);
              const parts = b.parts.map((code) => ({ code, figure: set.get(code, sex) }));
              if (!whole || parts.some((p) => !p.figure)) continue;
              const sum = parts.reduce((acc, p) => acc + p.figure!.value, 0);
              if (sameFigure(sum, whole.value)) continue;
              const terms = parts.map((p) => `${p.code} ${ctx.formatNumber(p.figure!.value)}`).join(" + ");
              const hint = set.origin === "computed" ? `; ${traceHint(b.whole, set.period)}` : "";
              const name = b.name ? `${b.name}, ` : "";
              const msg = `${name}${sex}: ${terms} = ${ctx.formatNumber(sum)}, but ${b.whole} is ${ctx.formatNumber(whole.value)} (${sourceOf(set)})${hint}`;
              ctx.report(figureFinding("breakdown-sum", whole, msg, { expected: sum, actual: whole.value, indicator: b.whole, partner: set.partner }));
            }
          }
        }
      },
    };
  },
};
