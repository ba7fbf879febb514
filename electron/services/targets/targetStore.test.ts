import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createErrorLog } from '../log/errorLog';
import { SendQueue } from '../pacs/sendQueue';
import { createKeySecretStore, unavailableSecretStore } from './secretStore';
import { targetsFile, TargetStore, viewOf } from './targetStore';

const work = mkdtempSync(join(tmpdir(), 'lp-secrets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = () => mkdtempSync(join(work, `ud-${n++}-`));

const PASSWORD = 'Tr0ub4dor&3-pacs';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.payload.sig';
const basic = {
  kind: 'dicomweb' as const,
  url: 'https://pacs.example.org/dicom-web',
  auth: { type: 'basic' as const, username: 'ir', password: PASSWORD },
};
const bearer = {
  kind: 'dicomweb' as const,
  url: 'https://vna.example.org/rs',
  auth: { type: 'bearer' as const, token: TOKEN },
};
/** Stands in for the OS keyring (Electron safeStorage) the app injects. */
const keyring = createKeySecretStore(randomBytes(32));
const fileText = (dir: string) => readFileSync(targetsFile(dir), 'utf8');

describe('saved targets keep passwords and tokens out of the file', () => {
  it('seals them with the OS keyring; the file never contains them, sending still gets them', async () => {
    const dir = fresh();
    const store = new TargetStore(dir, keyring);
    const a = await store.save({ name: 'PACS', target: basic });
    await store.save({ name: 'VNA', target: bearer });
    const text = fileText(dir);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(TOKEN);
    expect(JSON.parse(text).targets.map((t: { secret: { storage: string } }) => t.secret.storage)).toEqual([
      'os',
      'os',
    ]);
    // Another instance (after a restart) with the same keyring opens them.
    const again = new TargetStore(dir, keyring);
    expect((await again.get(a.id))?.target).toEqual(basic);
    expect(viewOf((await again.get(a.id))!)).toMatchObject({
      secretStorage: 'os',
      target: { auth: { secretSaved: true } },
    });
    expect(JSON.stringify((await again.list()).map(viewOf))).not.toContain(PASSWORD);
    // A keyring that cannot open it (another user or machine): the secret is missing, not garbage.
    const elsewhere = new TargetStore(dir, createKeySecretStore(randomBytes(32)));
    expect((await elsewhere.get(a.id))?.target).toMatchObject({ auth: { password: '' } });
  });

  it('migrates passwords a previous version kept in the clear, on first read', async () => {
    const dir = fresh();
    writeFileSync(
      targetsFile(dir),
      JSON.stringify({ version: 1, targets: [{ id: 'old1', name: 'Old PACS', target: basic }] }),
    );
    // The CLI reads without migrating (it has no keyring to seal with).
    const cli = new TargetStore(dir, unavailableSecretStore, { migrate: false });
    expect((await cli.get('old1'))?.target).toEqual(basic);
    expect(fileText(dir)).toContain(PASSWORD);

    const app = new TargetStore(dir, keyring);
    expect((await app.get('old1'))?.target).toEqual(basic);
    expect(fileText(dir)).not.toContain(PASSWORD);
    expect(JSON.parse(fileText(dir))).toMatchObject({ version: 2, targets: [{ secret: { storage: 'os' } }] });
  });

  it('without a keyring keeps the secret for the session only, unless plain storage is accepted', async () => {
    const dir = fresh();
    const store = new TargetStore(dir, unavailableSecretStore);
    expect(await store.secretStorageAvailable()).toBe(false);
    const a = await store.save({ name: 'PACS', target: basic });
    expect(fileText(dir)).not.toContain(PASSWORD);
    expect(a.secretStorage).toBe('session');
    expect((await new TargetStore(dir).get(a.id))?.target).toEqual(basic); // same session
    const b = await store.save({ name: 'VNA', target: bearer, keepSecretPlain: true });
    expect(b.secretStorage).toBe('plain');
    expect(fileText(dir)).toContain(TOKEN); // the user chose this explicitly
    expect(fileText(dir)).not.toContain(PASSWORD);
    // Old plain passwords move to the session too.
    const old = fresh();
    writeFileSync(targetsFile(old), JSON.stringify({ version: 1, targets: [{ id: 'o', name: 'x', target: basic }] }));
    expect((await new TargetStore(old).get('o'))?.secretStorage).toBe('session');
    expect(fileText(old)).not.toContain(PASSWORD);
  });

  it('the support log never contains a secret the store handled, nor credentials in URLs or headers', async () => {
    const dir = fresh();
    await new TargetStore(dir, keyring).save({ name: 'PACS', target: basic });
    const log = createErrorLog(dir);
    log.write({
      source: 'main',
      message: `STOW-RS failed: 401 for ir:${PASSWORD}`,
      stack: `Error: bad\n at https://ir:${PASSWORD}@pacs.example.org/`,
      context: 'Authorization: Bearer abcdefghijkl',
    });
    const text = readFileSync(log.file, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('abcdefghijkl');
    expect(text).toContain('[redacted]');
    expect(text).toContain('STOW-RS failed: 401 for ir:[redacted]');
  });
});

describe('queued send jobs keep secrets sealed too', () => {
  it('job.json holds no password; the sender gets it back', async () => {
    const root = fresh();
    const sentWith: unknown[] = [];
    const queue = new SendQueue(root, async (t) => void sentWith.push(t), 'app', keyring);
    const job = await queue.enqueue(basic, [{ name: 'a.dcm', bytes: new Uint8Array([1]) }], 'one');
    expect(readFileSync(join(root, job.id, 'job.json'), 'utf8')).not.toContain(PASSWORD);
    expect((await queue.process(job.id)).state).toBe('done');
    expect(sentWith).toEqual([basic]);
  });

  it('a session-only secret the queuing session took with it fails with a clear reason', async () => {
    const root = fresh();
    const queue = new SendQueue(root, async () => undefined);
    const job = await queue.enqueue(basic, [{ name: 'a.dcm', bytes: new Uint8Array([1]) }], 'one');
    expect(readFileSync(join(root, job.id, 'job.json'), 'utf8')).not.toContain(PASSWORD);
    // Another session (here: the queue folder seen under another path) has no copy of it.
    const moved = fresh();
    cpSync(join(root, job.id), join(moved, job.id), { recursive: true });
    const failed = await new SendQueue(moved, async () => undefined).process(job.id);
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/password was kept only for the session that queued it/);
  });
});
