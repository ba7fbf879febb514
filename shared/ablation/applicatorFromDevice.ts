import type { Applicator } from '../volume/ablationZone';
import type { DeviceCatalogueEntry } from '../volume/devices';
import type { Vec3 } from '../volume/grid';

/** An applicator as the case stores it: where it goes and which device setting it uses. */
export interface ApplicatorPlacement {
  id: string;
  entry: Vec3;
  tip: Vec3;
  deviceId: string;
  settingId: string;
}

/**
 * The zone geometry of a placement from its device-table row (settingId = the row id; deviceId
 * is the row's device name, kept for display). Throws when the setting is not in the catalogue
 * so a zone is never drawn from a guessed size.
 */
export function applicatorFromDevice(p: ApplicatorPlacement, catalogue: DeviceCatalogueEntry[]): Applicator {
  const row = catalogue.find((e) => e.id === p.settingId);
  if (!row) throw new Error(`device setting "${p.settingId}" is not in the device tables`);
  return {
    entry: p.entry,
    tip: p.tip,
    longAxisMm: row.longAxisMm,
    shortAxisMm: row.shortAxisMm,
    tipOffsetMm: row.tipOffsetMm,
  };
}
