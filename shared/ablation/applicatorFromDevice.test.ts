import { describe, expect, it } from 'vitest';
import { mergeDeviceEntries } from '../volume/devices';
import { applicatorFromDevice } from './applicatorFromDevice';

describe('applicatorFromDevice', () => {
  const { entries } = mergeDeviceEntries([]);
  const row = entries[0]!;
  it('takes the zone size from the chosen table row', () => {
    const a = applicatorFromDevice(
      { id: 'a1', entry: [0, 0, 0], tip: [0, 0, -50], deviceId: row.device, settingId: row.id },
      entries,
    );
    expect(a).toEqual({
      entry: [0, 0, 0],
      tip: [0, 0, -50],
      longAxisMm: row.longAxisMm,
      shortAxisMm: row.shortAxisMm,
      tipOffsetMm: row.tipOffsetMm,
    });
  });
  it('refuses an unknown setting rather than guessing a size', () => {
    expect(() =>
      applicatorFromDevice({ id: 'a1', entry: [0, 0, 0], tip: [1, 0, 0], deviceId: 'x', settingId: 'nope' }, entries),
    ).toThrow(/nope/);
  });
});
