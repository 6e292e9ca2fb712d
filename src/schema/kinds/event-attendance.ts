import { defineKind } from "../kind.js";

/** `event-attendance`: one row per awareness or coordination event, with attendance by sex (Output 2.1). */
export const eventAttendance = defineKind({
  name: "event-attendance",
  description: "One row per event: id, date, event type, union/upazila/district, venue, female, male, other, total, facilitator.",
  rowKey: ["date", "event_type", "venue", "female", "male", "other", "total"],
  sexColumns: { female: "female", male: "male", other: "other", total: "total" },
  fields: {
    event_id: { type: "id", aliases: ["event id", "id", "event no", "sl", "sl no"] },
    date: { type: "date", required: true, aliases: ["date", "event date", "date of event", "held on"] },
    event_type: { type: "text", required: true, aliases: ["event type", "type of event", "event", "activity", "activity type"] },
    union: { type: "text", aliases: ["union", "union parishad", "up"] },
    upazila: { type: "text", aliases: ["upazila", "upazilla", "thana"] },
    district: { type: "text", aliases: ["district", "zilla", "zila"] },
    venue: { type: "text", aliases: ["venue", "place", "location", "institution"] },
    female: { type: "integer", persons: true, aliases: ["female", "women", "girls", "f", "participants female", "female participants"] },
    male: { type: "integer", persons: true, aliases: ["male", "men", "boys", "m", "participants male", "male participants"] },
    other: { type: "integer", persons: true, aliases: ["other", "others", "third gender", "participants other"] },
    total: { type: "integer", persons: true, required: true, aliases: ["total", "participants total", "total participants", "grand total"] },
    facilitator: { type: "text", aliases: ["facilitator", "facilitated by", "resource person"] },
  },
});
