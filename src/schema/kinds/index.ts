import type { SourceKind } from "../kind.js";
import { budgetAllocation } from "./budget-allocation.js";
import { eventAttendance } from "./event-attendance.js";
import { sppTargetAchievement } from "./spp-target-achievement.js";
import { survivorRegister } from "./survivor-register.js";
import { tspBatchStatus } from "./tsp-batch-status.js";

/** Every built-in source kind, by name. */
export const SOURCE_KINDS = {
  "survivor-register": survivorRegister,
  "tsp-batch-status": tspBatchStatus,
  "spp-target-achievement": sppTargetAchievement,
  "event-attendance": eventAttendance,
  "budget-allocation": budgetAllocation,
} as const satisfies Record<string, SourceKind>;

export type SourceKindName = keyof typeof SOURCE_KINDS;
export const SOURCE_KIND_NAMES = Object.keys(SOURCE_KINDS) as [SourceKindName, ...SourceKindName[]];

export { budgetAllocation, eventAttendance, sppTargetAchievement, survivorRegister, tspBatchStatus };
