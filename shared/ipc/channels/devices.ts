import { z } from 'zod';
import { deviceEntrySchema, deviceTableSchema } from '../../volume/devices';
import { defineChannel } from '../define';

const modality = deviceTableSchema.shape.modality;

/** A device-table row the user added (stored with the user's data, never in resources/). */
export const userDeviceEntrySchema = deviceEntrySchema.extend({ modality });
export type UserDeviceEntry = z.infer<typeof userDeviceEntrySchema>;

export const deviceCatalogueSchema = z.object({
  /** Shipped rows first (origin "table@version"), then the user's own (origin "user"). */
  entries: z.array(deviceEntrySchema.extend({ modality, origin: z.string() })),
  /** User rows left out (id taken by a shipped row, invalid), with the reason. */
  rejected: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type DeviceCatalogueMessage = z.infer<typeof deviceCatalogueSchema>;

export const devicesChannels = {
  /** The device catalogue: shipped tables merged with the user's entries. */
  'devices:list': defineChannel(z.object({}).strict(), deviceCatalogueSchema),
  /** Adds one user entry (its id must be new); answers the updated catalogue. */
  'devices:add': defineChannel(z.object({ entry: userDeviceEntrySchema }).strict(), deviceCatalogueSchema),
  /** Removes one user entry by id (shipped rows cannot be removed). */
  'devices:remove': defineChannel(z.object({ id: z.string().min(1).max(200) }).strict(), deviceCatalogueSchema),
};
