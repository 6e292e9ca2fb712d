import { defineKind } from "../kind.js";

/**
 * `survivor-register`: one row per survivor enrolled by a service-provider partner (SPP), with the
 * date each service was received. Source of Outputs 1.1-1.3 and the survivor pathway funnel.
 */
export const survivorRegister = defineKind({
  name: "survivor-register",
  description: "One row per survivor: id, sex, age, location, enrolment and drop-out, counselling, ready-to-go, TNA, legal and health support.",
  personId: "survivor_id",
  rowKey: ["survivor_id"],
  fields: {
    survivor_id: { type: "id", required: true, aliases: ["survivor id", "survivor_id", "id", "case id", "case no", "survivor code", "sl id", "beneficiary id", "reg no", "registration no"] },
    name: { type: "text", identifying: true, aliases: ["name", "survivor name", "name of survivor", "full name", "beneficiary name"] },
    father_name: { type: "text", identifying: true, aliases: ["father name", "father's name", "fathers name", "husband name", "father/husband name"] },
    phone: { type: "text", identifying: true, aliases: ["phone", "mobile", "mobile no", "phone no", "contact", "contact no", "cell"] },
    national_id: { type: "text", identifying: true, aliases: ["nid", "national id", "nid no", "birth registration", "birth reg no"] },
    address: { type: "text", identifying: true, aliases: ["address", "village", "para", "house", "home address"] },
    sex: { type: "sex", required: true, aliases: ["sex", "gender", "sex (m/f)", "m/f"] },
    age: { type: "integer", aliases: ["age", "age (years)", "age in years"] },
    union: { type: "text", aliases: ["union", "union parishad", "up"] },
    upazila: { type: "text", aliases: ["upazila", "upazilla", "sub-district", "thana"] },
    district: { type: "text", aliases: ["district", "zilla", "zila"] },
    enrolment_date: { type: "date", required: true, aliases: ["enrolment date", "enrollment date", "date of enrolment", "date of enrollment", "enrolled on", "enrolled", "registration date"] },
    referred_by: { type: "text", aliases: ["referred by", "referral source", "source of referral", "identified by"] },
    status: { type: "category", required: true, aliases: ["status", "current status", "survivor status"], values: { active: ["active", "ongoing", "running", "enrolled"], dropped: ["dropped", "drop out", "dropout", "dropped out", "drop", "inactive"] } },
    dropout_date: { type: "date", aliases: ["drop-out date", "dropout date", "drop out date", "date of drop out", "dropped on"] },
    counselling_date: { type: "date", aliases: ["individual counselling", "counselling date", "individual counselling date", "first counselling", "psychosocial counselling date"] },
    family_counselling_date: { type: "date", aliases: ["family counselling", "family counselling date"] },
    family_members_female: { type: "integer", persons: true, aliases: ["family members female", "family members (female)", "family female"] },
    family_members_male: { type: "integer", persons: true, aliases: ["family members male", "family members (male)", "family male"] },
    trauma_counselling_date: { type: "date", aliases: ["trauma counselling", "trauma counselling date", "trauma counselling (expert)"] },
    ready_to_go_date: { type: "date", aliases: ["ready to go", "ready to go date", "rtg date", "ready-to-go certificate", "rtg certificate date"] },
    tna_date: { type: "date", aliases: ["tna", "tna date", "training need assessment", "date of tna"] },
    tna_by: { type: "category", aliases: ["tna by", "tna done by", "tna from"], values: { TSP: ["tsp"], SPP: ["spp", "mentor-mentee", "mentor mentee"] } },
    legal_support_date: { type: "date", aliases: ["legal support", "legal support date", "legal aid", "legal aid date"] },
    legal_support_via: { type: "category", aliases: ["legal support via", "legal aid via", "legal channel"], values: { LSP: ["lsp"], "pro-bono": ["pro bono", "pro-bono", "pro bono lawyer"] } },
    health_referral_date: { type: "date", aliases: ["health referral", "health support (referral)", "health referral date"] },
    health_gtt_date: { type: "date", aliases: ["health gtt", "health support (gtt)", "gtt", "gtt date"] },
    up_support_date: { type: "date", aliases: ["up support", "up livelihood support", "up iga support", "support from up"] },
    pran_support_date: { type: "date", aliases: ["pran-rfl support", "pran rfl", "pran support"] },
    brac_support_date: { type: "date", aliases: ["brac support", "brac migration support", "brac"] },
    ttc_counselling_date: { type: "date", aliases: ["ttc counselling", "counselled by ttc", "ttc counselling date"] },
    ttc_referral_date: { type: "date", aliases: ["ttc referral", "referred to ttc", "ttc driving referral"] },
  },
});
