import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestLabels, testCaseInput } from '../case/testing/testFixtures';
import { createDispatcher } from '../dispatch';
import type { Handlers } from '../handlerTypes';
import { caseHandlers } from '../handlers/case';
import { limitsHandlers } from '../handlers/limits';
import { LOCK_FILE } from './lockFile';
import { buildHolder, exited, startHolder } from './testing/spawnHolder';

let work: string;
let childJs: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lp-caselock-'));
  childJs = await buildHolder(work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function dispatcher(userDataDir: string) {
  const env = { userDataDir, resourcesDir: userDataDir, appVersion: 't', host: 'electron' as const };
  const handlers = { ...caseHandlers(env), ...limitsHandlers() } as Handlers;
  return createDispatcher(
    handlers,
    () => undefined,
    () => undefined,
  );
}

type Fail = { ok: false; error: { code: string; message: string } };

describe('case:* under the case lock', () => {
  it('a case open in another process is refused with a clear message and left intact', async () => {
    const userData = mkdtempSync(join(work, 'ud-'));
    const writer = dispatcher(userData);
    const created = (await writer('case:create', { input: testCaseInput })) as {
      ok: true;
      value: { document: { caseId: string } };
    };
    const doc = created.value.document;
    const dir = join(userData, 'cases', doc.caseId);
    expect(
      await writer('case:save', { document: doc, labels: { kind: 'full', bytes: makeTestLabels(4) } }),
    ).toMatchObject({
      ok: true,
    });
    const before = readFileSync(join(dir, 'case.json'), 'utf8');

    // This host has the case open: another process (a second LiverPlan, the CLI) is told so.
    const other = startHolder(childJs, dir, 'cli');
    expect(await other.firstLine).toMatch(
      new RegExp(`^locked This case is open in LiverPlan \\(pid ${process.pid} on host .+ since \\d\\d:\\d\\d\\)`),
    );
    await exited(other.child);

    // Deleting it here releases it; the other way round: a second process holds a case...
    const second = (await writer('case:create', { input: testCaseInput })) as typeof created;
    const secondDir = join(userData, 'cases', second.value.document.caseId);
    // ...opening the second case released the first (one case per window).
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const holder = startHolder(childJs, dir, 'app');
    expect(await holder.firstLine).toBe(`held ${holder.child.pid}`);
    try {
      const reader = dispatcher(userData);
      const refused = (await reader('case:open', { caseId: doc.caseId })) as Fail;
      expect(refused.ok).toBe(false);
      expect(refused.error.code).toBe('locked');
      expect(refused.error.message).toMatch(
        new RegExp(
          `^This case is open in LiverPlan \\(pid ${holder.child.pid} on host ${hostname().replace(/\./g, '\\.')} since \\d\\d:\\d\\d\\)\\. Close it there first`,
        ),
      );
      // Writes from here are refused too; the other holder's case is untouched.
      const save = (await reader('case:save', { document: doc, labels: null })) as Fail;
      expect(save.error.code).toBe('locked');
      const autosave = (await reader('case:autosave', { document: doc, labels: null })) as Fail;
      expect(autosave.error.code).toBe('locked');
      const del = (await reader('case:delete', { caseId: doc.caseId })) as Fail;
      expect(del.error.code).toBe('locked');
      expect(readFileSync(join(dir, 'case.json'), 'utf8')).toBe(before);
      // The list still shows it; a case no one holds opens as usual.
      expect(((await reader('case:list', {})) as { value: unknown[] }).value).toHaveLength(2);
    } finally {
      holder.child.kill('SIGKILL');
      await exited(holder.child);
    }
    // The holder died without releasing: the lock is stale and the case opens again.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    const reopened = await dispatcher(userData)('case:open', { caseId: doc.caseId });
    expect(reopened).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    expect(existsSync(secondDir)).toBe(true);
  }, 60_000);
});
