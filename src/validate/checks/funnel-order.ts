import { checkedSets, type Check } from "../context.js";
import { figureFinding, sourceOf, traceHint } from "../figure-finding.js";
import { FIGURE_SEXES, type Figure, type FigureSet, type FigureSex } from "../figures.js";

/**
 * `funnel-order`: along `funnel` (enrolled ≥ counselled ≥ ready-to-go ≥ TNA ≥ graduated ≥ placed), a
 * stage may not have more people than the stage before it. Checked per sex, on the figures computed
 * from the raw sheets (project-wide and per partner) and on each partner's claims per period. A stage
 * without a figure is passed over (the next one is compared with the last that had one); per partner,
 * a partner with no one at the earlier stage (a TSP has no register) is not compared.
 */
export const funnelOrder: Check = {
  code: "funnel-order",
  start(ctx) {
    const stages = ctx.project.funnel.filter((code) => ctx.indicators.has(code));
    const check = (set: FigureSet, sex: FigureSex, partner: string | undefined) => {
      let prev: { code: string; figure: Figure } | undefined;
      for (const code of stages) {
        const figure = set.get(code, sex, partner);
        if (!figure) continue;
        if (prev && figure.value > prev.figure.value && !(partner !== undefined && prev.figure.value === 0)) {
          const who = [partner, sex === "total" ? "total" : sex].filter(Boolean).join(" ");
          const hint = set.origin === "computed" ? `; ${traceHint(code, set.period)}` : "";
          const msg = `${who}: ${ctx.formatNumber(figure.value)} at ${code} but ${ctx.formatNumber(prev.figure.value)} at the earlier stage ${prev.code} (${sourceOf(set)})${hint}`;
          ctx.report(figureFinding("funnel-order", figure, msg, { expected: `<= ${prev.figure.value}`, actual: figure.value, indicator: code, partner: partner ?? set.partner }));
        }
        prev = { code, figure };
      }
    };
    return {
      finish(end) {
        if (stages.length < 2) return;
        for (const set of checkedSets(end)) {
          const scopes = set.origin === "computed" ? [undefined, ...set.partners] : [undefined];
          for (const partner of scopes) for (const sex of FIGURE_SEXES) check(set, sex, partner);
        }
      },
    };
  },
};
