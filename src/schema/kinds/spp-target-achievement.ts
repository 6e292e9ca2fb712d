import { defineKind } from "../kind.js";

/**
 * `spp-target-achievement`: the figures a partner *claims*, one row per indicator or activity per
 * period, as they appear in the report annex. Checked against the raw sheets (claim-mismatch).
 */
export const sppTargetAchievement = defineKind({
  name: "spp-target-achievement",
  description: "One row per indicator or activity per period: code, title, period, target and achievement by sex and total, remarks.",
  rowKey: ["code", "period"],
  sexColumns: { female: "achieved_female", male: "achieved_male", other: "achieved_other", total: "achieved_total" },
  fields: {
    code: { type: "id", required: true, aliases: ["code", "indicator code", "ref", "reference", "indicator ref", "sl"] },
    title: { type: "text", aliases: ["title", "indicator", "activity", "indicator/activity", "description"] },
    period: { type: "text", required: true, aliases: ["period", "reporting period", "quarter", "year"] },
    target_female: { type: "number", aliases: ["target female", "target (female)", "target f"] },
    target_male: { type: "number", aliases: ["target male", "target (male)", "target m"] },
    target_total: { type: "number", aliases: ["target total", "target (total)", "target"] },
    achieved_female: { type: "number", aliases: ["achievement female", "achieved female", "achievement (female)", "achievement f", "female"] },
    achieved_male: { type: "number", aliases: ["achievement male", "achieved male", "achievement (male)", "achievement m", "male"] },
    achieved_other: { type: "number", aliases: ["achievement other", "achieved other", "achievement (other)", "other"] },
    achieved_total: { type: "number", required: true, aliases: ["achievement total", "achieved total", "achievement (total)", "achievement", "total"] },
    remarks: { type: "text", aliases: ["remarks", "comment", "comments", "note", "notes"] },
  },
});
