import { randomBytes } from "node:crypto";
import { closeSync, unlinkSync } from "node:fs";
import { open, readdir, rename, unlink } from "node:fs/promises";
import path from "node:path";

/** Temp files being written now: removed on exit and on SIGINT/SIGTERM/SIGHUP. */
const pending = new Map<string, number | undefined>();
let installed = false;

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

function cleanupSync(): void {
  for (const [file, fd] of pending) {
    try {
      if (fd !== undefined) closeSync(fd);
    } catch {
      /* already closed */
    }
    try {
      unlinkSync(file);
    } catch {
      /* already gone */
    }
  }
  pending.clear();
}

function onSignal(signal: keyof typeof SIGNALS): void {
  cleanupSync();
  process.stderr.write(`\nlogframe: stopped by ${signal}; no report file was changed.\n`);
  process.exit(SIGNALS[signal]);
}

/** Install the exit and signal handlers once, the first time a file is written. */
function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.on("exit", cleanupSync);
  for (const s of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) process.on(s, () => onSignal(s));
}

/** The temp-file name pattern for a target: hidden, in the same directory, with our pid. */
export function tempName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

const TEMP_RE = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Remove temp files a killed run left next to `target` (SIGKILL cannot be handled): ours, for this
 * target, whose process is gone.
 */
export async function removeStaleTemps(target: string): Promise<void> {
  const dir = path.dirname(target);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || m[1] !== path.basename(target)) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && isAlive(pid)) continue;
    await unlink(path.join(dir, name)).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Write a file atomically: the bytes go to a temp file in the same directory, are flushed to disk
 * (fsync), then renamed over the target, so the target is either the old file, byte for byte, or the
 * complete new one. A failure, SIGINT or SIGTERM mid-write removes the temp file and leaves the
 * target untouched.
 * @example await writeAtomic("out/ashshash-closeout-phase.docx", bytes)
 */
export async function writeAtomic(target: string, data: Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
  installHandlers();
  const tmp = tempName(target);
  pending.set(tmp, undefined);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(tmp, "wx", 0o644);
    pending.set(tmp, handle.fd);
    if (data instanceof Uint8Array) await handle.writeFile(data);
    else for await (const chunk of data) await handle.write(chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    pending.set(tmp, undefined);
    await rename(tmp, target);
    pending.delete(tmp);
    await syncDir(path.dirname(target));
  } catch (e) {
    await handle?.close().catch(() => undefined);
    pending.delete(tmp);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Flush the directory entry of the rename (best effort: not every platform can open a directory). */
async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, "r");
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    /* Windows and some file systems refuse: the rename itself is still atomic. */
  }
}
