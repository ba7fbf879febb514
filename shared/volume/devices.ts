import { z } from 'zod';
import mwa from '../../resources/devices/mwa-estimates.json' with { type: 'json' };
import rfa from '../../resources/devices/rfa-estimates.json' with { type: 'json' };

/** One ablation-zone chart row: device setting -> predicted zone (an estimate, never truth). */
export const deviceEntrySchema = z.object({
  id: z.string().min(1),
  device: z.string().min(1),
  powerW: z.number().positive(),
  timeMin: z.number().positive(),
  /** Zone length along the applicator (mm). */
  longAxisMm: z.number().positive(),
  /** Zone diameter across the applicator (mm). */
  shortAxisMm: z.number().positive(),
  /** How far the zone reaches beyond the applicator tip (mm). */
  tipOffsetMm: z.number(),
  tissueModel: z.string().min(1),
  source: z.string().min(1),
  verified: z.boolean(),
});
export type DeviceEntry = z.infer<typeof deviceEntrySchema>;

export const deviceTableSchema = z.object({
  table: z.string(),
  version: z.string(),
  modality: z.enum(['MWA', 'RFA', 'CRYO', 'IRE']),
  estimate: z.literal(true),
  note: z.string(),
  entries: z.array(deviceEntrySchema),
});
export type DeviceTable = z.infer<typeof deviceTableSchema>;

export interface DeviceCatalogueEntry extends DeviceEntry {
  modality: DeviceTable['modality'];
  /** "table@version" for shipped rows, "user" for the user's own. */
  origin: string;
}

/** The device tables shipped in resources/devices, validated. */
export const SHIPPED_DEVICE_TABLES: DeviceTable[] = [mwa, rfa].map((t) => deviceTableSchema.parse(t));

/**
 * Shipped entries plus the user's own. A user entry never overwrites a shipped one: one whose
 * id is already taken is left out and reported in rejected.
 */
export function mergeDeviceEntries(
  userEntries: (DeviceEntry & { modality: DeviceTable['modality'] })[],
  shipped: DeviceTable[] = SHIPPED_DEVICE_TABLES,
): { entries: DeviceCatalogueEntry[]; rejected: { id: string; reason: string }[] } {
  const entries: DeviceCatalogueEntry[] = shipped.flatMap((t) =>
    t.entries.map((e) => ({ ...e, modality: t.modality, origin: `${t.table}@${t.version}` })),
  );
  const taken = new Set(entries.map((e) => e.id));
  const rejected: { id: string; reason: string }[] = [];
  for (const u of userEntries) {
    const parsed = deviceEntrySchema.safeParse(u);
    if (!parsed.success) {
      rejected.push({ id: String(u.id), reason: parsed.error.issues[0]?.message ?? 'invalid entry' });
    } else if (taken.has(u.id)) {
      rejected.push({ id: u.id, reason: 'id already used by a shipped or earlier entry' });
    } else {
      taken.add(u.id);
      entries.push({ ...parsed.data, modality: u.modality, origin: 'user' });
    }
  }
  return { entries, rejected };
}
