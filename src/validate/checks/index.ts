import type { Check } from "../context.js";
import { breakdownSum } from "./breakdown-sum.js";
import { claimMismatch } from "./claim-mismatch.js";
import { dateInFuture } from "./date-in-future.js";
import { dateOrder } from "./date-order.js";
import { dateOutOfPeriod } from "./date-out-of-period.js";
import { duplicatePerson } from "./duplicate-person.js";
import { duplicateRow } from "./duplicate-row.js";
import { funnelOrder } from "./funnel-order.js";
import { funnelSkip } from "./funnel-skip.js";
import { negativeCount } from "./negative-count.js";
import { nonIntegerCount } from "./non-integer-count.js";
import { outlier } from "./outlier.js";
import { ruleFailed } from "./rule-failed.js";
import { sexSum } from "./sex-sum.js";
import { totalRowMismatch } from "./total-row-mismatch.js";
import { unknownIndicator } from "./unknown-indicator.js";
import { unknownReference } from "./unknown-reference.js";

/**
 * Every validation check, in the order they run on a row: row checks, table checks, then the logframe
 * checks that run on figures at the end. Each code is an entry of `src/errors/catalog.ts`.
 */
export const CHECKS: readonly Check[] = [
  sexSum,
  negativeCount,
  nonIntegerCount,
  dateOutOfPeriod,
  dateInFuture,
  dateOrder,
  duplicateRow,
  duplicatePerson,
  unknownReference,
  outlier,
  totalRowMismatch,
  funnelOrder,
  funnelSkip,
  breakdownSum,
  claimMismatch,
  ruleFailed,
  unknownIndicator,
];
