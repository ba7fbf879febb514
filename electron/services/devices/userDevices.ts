import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { userDeviceEntrySchema, type UserDeviceEntry } from '../../../shared/ipc/channels/devices';
import { mergeDeviceEntries } from '../../../shared/volume/devices';
import { writeFileAtomic } from '../case/atomicWrite';
import { ServiceError } from '../handlerTypes';

const fileSchema = z.object({ schemaVersion: z.literal(1), entries: z.array(userDeviceEntrySchema) });

/** Where the user's own device rows live: beside the cases, never over the shipped tables. */
export function userDevicesPath(userDataDir: string): string {
  return join(userDataDir, 'devices', 'user-devices.json');
}

/** The user's rows; none when the file does not exist yet. A damaged file is an error, not an empty list. */
export async function readUserDevices(userDataDir: string): Promise<UserDeviceEntry[]> {
  let text: string;
  try {
    text = await readFile(userDevicesPath(userDataDir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServiceError(
      'devices-damaged',
      `Your device list ${userDevicesPath(userDataDir)} is not valid JSON; fix or remove it.`,
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ServiceError(
      'devices-damaged',
      `Your device list ${userDevicesPath(userDataDir)} does not match the expected format (${parsed.error.issues[0]?.message}).`,
    );
  }
  return parsed.data.entries;
}

async function writeUserDevices(userDataDir: string, entries: UserDeviceEntry[]): Promise<void> {
  await mkdir(join(userDataDir, 'devices'), { recursive: true });
  await writeFileAtomic(userDevicesPath(userDataDir), JSON.stringify({ schemaVersion: 1, entries }, null, 2));
}

/** Shipped tables merged with the user's rows. */
export async function listDevices(userDataDir: string) {
  return mergeDeviceEntries(await readUserDevices(userDataDir));
}

/** Adds a row; refuses an id already used by a shipped or user row so nothing is overwritten. */
export async function addUserDevice(userDataDir: string, entry: UserDeviceEntry) {
  const user = await readUserDevices(userDataDir);
  if (mergeDeviceEntries([]).entries.some((e) => e.id === entry.id)) {
    throw new ServiceError('device-id-taken', `"${entry.id}" is a shipped device setting; give your entry another id.`);
  }
  if (user.some((e) => e.id === entry.id)) {
    throw new ServiceError(
      'device-id-taken',
      `You already have a device setting "${entry.id}"; remove it first or use another id.`,
    );
  }
  const next = [...user, entry];
  await writeUserDevices(userDataDir, next);
  return mergeDeviceEntries(next);
}

export async function removeUserDevice(userDataDir: string, id: string) {
  const user = await readUserDevices(userDataDir);
  if (!user.some((e) => e.id === id)) {
    throw new ServiceError(
      'device-not-found',
      `"${id}" is not one of your own device settings (shipped ones cannot be removed).`,
    );
  }
  const next = user.filter((e) => e.id !== id);
  await writeUserDevices(userDataDir, next);
  return mergeDeviceEntries(next);
}
