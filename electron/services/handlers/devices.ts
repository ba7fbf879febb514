import { addUserDevice, listDevices, removeUserDevice } from '../devices/userDevices';
import type { PartialHandlers, ServiceEnv } from '../handlerTypes';

/** devices:* channels: the ablation device catalogue, with the user's rows under userDataDir. */
export function devicesHandlers(env: ServiceEnv): PartialHandlers {
  return {
    'devices:list': async () => listDevices(env.userDataDir),
    'devices:add': async (req) => addUserDevice(env.userDataDir, req.entry),
    'devices:remove': async (req) => removeUserDevice(env.userDataDir, req.id),
  };
}
