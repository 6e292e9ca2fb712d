import { SOURCE_KINDS } from "../schema/kinds/index.js";
import { foldLabel } from "./fold.js";

/** Header spellings of every kind's identifying fields (name, phone, NID...), folded. */
const KIND_IDENTIFYING: ReadonlySet<string> = new Set(
  Object.values(SOURCE_KINDS).flatMap((kind) =>
    Object.entries(kind.fields).flatMap(([name, spec]) => ("identifying" in spec && spec.identifying ? [name, ...spec.aliases].map(foldLabel) : [])),
  ),
);

// Words of a header that mean it holds personal data, whatever the kind (built-in list).
const PERSON_WORDS = new Set(["phone", "mobile", "contact", "cell", "cellphone", "telephone", "tel", "whatsapp", "email", "nid", "passport", "brn", "address", "village", "para", "house"]);
const PERSON_PHRASES = ["national id", "birth registration", "birth reg", "birth certificate", "e mail"];
// Bengali: name, mobile, phone, address, village, national identity, NID, birth registration.
const BENGALI = ["নাম", "মোবাইল", "ফোন", "ঠিকানা", "গ্রাম", "জাতীয় পরিচয়", "এনআইডি", "জন্ম নিবন্ধন"];
// A `... name` header is a person's name unless it names a thing: `batch name`, `name of union`.
const THING_WORDS = new Set([
  "event", "batch", "trade", "course", "training", "union", "upazila", "upazilla", "district", "institution", "venue",
  "school", "college", "madrasa", "organisation", "organization", "partner", "indicator", "activity", "project",
  "program", "programme", "file", "sheet", "office", "company", "employer", "business", "market", "thana",
]);

/**
 * True when a folded header label names personal data: an identifying alias of any source kind, or the
 * built-in list (name, father's/mother's/husband's name, phone/mobile/contact, NID/national id/birth
 * registration, address/village), in English or Bengali.
 */
export function isIdentifyingLabel(folded: string): boolean {
  if (folded === "") return false;
  if (KIND_IDENTIFYING.has(folded)) return true;
  const words = folded.split(" ");
  if (words.some((w) => PERSON_WORDS.has(w))) return true;
  if (PERSON_PHRASES.some((p) => folded.includes(p))) return true;
  if (BENGALI.some((b) => folded.includes(b))) return true;
  if (words.includes("name") && !words.some((w) => THING_WORDS.has(w))) return true;
  return false;
}
