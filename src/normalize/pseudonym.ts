import { createHmac } from "node:crypto";

/** The environment variable that holds the pseudonymisation key (never the project file). */
export const PSEUDONYM_KEY_ENV = "LOGFRAME_PSEUDONYM_KEY";

/**
 * A keyed hash of survivor ids (HMAC-SHA-256, first 12 hex digits, prefixed `P-`): the same id and
 * key give the same pseudonym in every run and every output, so a donor holding the outputs can still
 * reconcile persons across reports without ever seeing an id. Without the key it cannot be reversed.
 * @example createPseudonymiser("secret")("RJ-0412") // "P-…" (12 hex digits), the same every run
 */
export function createPseudonymiser(key: string): (id: string) => string {
  if (key.length < 16) throw new RangeError("the pseudonymisation key must be at least 16 characters");
  const seen = new Map<string, string>();
  return (id) => {
    let p = seen.get(id);
    if (p === undefined) {
      p = `P-${createHmac("sha256", key).update(id, "utf8").digest("hex").slice(0, 12)}`;
      seen.set(id, p);
    }
    return p;
  };
}
