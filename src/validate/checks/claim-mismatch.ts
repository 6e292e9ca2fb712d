import type { Check, EndContext } from "../context.js";
import { CLAIM_FIELDS, claimPlace, type ClaimedSet } from "../claims.js";
import { traceHint } from "../figure-finding.js";
import { FIGURE_SEXES, type FigureSet } from "../figures.js";
import { findingAt } from "../locate.js";
import { sameFigure } from "../numbers.js";

/**
 * `claim-mismatch`: a partner's claimed figure (spp-target-achievement: code, period, achieved by sex
 * and total) against what the raw sheets give for the same indicator, period and sex. The claimant is
 * compared with the whole project when it is the only partner of its type (an SPP's close-out report
 * speaks for the project, including the TSP's graduates), else with its own rows. The finding sits on
 * the claims cell and names both sources. Claims that cannot be compared (an unreadable period, an
 * indicator not computed from data) get one `claim-unchecked` note each.
 */
export const claimMismatch: Check = {
  code: "claim-mismatch",
  start(ctx) {
    const typeOf = new Map(ctx.project.partners.map((p) => [p.code, p.type]));
    const soleOfItsType = (partner: string) => ctx.project.partners.filter((p) => p.type === typeOf.get(partner)).length <= 1;
    const compareSet = (set: ClaimedSet, end: EndContext) => {
      const claimant = set.partner!;
      const periodId = end.periodOf(set.period);
      const computed: FigureSet | undefined = periodId === undefined ? undefined : end.computed.get(periodId);
      if (!computed) {
        const first = set.rows()[Symbol.iterator]().next().value;
        if (!first) return;
        const why = periodId === undefined ? `period "${set.period}" is not a period logframe understands (try phase, 2021Q3, FY2021-22, PY2)` : `figures for period ${periodId} were not computed in this run`;
        ctx.report(findingAt("claim-unchecked", first.table, first.row, "period", `${claimant}'s claims for "${set.period}" are not compared with the data: ${why}`));
        return;
      }
      const scope = soleOfItsType(claimant) ? undefined : claimant;
      for (const claim of set.rows()) {
        const place = ctx.indicators.get(claim.code);
        if (place && !place.indicator.compute && !place.indicator.formula) {
          ctx.report(findingAt("claim-unchecked", claim.table, claim.row, "code", `${claim.code} is not computed from source rows, so ${claimant}'s claim is not compared with the data`));
          continue;
        }
        for (const sex of FIGURE_SEXES) {
          const claimed = set.get(claim.code, sex);
          const actual = computed.get(claim.code, sex, scope);
          if (!claimed || !actual || sameFigure(claimed.value, actual.value)) continue;
          const tally = end.tally.get(claim.code, computed.period);
          const files = tally ? [...tally.files] : [];
          const from = tally
            ? `computed from ${tally.rows} row${tally.rows === 1 ? "" : "s"} of ${files.slice(0, 2).join(", ")}${files.length > 2 ? ` and ${files.length - 2} more file(s)` : ""}`
            : place?.indicator.formula
              ? `computed by the formula ${place.indicator.formula}`
              : "computed from the raw sheets";
          const whose = scope ? `${claimant}'s raw sheets give` : "the raw sheets give";
          const cell = claimPlace(claim, CLAIM_FIELDS[sex]!);
          const msg = `${claimant} claims ${ctx.formatNumber(claimed.value)} for ${claim.code} (${sex}, ${set.period}) at ${cell.sheet}!${cell.cell ?? `row ${cell.row}`}; ${whose} ${ctx.formatNumber(actual.value)}, ${from}; ${traceHint(claim.code, computed.period)}`;
          ctx.report(findingAt("claim-mismatch", claim.table, claim.row, CLAIM_FIELDS[sex], msg, { expected: actual.value, actual: claimed.value, indicator: claim.code }));
        }
      }
    };
    return {
      finish(end) {
        if (end.computed.size === 0) return;
        for (const set of end.claimed) compareSet(set, end);
      },
    };
  },
};
