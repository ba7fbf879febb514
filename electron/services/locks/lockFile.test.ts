import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, LOCK_FILE, LockedError, readLock } from './lockFile';
import { lockedMessage, sinceText } from './lockMessage';
import { buildHolder, exited, startHolder as spawnHolder } from './testing/spawnHolder';

let work: string;
let childJs: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lp-lock-'));
  childJs = await buildHolder(work);
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
const freshDir = () => mkdtempSync(join(work, `case-${n++}-`));

function startHolder(dir: string, app: 'app' | 'cli' = 'app', heartbeatMs = 10_000) {
  const h = spawnHolder(childJs, dir, app, heartbeatMs);
  children.push(h.child);
  return h;
}

describe('advisory folder lock between processes', () => {
  it('a second opener is refused with who holds it, where and since when', async () => {
    const dir = freshDir();
    const holder = startHolder(dir, 'app');
    const line = await holder.firstLine;
    expect(line).toBe(`held ${holder.child.pid}`);

    const err = await acquireLock(dir, { app: 'app', subject: 'case' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockedError);
    expect((err as LockedError).code).toBe('locked');
    expect((err as Error).message).toMatch(
      new RegExp(
        `^This case is open in LiverPlan \\(pid ${holder.child.pid} on host ${hostname().replace(/\./g, '\\.')} since \\d\\d:\\d\\d\\)\\. Close it there first`,
      ),
    );
    // A third process (the CLI) is refused too, and the lock still names the first holder.
    const cli = startHolder(dir, 'cli');
    expect(await cli.firstLine).toMatch(
      new RegExp(`^locked This case is open in LiverPlan \\(pid ${holder.child.pid} `),
    );
    expect((await readLock(dir))?.owner?.pid).toBe(holder.child.pid);

    // Released on a clean close: the next opener gets it.
    holder.child.stdin!.end();
    await exited(holder.child);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const lock = await acquireLock(dir, { app: 'cli', subject: 'case' });
    expect(lock.held()).toBe(true);
    await lock.release();
  }, 30_000);

  it('takes over the lock of a process that died without releasing it (same host, pid gone)', async () => {
    const dir = freshDir();
    const holder = startHolder(dir, 'app');
    expect(await holder.firstLine).toMatch(/^held /);
    holder.child.kill('SIGKILL');
    await exited(holder.child);
    expect((await readLock(dir))?.owner?.pid).toBe(holder.child.pid); // left behind by the kill

    const lock = await acquireLock(dir, { app: 'app', subject: 'case' });
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      app: 'app',
    });
    await lock.release();
  }, 30_000);

  it('a lock from another host is honoured while its heartbeat is fresh and taken over once it stops', async () => {
    const dir = freshDir();
    const file = join(dir, LOCK_FILE);
    const other = {
      pid: 4242,
      hostname: 'ws-radiology-7',
      app: 'app',
      startedAt: new Date().toISOString(),
      token: 'x1',
    };
    writeFileSync(file, JSON.stringify(other));
    await expect(acquireLock(dir, { app: 'app', subject: 'case' })).rejects.toThrow(
      /open in LiverPlan \(pid 4242 on host ws-radiology-7 since/,
    );
    const old = new Date(Date.now() - 120_000);
    utimesSync(file, old, old);
    const lock = await acquireLock(dir, { app: 'app', subject: 'case', staleMs: 60_000 });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('a holder keeps its lock fresh with a heartbeat', async () => {
    const dir = freshDir();
    const holder = startHolder(dir, 'app', 100);
    expect(await holder.firstLine).toMatch(/^held /);
    const file = join(dir, LOCK_FILE);
    const old = new Date(Date.now() - 120_000);
    utimesSync(file, old, old);
    const deadline = Date.now() + 10_000;
    while (Date.now() - statSync(file).mtimeMs > 60_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(60_000);
    await expect(acquireLock(dir, { app: 'cli', subject: 'case' })).rejects.toBeInstanceOf(LockedError);
  }, 30_000);

  it('of processes racing for a free lock exactly one wins', async () => {
    for (let round = 0; round < 2; round++) {
      const dir = freshDir();
      const racers = [startHolder(dir), startHolder(dir), startHolder(dir)];
      const lines = await Promise.all(racers.map((r) => r.firstLine));
      expect(lines.filter((l) => l.startsWith('held '))).toHaveLength(1);
      expect(lines.filter((l) => l.startsWith('locked This case is open in LiverPlan'))).toHaveLength(2);
      for (const r of racers) r.child.kill('SIGKILL');
      await Promise.all(racers.map((r) => exited(r.child)));
    }
  }, 60_000);

  it('is re-entrant within one process and removed on the last release', async () => {
    const dir = freshDir();
    const a = await acquireLock(dir, { app: 'app', subject: 'case' });
    const b = await acquireLock(dir, { app: 'app', subject: 'case' });
    await a.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    expect(b.held()).toBe(true);
    await b.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});

describe('lockedMessage', () => {
  const owner = { pid: 1234, hostname: 'X', app: 'app' as const, startedAt: new Date(2024, 4, 3, 10, 2).toISOString() };
  it('names the holder, host and local start time', () => {
    expect(lockedMessage(owner, 'case', new Date(2024, 4, 3, 15, 0))).toBe(
      'This case is open in LiverPlan (pid 1234 on host X since 10:02). Close it there first, then open it here again.',
    );
    expect(lockedMessage({ ...owner, app: 'cli' }, 'send-job', new Date(2024, 4, 3, 15, 0))).toMatch(
      /^This send job is being sent by the liverplan command line \(pid 1234 on host X since 10:02\)/,
    );
  });
  it('adds the date when the lock is from another day', () => {
    expect(sinceText(owner.startedAt, new Date(2024, 4, 4, 9, 0))).toBe('2024-05-03 10:02');
  });
});
