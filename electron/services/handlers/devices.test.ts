import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_DEVICE_TABLES } from '../../../shared/volume/devices';
import { createDispatcher } from '../dispatch';
import { userDevicesPath } from '../devices/userDevices';
import type { Handlers } from '../handlerTypes';
import { devicesHandlers } from './devices';
import type { DeviceCatalogueMessage } from '../../../shared/ipc/channels/devices';

/** The catalogue of a successful answer (the dispatcher types values as unknown). */
const cat = (r: { ok: boolean; value?: unknown }) => (r.ok ? (r.value as DeviceCatalogueMessage).entries : []);

let userDataDir: string;
beforeEach(() => {
  userDataDir = mkdtempSync(join(tmpdir(), 'lp-devices-'));
});
afterEach(() => rmSync(userDataDir, { recursive: true, force: true }));

const dispatcher = () =>
  createDispatcher(
    devicesHandlers({ userDataDir, resourcesDir: userDataDir, appVersion: 't', host: 'cli' }) as Handlers,
    () => undefined,
    () => undefined,
  );

const mine = {
  id: 'my-mwa-80w-6min',
  device: 'Local MWA antenna',
  modality: 'MWA' as const,
  powerW: 80,
  timeMin: 6,
  longAxisMm: 40,
  shortAxisMm: 30,
  tipOffsetMm: 4,
  tissueModel: 'in vivo porcine liver',
  source: 'Department audit 2026',
  verified: false,
};
const shippedCount = SHIPPED_DEVICE_TABLES.reduce((n, t) => n + t.entries.length, 0);

describe('devices:* channels', () => {
  it('lists the shipped tables, adds, persists and removes a user entry', async () => {
    const d = dispatcher();
    const listed = await d('devices:list', {});
    expect(listed).toMatchObject({ ok: true });
    expect(cat(listed)).toHaveLength(shippedCount);
    const added = await d('devices:add', { entry: mine });
    expect(cat(added).at(-1)).toMatchObject({ id: mine.id, origin: 'user', modality: 'MWA' });
    // persisted with the user's data, read back by a fresh dispatcher
    expect(JSON.parse(readFileSync(userDevicesPath(userDataDir), 'utf8')).entries[0].id).toBe(mine.id);
    const again = await dispatcher()('devices:list', {});
    expect(cat(again).length).toBe(shippedCount + 1);
    expect(readdirSync(join(userDataDir, 'devices')).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const removed = await d('devices:remove', { id: mine.id });
    expect(cat(removed).length).toBe(shippedCount);
  });

  it('never overwrites a shipped row, refuses duplicates and unknown removals, reports a damaged file', async () => {
    const d = dispatcher();
    const shippedId = SHIPPED_DEVICE_TABLES[0]!.entries[0]!.id;
    const clash = await d('devices:add', { entry: { ...mine, id: shippedId } });
    expect(clash).toMatchObject({ ok: false, error: { code: 'device-id-taken' } });
    await d('devices:add', { entry: mine });
    expect(await d('devices:add', { entry: mine })).toMatchObject({ ok: false, error: { code: 'device-id-taken' } });
    expect(await d('devices:remove', { id: shippedId })).toMatchObject({
      ok: false,
      error: { code: 'device-not-found' },
    });
    expect(await d('devices:add', { entry: { ...mine, id: 'x', longAxisMm: -1 } })).toMatchObject({ ok: false });
    mkdirSync(join(userDataDir, 'devices'), { recursive: true });
    writeFileSync(userDevicesPath(userDataDir), '{ nope');
    expect(await d('devices:list', {})).toMatchObject({ ok: false, error: { code: 'devices-damaged' } });
  });
});
