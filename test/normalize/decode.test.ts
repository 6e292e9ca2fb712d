import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import type { SourceKindName } from "../../src/schema/kinds/index.js";
import { eventRows, type IngestEvent, type InputFile } from "../../src/schema/table.js";
import type { ColumnBatch } from "../../src/normalize/batch.js";
import { ingestSources } from "../../src/normalize/ingest.js";
import { ingestAll, memoryFile, projectWith } from "./helpers.js";

// The fast lane (`ingestSources(…, { batches: true })`, src/normalize/decode.ts) must hand over
// exactly what the row-by-row normalizer gives: the same rows with the same values, the same totals
// and findings, in the same order. These tests read the same CSV bytes both ways and compare.

/** Rows handed over in batches, and all rows, over a test's reads (so a test can show the fast lane ran). */
const lane = { batched: 0, rows: 0 };

/**
 * The events of a CSV read one way or the other, batches opened into their rows as each comes (as a
 * `transient` stream must be used: its batches point into read buffers that are then reused).
 */
async function read(kind: SourceKindName, csv: string, batches: boolean, chunk: number, source = {}, transient = false): Promise<IngestEvent[]> {
  const project = projectWith(kind, { path: "data.csv", ...source });
  const out: IngestEvent[] = [];
  for await (const e of ingestSources([{ source: project.sources[0]!, index: 0, files: [memoryFile("data.csv", csv, chunk)] }], project, { batches, transient })) {
    if (e.type === "batch") lane.batched += e.batch.size;
    if (e.type === "batch" || e.type === "row") lane.rows += e.type === "batch" ? e.batch.size : 1;
    out.push(...(e.type === "batch" ? eventRows(e).map((row): IngestEvent => ({ type: "row", row })) : [e]));
  }
  return out;
}

/** The CSV read row by row, in batches, and in batches through reused read buffers: the same events. */
async function expectSame(kind: SourceKindName, csv: string, chunk = 1 << 20, source = {}): Promise<IngestEvent[]> {
  const slow = await read(kind, csv, false, chunk, source);
  const fast = await read(kind, csv, true, chunk, source);
  expect(fast).toEqual(slow);
  expect(await read(kind, csv, true, chunk, source, true)).toEqual(slow);
  return fast;
}

const csvField = (v: string) => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);

// ── Event sheets: cells drawn from plain values and from every quirk the normalizer knows ──

const date = fc.oneof(
  { weight: 8, arbitrary: fc.date({ min: new Date("2018-01-01"), max: new Date("2024-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  fc.constantFrom("", " ", "-", "05/01/2021", "13/01/2021", "03/04/2021", "31/02/2021", "2021-02-30", "৫/১/২০২১", "44205", "Total", "Sub-total", "yesterday", " 2021-03-04", "2021-03-04 "),
);
const count = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 400 }).map(String) },
  fc.constantFrom("", " ", "-", "1,978", "12.5", "-3", "007", "৪২", "twenty", " 12", "12 ", "1e3", "99999999999999999", "-0", "0.0"),
);
const text = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("Courtyard meeting", "School awareness session", "Video show", "Theatre show") },
  fc.constantFrom("", " ", "  Video show  ", "video SHOW", "Sharsha, Jashore", 'Md. Abdul "Babu" Karim', "মহিলা সভা", "Hall\nupstairs", "Total", "Grand total", "Prepared by: M. Rahman", "=SUM(A1)", "\u00a0Video show"),
);
const id = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 99999 }).map((n) => `EV-${n}`) }, fc.constantFrom("", " ", "EV-1 ", "Total", "Sub-total", "১২৩"));

const EVENT_HEADER = ["Event ID", "Date", "Event Type", "Union", "Venue", "Female", "Male", "Other", "Total", "Facilitator"];
const eventRow = fc.tuple(id, date, text, text, text, count, count, count, count, text);
const oddRow = fc.constantFrom(
  [],
  [""],
  ["Total", "", "", "", "", "100", "200", "0", "300"],
  ["", "", "", "", "", "10", "20", "", "30"],
  ["Prepared by: M. Rahman"],
  ["Note: provisional"],
  EVENT_HEADER,
  ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],
  ["EV-9", "2021-01-05", "Video show", "", "School", "1", "2", "0", "3", "", "extra"],
);
const eventTable = fc.array(fc.oneof({ weight: 12, arbitrary: eventRow.map((r) => [...r]) }, oddRow.map((r) => [...r])), { minLength: 40, maxLength: 150 });

function eventCsv(rows: string[][], eol: string): string {
  return [EVENT_HEADER, ...rows].map((r) => r.map(csvField).join(",")).join(eol) + eol;
}

describe("the fast lane reads CSV sheets exactly as the normalizer does", () => {
  beforeEach(() => {
    lane.batched = lane.rows = 0;
  });

  it("gives the same events for random event sheets with every kind of odd cell and row", async () => {
    await fc.assert(
      fc.asyncProperty(eventTable, fc.constantFrom("\n", "\r\n"), fc.constantFrom(1 << 20, 64, 7), async (rows, eol, chunk) => {
        await expectSame("event-attendance", eventCsv(rows, eol), chunk);
      }),
      { seed: 20261201, numRuns: 150 },
    );
    // Most generated rows are plain, so most must have taken the fast lane (the rest the normalizer).
    expect(lane.batched / lane.rows).toBeGreaterThan(0.2);
  });

  it("gives each row's own text from a batch's text columns asked for as codes, and the same rows after", async () => {
    const textFields = ["event_id", "date", "event_type", "union", "venue", "facilitator"];
    await fc.assert(
      fc.asyncProperty(eventTable, fc.boolean(), async (rows, transient) => {
        const csv = eventCsv(rows, "\n");
        const project = projectWith("event-attendance", { path: "data.csv" });
        const out: IngestEvent[] = [];
        for await (const e of ingestSources([{ source: project.sources[0]!, index: 0, files: [memoryFile("data.csv", csv, 64)] }], project, { batches: true, transient })) {
          if (e.type !== "batch") {
            out.push(e);
            continue;
          }
          // Codes first (a text column's spans give way to them), then the rows.
          const coded = textFields.flatMap((f) => {
            const c = e.batch.codes?.(f);
            return c ? [{ f, values: [...c.codes].map((k) => (k < 0 ? null : c.dict[k]!)) }] : [];
          });
          const opened = eventRows(e);
          for (const { f, values } of coded) expect(values).toEqual(opened.map((r) => r.values[f] ?? null));
          out.push(...opened.map((row): IngestEvent => ({ type: "row", row })));
        }
        expect(out).toEqual(await read("event-attendance", csv, false, 64));
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it("keeps a batch's columns as codes for later consumers once one consumer has asked for their values", async () => {
    const body = Array.from({ length: 60 }, (_, i) => [`EV-${i}`, `2021-01-${String((i % 28) + 1).padStart(2, "0")}`, i % 2 ? "Video show" : "Theatre show", "Sharsha", "School", "1", "2", "0", "3", "Rahim"]);
    const csv = [EVENT_HEADER, ...body].map((r) => r.join(",")).join("\n") + "\n";
    const project = projectWith("event-attendance", { path: "data.csv" });
    let batches = 0;
    for await (const e of ingestSources([{ source: project.sources[0]!, index: 0, files: [memoryFile("data.csv", csv)] }], project, { batches: true })) {
      if (e.type !== "batch") continue;
      batches++;
      for (const f of ["date", "event_type"]) {
        const values = e.batch.values(f)!;
        const codes = e.batch.codes?.(f);
        // A date check reads values; the engine and duplicate-row after it still read codes, the same values.
        expect(codes).toBeDefined();
        expect([...codes!.codes].map((k) => (k < 0 ? null : codes!.dict[k]!))).toEqual(values);
        expect(e.batch.values(f)).toBe(values);
      }
    }
    expect(batches).toBeGreaterThan(0);
  });

  /** Each batch of the CSV as it arrives (how it holds `field`), with `field`'s codes taken from it, and the rows. */
  async function readTakingCodes(csv: string, field: string): Promise<{ kinds: (string | undefined)[]; events: IngestEvent[] }> {
    const project = projectWith("event-attendance", { path: "data.csv" });
    const kinds: (string | undefined)[] = [];
    const events: IngestEvent[] = [];
    for await (const e of ingestSources([{ source: project.sources[0]!, index: 0, files: [memoryFile("data.csv", csv, 4096)] }], project, { batches: true, transient: true })) {
      if (e.type !== "batch") {
        events.push(e);
        continue;
      }
      const b = e.batch as ColumnBatch;
      kinds.push(b.kindOf(field));
      const c = b.codes(field);
      const opened = eventRows(e);
      if (c) expect([...c.codes].map((k) => (k < 0 ? null : c.dict[k]!))).toEqual(opened.map((r) => r.values[field] ?? null));
      events.push(...opened.map((row): IngestEvent => ({ type: "row", row })));
    }
    return { kinds, events };
  }

  it("reads a text column as codes once a consumer has taken its codes, with the same values (spaced spellings too)", async () => {
    const types = ["Video show", "Theatre show", "  Video show  ", "Courtyard meeting", "Video show "];
    const rows = Array.from({ length: 5000 }, (_, i) => [`EV-${i}`, "2021-01-05", types[i % 5]!, "Sharsha", "School", "1", "2", "0", "3", "Rahima"]);
    const csv = eventCsv(rows, "\n");
    const { kinds, events } = await readTakingCodes(csv, "event_type");
    // The first batches hold spans (nobody has asked yet, and a chunk's batches are read before the
    // first is used); the ones after are coded as they are read.
    expect(kinds[0]).toBe("lazy");
    expect(kinds.slice(2)).toEqual(kinds.slice(2).map(() => "coded"));
    expect(kinds.length).toBeGreaterThan(3);
    expect(events).toEqual(await read("event-attendance", csv, false, 4096));
  });

  it("goes back to spans once a coded text column's dictionary is full, with the same values", async () => {
    const rows = Array.from({ length: 9000 }, (_, i) => [`EV-${i}`, "2021-01-05", "Video show", "Sharsha", `School ${i < 2048 ? i % 7 : i}`, "1", "2", "0", "3", "Rahima"]);
    const csv = eventCsv(rows, "\n");
    const { kinds, events } = await readTakingCodes(csv, "venue");
    // Coded while the venues repeat; spans again after 4,096 distinct ones.
    expect(kinds[0]).toBe("lazy");
    expect(kinds).toContain("coded");
    expect(kinds.at(-1)).toBe("lazy");
    expect(events).toEqual(await read("event-attendance", csv, false, 4096));
  });

  it("gives the same events for a long plain sheet, which it reads in batches", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`EV-${i}`, `2021-0${1 + (i % 9)}-1${i % 10}`, ["Video show", "Theatre show"][i % 2]!, "Sharsha", "School", `${i % 50}`, `${i % 30}`, i % 10 === 0 ? "" : "0", `${(i % 50) + (i % 30)}`, "Rahima"]);
    const csv = eventCsv(rows, "\n");
    const events = await read("event-attendance", csv, true, 1 << 20);
    expect(events.filter((e) => e.type === "row")).toHaveLength(3000);
    const raw = await ingestAll(projectWith("event-attendance", { path: "data.csv" }), [memoryFile("data.csv", csv)], { batches: true });
    expect(raw.filter((e) => e.type === "batch").length).toBeGreaterThan(1);
    await expectSame("event-attendance", csv);
  });

  it("reads a long sheet through a few reused buffers when the stream is transient, with the same events (batches' arrays reused too)", async () => {
    // Chunks of 16 KB (the parser reads the first 4 KB of each from a copy, with the record split
    // across the boundary; the rest where it lies), so each batch of 1,024 rows points into ~5
    // chunks: a buffer read into again too early changes the text of rows not yet handed over.
    const rows = Array.from({ length: 20000 }, (_, i) => [`EV-${i}`, `2021-0${1 + (i % 9)}-1${i % 10}`, ["Video show", "Theatre show"][i % 2]!, `Union ${i % 13}`, `School ${i}`, `${i % 50}`, `${i % 30}`, "0", `${(i % 50) + (i % 30)}`, `Facilitator ${i % 97}`]);
    const csv = eventCsv(rows, "\n");
    const project = projectWith("event-attendance", { path: "data.csv" });
    const buffers = new Set<Uint8Array>();
    const file = memoryFile("data.csv", csv, 16384);
    const counted: InputFile = { ...file, open: (into) => file.open(into && { take: () => { const b = into.take(); buffers.add(b); return b; } }) };
    const got: IngestEvent[] = [];
    let batches = 0;
    const memory = new Set<unknown>();
    for await (const e of ingestSources([{ source: project.sources[0]!, index: 0, files: [counted] }], project, { batches: true, transient: true })) {
      if (e.type === "batch") {
        batches++;
        memory.add((e.batch as ColumnBatch).buffers.ints);
      }
      got.push(...(e.type === "batch" ? eventRows(e).map((row): IngestEvent => ({ type: "row", row })) : [e]));
    }
    expect(batches).toBeGreaterThan(15);
    expect(got).toEqual(await read("event-attendance", csv, false, 16384));
    // ~100 chunks read through the buffers one batch spans, and a few more.
    expect(csv.length / 16384).toBeGreaterThan(90);
    expect(buffers.size).toBeLessThan(16);
    // The batches of one read are written into again once used: a few sets of arrays for them all.
    expect(memory.size).toBeLessThan(5);
  });

  it("gives every batch arrays of its own when the stream is not transient (batches may be kept)", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`EV-${i}`, "2021-01-05", "Video show", "Sharsha", "School", `${i % 50}`, "1", "0", `${(i % 50) + 1}`, "Rahima"]);
    const events = await ingestAll(projectWith("event-attendance", { path: "data.csv" }), [memoryFile("data.csv", eventCsv(rows, "\n"), 4096)], { batches: true });
    const kept = events.flatMap((e) => (e.type === "batch" ? [e.batch as ColumnBatch] : []));
    expect(kept.length).toBeGreaterThan(3);
    expect(new Set(kept.map((b) => b.buffers.ints)).size).toBe(kept.length);
    // Read after the whole stream: still each row's own numbers.
    const female = (b: ColumnBatch) => Array.from({ length: b.size }, (_, i) => b.numbers("female")![i]);
    expect(kept.flatMap(female)).toEqual(kept.flatMap((b) => Array.from({ length: b.size }, (_, i) => Number(rows[b.rows[i]! - 2]![5]))));
  });

  it("gives the same events when a sheet has data under a blank header or beyond its last label", async () => {
    const header = ["Date", "", "Event Type", "Female", "Male", "Total"];
    const body = Array.from({ length: 60 }, (_, i) => ["2021-01-05", i === 40 ? "stray" : "", "Video show", "1", "2", i === 50 ? "3,extra" : "3"]);
    await expectSame("event-attendance", [header, ...body].map((r) => r.join(",")).join("\n") + "\n");
  });

  it("gives the same events when the only key cell of a row is a Total label (a sheet without a date column)", async () => {
    const body = Array.from({ length: 50 }, (_, i) => [`EV-${i}`, "Video show", "1", "2", "3"]);
    const csv = [["Event ID", "Event Type", "Female", "Male", "Total"], ...body, ["Grand total", "Video show", "50", "100", "150"], ["EV-99", "Video show", "1", "2", "3"]].map((r) => r.join(",")).join("\n") + "\n";
    const events = await expectSame("event-attendance", csv);
    expect(events.filter((e) => e.type === "total")).toHaveLength(1);
  });

  it("gives the same events when the last row is a short note-like row (dropped, as notes below the data are)", async () => {
    const body = Array.from({ length: 50 }, (_, i) => [`RJ-${i}`, "F", "2021-01-05"]);
    const csv = [["Survivor ID", "Sex", "Enrolment Date"], ...body, ["* RJ-99 (late entry)", "F", "2021-01-05"]].map((r) => r.join(",")).join("\n") + "\n";
    const events = await expectSame("survivor-register", csv);
    expect(events.filter((e) => e.type === "row")).toHaveLength(50);
  });

  it("gives the same events when the last row starts like a note and fills three cells of a wider sheet (dropped, never data)", async () => {
    const body = Array.from({ length: 50 }, (_, i) => [`EV-${i}`, "Video show", "Sharsha", "1", "2", "3"]);
    const note = ["Prepared by: M. Rahman", "Video show", "", "", "", "3"];
    const csv = [["Event ID", "Event Type", "Union", "Female", "Male", "Total"], ...body, note].map((r) => r.join(",")).join("\n") + "\n";
    const events = await expectSame("event-attendance", csv);
    expect(events.filter((e) => e.type === "row")).toHaveLength(50);
    expect(lane.batched).toBeGreaterThan(0);
  });

  it("gives the same events for survivor registers, with sexes, categories and dates to read", async () => {
    const sex = fc.constantFrom("F", "M", "Female", "male", "hijra", "", "unknown", "fmale", "মহিলা", " F ");
    const status = fc.constantFrom("Active", "Dropped", "active", "", "gone");
    const row = fc.tuple(fc.integer({ min: 1, max: 500 }).map((n) => `RJ-${n}`), sex, fc.integer({ min: 10, max: 60 }).map(String), date, status, date);
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 40, maxLength: 100 }), async (rows) => {
        const csv = [["Survivor ID", "Name", "Sex", "Age", "Enrolment Date", "Status", "Counselling Date"], ...rows.map(([a, b, c, d, e, f]) => [a, "Ayesha", b, c, d, e, f])].map((r) => r.map(csvField).join(",")).join("\n") + "\n";
        await expectSame("survivor-register", csv);
      }),
      { seed: 20261202, numRuns: 60 },
    );
    expect(lane.batched).toBeGreaterThan(0);
  });

  it("gives the same events when dates are read month first or the order is inferred", async () => {
    const body = Array.from({ length: 80 }, (_, i) => [`EV-${i}`, i < 40 ? "03/04/2021" : i === 40 ? "25/04/2021" : `0${1 + (i % 9)}/0${1 + (i % 8)}/2021`, "Video show", "", "School", "1", "2", "0", "3", ""]);
    const csv = eventCsv(body, "\n");
    await expectSame("event-attendance", csv, 1 << 20, { date_order: "mdy" });
    await expectSame("event-attendance", csv, 1 << 20, { date_order: "auto" });
  });
});
