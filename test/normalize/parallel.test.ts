import { afterEach, describe, expect, it, vi } from "vitest";
import { SegmentPool } from "../../src/normalize/segment-pool.js";
import { eventRows, type IngestEvent } from "../../src/schema/table.js";
import { ingestAll, memoryFile, projectWith } from "./helpers.js";

// Reading a large CSV in worker threads (`ingestSources(…, { batches: true, workers })`,
// src/normalize/parallel.ts) must hand over exactly the events one thread gives, whatever falls at
// the cuts between segments: here segments are a few kilobytes, so a file of ~300 KB has dozens.

async function read(csv: string, opts: { batches: boolean; workers?: number }, chunk = 4096): Promise<IngestEvent[]> {
  const project = projectWith("event-attendance", { path: "events.csv" });
  const events = await ingestAll(project, [memoryFile("events.csv", csv, chunk)], { ...opts, parallelMinBytes: 0, segmentBytes: 8 * 1024 });
  return events.flatMap((e): IngestEvent[] => (e.type === "batch" ? eventRows(e).map((row) => ({ type: "row", row })) : [e]));
}

const HEADER = "Event ID,Date,Event Type,Union,Venue,Female,Male,Other,Total,Facilitator";

function plainRows(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + from;
    const f = i % 50;
    const m = i % 30;
    return `EV-${i},2021-0${1 + (i % 9)}-1${i % 10},${["Video show", "Theatre show", "Courtyard meeting"][i % 3]},Sharsha,"School, ${i % 7}",${f},${m},${i % 10 === 0 ? "" : "0"},${f + m + (i % 97 === 0 ? 1 : 0)},Rahima`;
  });
}

describe("reading a large CSV in worker threads", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    { name: "plain rows", odd: {} as Record<number, string> },
    { name: "a blank line, a note, a total and a repeated header inside the data", odd: { 500: "", 900: "Note: figures provisional", 1400: ",,,,,10,20,,30", 2000: HEADER, 2600: "Total,,,,,100,200,0,300" } },
    { name: "cells that do not read (type errors, bad dates, blank required cells)", odd: { 700: "EV-x,2021-02-30,Video show,,School,1,2,0,3,", 1700: "EV-y,2021-01-05,,,School,one,2,0,3,", 2900: "EV-z,,Video show,,School,1,2,0,3," } },
    { name: "data under no header further right", odd: { 1000: "EV-q,2021-01-05,Video show,,School,1,2,0,3,Rahima,stray" } },
    { name: "quoted line breaks", odd: { 1200: 'EV-n,2021-01-05,Video show,,"Hall,\nupstairs",1,2,0,3,', 2400: 'EV-m,2021-01-05,"Video\r\nshow",,School,1,2,0,3,' } },
    { name: "blank lines at the end", odd: { 3999: "\n\n" } },
  ])("gives the events one thread gives, with $name", async ({ odd }) => {
    const spy = vi.spyOn(SegmentPool.prototype, "read");
    const rows = plainRows(4000).map((r, i) => odd[i] ?? r);
    const csv = [HEADER, ...rows].join("\n") + "\n";
    const one = await read(csv, { batches: false });
    const many = await read(csv, { batches: true, workers: 2 });
    expect(many).toEqual(one);
    expect(spy.mock.calls.length).toBeGreaterThan(10);
  });

  it("gives the events one thread gives when blank lines, notes and totals fall all over, cuts included", async () => {
    const rows = plainRows(6000).map((r, i) => (i % 37 === 5 ? "" : i % 53 === 7 ? "Note: provisional" : i % 101 === 9 ? "Total,,,,,100,200,0,300" : i % 89 === 3 ? "\n\n" : r));
    const csv = [HEADER, ...rows].join("\n") + "\n";
    for (const chunk of [4096, 1500]) expect(await read(csv, { batches: true, workers: 2 }, chunk)).toEqual(await read(csv, { batches: false }, chunk));
  });

  it("ends at a bare quote as one thread does: the rows before it, then read-failed", async () => {
    const rows = plainRows(3000);
    rows[2000] = 'EV-b,2021-01-05,Video show,,School 12",1,2,0,3,';
    const csv = [HEADER, ...rows].join("\n") + "\n";
    const one = await read(csv, { batches: false });
    const many = await read(csv, { batches: true, workers: 2 });
    expect(many).toEqual(one);
    expect(many.filter((e) => e.type === "finding").map((e) => e.type === "finding" && [e.finding.code, e.finding.row])).toContainEqual(["read-failed", 2002]);
  });

  it("reads the same when the file's chunks are Buffer views of one buffer (none may be handed to a worker whole)", async () => {
    const csv = [HEADER, ...plainRows(4000)].join("\n") + "\n";
    const all = Buffer.from(csv);
    const file = { path: "events.csv", size: all.length, readAll: async () => all, async *open() {
      for (let i = 0; i < all.length; i += 3000) yield all.subarray(i, i + 3000);
    } };
    const project = projectWith("event-attendance", { path: "events.csv" });
    const events = await ingestAll(project, [file], { batches: true, workers: 2, parallelMinBytes: 0, segmentBytes: 8 * 1024 });
    const rows = events.flatMap((e) => eventRows(e));
    expect(rows).toHaveLength(4000);
    expect(rows.map((r) => r.values["event_id"])).toEqual(plainRows(4000).map((r) => r.split(",")[0]));
    expect(all.toString()).toBe(csv);
  });

  it("reads the same with CRLF line ends and small chunks", async () => {
    const csv = [HEADER, ...plainRows(3000)].join("\r\n") + "\r\n";
    expect(await read(csv, { batches: true, workers: 2 }, 4096)).toEqual(await read(csv, { batches: false }, 4096));
  });
});
