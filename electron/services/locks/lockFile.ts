import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ServiceError } from '../handlerTypes';
import { lockedMessage, type LockSubject } from './lockMessage';

/** The lock's name inside the folder it guards. */
export const LOCK_FILE = '.lock';
/** How often a holder touches its lock; a lock untouched for STALE_MS is abandoned (host asleep, other machine). */
export const HEARTBEAT_MS = 10_000;
export const STALE_MS = 60_000;

const ownerSchema = z.object({
  pid: z.number().int(),
  hostname: z.string(),
  app: z.enum(['app', 'cli']),
  startedAt: z.string(),
  /** Tells this holding apart from an earlier one by the same pid (pid reuse, a crash). */
  token: z.string(),
});
export type LockOwner = z.infer<typeof ownerSchema>;

export interface LockOptions {
  /** Who takes the lock; shown to the other opener. */
  app: 'app' | 'cli';
  /** What the folder is, for the message (a case, a send job). */
  subject: LockSubject;
  heartbeatMs?: number;
  staleMs?: number;
}

export interface HeldLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** False once another process took the lock over (we looked stale to it); writes should stop. */
  held(): boolean;
  release(): Promise<void>;
}

/** Another live process holds the folder; the message names it and says what to do. */
export class LockedError extends ServiceError {
  constructor(
    readonly owner: LockOwner,
    subject: LockSubject,
  ) {
    super('locked', lockedMessage(owner, subject));
  }
}

interface Holding {
  owner: LockOwner;
  refs: number;
  lost: boolean;
  timer: ReturnType<typeof setInterval>;
}

/** Locks this process holds, by file: re-entrant within a process, exclusive between processes. */
const holdings = new Map<string, Holding>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Best effort on a normal exit; a crash leaves the file, which the dead-pid rule then frees.
  process.on('exit', () => {
    for (const [file, h] of holdings) if (!h.lost) tryUnlinkSync(file);
  });
}

function tryUnlinkSync(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Whether a pid on this host is alive: signal 0 checks without sending; EPERM means alive but not ours. */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the lock of `dir` with its last heartbeat, or null when there is none. */
export async function readLock(dir: string): Promise<{ owner: LockOwner | null; heartbeatMs: number } | null> {
  const file = join(dir, LOCK_FILE);
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    let owner: LockOwner | null = null;
    try {
      owner = ownerSchema.parse(JSON.parse(text));
    } catch {
      owner = null;
    }
    return { owner, heartbeatMs: info.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Stale: the holder's pid is gone on this host (crash, kill -9), or the lock has had no
 * heartbeat for staleMs (holder on another machine sharing the folder, or frozen).
 */
export function isStale(
  lock: { owner: LockOwner | null; heartbeatMs: number },
  nowMs: number,
  staleMs: number = STALE_MS,
): boolean {
  if (nowMs - lock.heartbeatMs > staleMs) return true;
  const { owner } = lock;
  if (!owner) return false; // unreadable but fresh: someone is in the middle of something
  if (owner.hostname !== hostname()) return false;
  // Our own pid but not a lock we hold: left by an earlier process that had the same pid.
  if (owner.pid === process.pid) return !ownedHere(owner);
  return !pidAlive(owner.pid);
}

function ownedHere(owner: LockOwner): boolean {
  for (const h of holdings.values()) if (h.owner.token === owner.token) return true;
  return false;
}

/**
 * An advisory lock on a folder: `<dir>/.lock` holding pid, host, app or CLI and the start
 * time. Created whole or not at all (content written to a temp file, then hard-linked to the
 * lock name, which fails if the name exists: O_EXCL semantics without a half-written lock), kept
 * fresh by a heartbeat, taken over when stale. Throws LockedError while another process holds it.
 */
export async function acquireLock(dir: string, options: LockOptions): Promise<HeldLock> {
  const file = join(dir, LOCK_FILE);
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const staleMs = options.staleMs ?? STALE_MS;
  const mine = holdings.get(file);
  if (mine && !mine.lost) {
    mine.refs++;
    return handle(file, mine);
  }
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    app: options.app,
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await tryCreate(file, owner)) {
      installExitHook();
      const holding: Holding = { owner, refs: 1, lost: false, timer: startHeartbeat(file, owner, heartbeatMs) };
      holdings.set(file, holding);
      return handle(file, holding);
    }
    const current = await readLock(dir);
    if (!current) continue; // released meanwhile
    if (!isStale(current, Date.now(), staleMs)) {
      if (current.owner) throw new LockedError(current.owner, options.subject);
      // A lock file without readable content that is still fresh: give its writer a moment.
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    await takeOver(file, current.owner?.token ?? null);
  }
  const last = await readLock(dir);
  if (last?.owner) throw new LockedError(last.owner, options.subject);
  throw new ServiceError('locked', `Could not lock ${dir}: its lock file kept changing. Try again.`);
}

async function tryCreate(file: string, owner: LockOwner): Promise<boolean> {
  const temp = `${file}-${owner.token}.tmp`;
  const h = await open(temp, 'wx', 0o600);
  try {
    await h.writeFile(JSON.stringify(owner));
    await h.sync();
  } finally {
    await h.close();
  }
  try {
    await link(temp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Removes a stale lock without removing a fresh one that replaced it in between: move it
 * aside (atomic), check it is the one judged stale, and put it back if not.
 */
async function takeOver(file: string, staleToken: string | null): Promise<void> {
  const aside = `${file}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  let token: string | null = null;
  try {
    token = ownerSchema.parse(JSON.parse(await readFile(aside, 'utf8'))).token;
  } catch {
    token = null;
  }
  if (token !== staleToken) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function startHeartbeat(file: string, owner: LockOwner, every: number): ReturnType<typeof setInterval> {
  const timer = setInterval(() => {
    void (async () => {
      const holding = holdings.get(file);
      if (!holding || holding.owner.token !== owner.token) return;
      try {
        const now = new Date();
        const current = ownerSchema.parse(JSON.parse(await readFile(file, 'utf8')));
        if (current.token !== owner.token) throw new Error('taken over');
        await utimes(file, now, now);
      } catch {
        // Taken over or deleted: we looked stale (frozen, asleep). Stop claiming it.
        holding.lost = true;
        clearInterval(timer);
      }
    })();
  }, every);
  timer.unref();
  return timer;
}

function handle(file: string, holding: Holding): HeldLock {
  let released = false;
  return {
    file,
    owner: holding.owner,
    held: () => !released && !holding.lost && holdings.get(file) === holding,
    async release() {
      if (released) return;
      released = true;
      if (--holding.refs > 0) return;
      clearInterval(holding.timer);
      if (holdings.get(file) === holding) holdings.delete(file);
      if (holding.lost) return;
      try {
        const current = ownerSchema.parse(JSON.parse(await readFile(file, 'utf8')));
        if (current.token === holding.owner.token) await unlink(file);
      } catch {
        // already gone or replaced: nothing of ours to remove
      }
    },
  };
}

/** Runs `job` holding the lock of `dir`, released afterwards whatever happens. */
export async function withLock<T>(dir: string, options: LockOptions, job: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(dir, options);
  try {
    return await job();
  } finally {
    await lock.release();
  }
}
