import { describe, expect, it } from 'vitest';
import { bindingFor, duplicateKeys, KEY_BINDINGS } from './keyBindings';
import { directionLabel, edgeLabelsFromCamera, edgeLabelsFromIop } from './orientationLabels';
import { phaseTitle, planViewports } from './planViewports';
import { scaleBar } from './scaleBar';
import { slicePositionLabel } from './slicePosition';
import { presetRange, rangeToWindow, WL_PRESETS } from './wlPresets';

describe('W/L presets', () => {
  it('cover abdomen, liver, bone, lung and angio, each with a source', () => {
    expect(WL_PRESETS.map((p) => p.id)).toEqual(['abdomen', 'liver', 'bone', 'lung', 'angio']);
    for (const p of WL_PRESETS) expect(p.source.length).toBeGreaterThan(10);
  });
  it('convert between width/centre and a VOI range', () => {
    expect(presetRange({ width: 150, center: 30 })).toEqual({ lower: -45, upper: 105 });
    expect(rangeToWindow({ lower: -45, upper: 105 })).toEqual({ width: 150, center: 30 });
  });
});

describe('key bindings', () => {
  it('bind digits 1..n to the presets in order and no key twice', () => {
    expect(bindingFor({ key: '2' })?.action).toEqual({ kind: 'preset', presetId: 'liver' });
    expect(duplicateKeys()).toEqual([]);
    expect(KEY_BINDINGS.every((b) => b.description && b.display)).toBe(true);
  });
  it('ignore chords the app owns and accept upper-case letters', () => {
    expect(bindingFor({ key: '1', ctrlKey: true })).toBeUndefined();
    expect(bindingFor({ key: 'I' })?.action).toEqual({ kind: 'invert' });
    expect(bindingFor({ key: '?' })?.action).toEqual({ kind: 'help' });
  });
});

describe('orientation labels', () => {
  it('label the standard axial image of a supine head-first patient', () => {
    expect(edgeLabelsFromIop([1, 0, 0, 0, 1, 0])).toEqual({ right: 'L', left: 'R', bottom: 'P', top: 'A' });
  });
  it('follow the data for feet-first and prone acquisitions', () => {
    // Feet-first supine: rows run to the patient's right.
    expect(edgeLabelsFromIop([-1, 0, 0, 0, 1, 0])).toEqual({ right: 'R', left: 'L', bottom: 'P', top: 'A' });
    // Head-first prone: rows to the right, columns to the front.
    expect(edgeLabelsFromIop([-1, 0, 0, 0, -1, 0])).toEqual({ right: 'R', left: 'L', bottom: 'A', top: 'P' });
  });
  it('give dominant-first letters for oblique directions and drop small components', () => {
    const c = Math.cos(Math.PI / 6);
    expect(directionLabel([c, 0.5, 0])).toBe('LP');
    expect(directionLabel([0.1, 0, -1])).toBe('I');
    expect(directionLabel([0.5, -0.6, 0.62])).toBe('SAL');
    expect(directionLabel([0, 0, 0])).toBe('');
  });
  it('read a Cornerstone camera: axial, coronal and sagittal defaults', () => {
    expect(edgeLabelsFromCamera([0, -1, 0], [0, 0, -1])).toEqual({ top: 'A', bottom: 'P', left: 'R', right: 'L' });
    expect(edgeLabelsFromCamera([0, 0, 1], [0, -1, 0])).toEqual({ top: 'S', bottom: 'I', left: 'R', right: 'L' });
    expect(edgeLabelsFromCamera([0, 0, 1], [1, 0, 0])).toEqual({ top: 'S', bottom: 'I', left: 'A', right: 'P' });
  });
  it('rejects an orientation that is not 6 numbers', () => {
    expect(() => edgeLabelsFromIop([1, 0, 0])).toThrow(/6 numbers/);
  });
});

describe('viewport plan', () => {
  const series = [
    { phase: 'arterial', description: 'ART', seriesNumber: 3 },
    { phase: 'portal_venous', description: 'PV', seriesNumber: 4 },
    { phase: 'delayed', description: 'DEL', seriesNumber: 5 },
    { phase: 'unenhanced', description: 'NC', seriesNumber: 2 },
  ];
  it('hangs at most three phases side by side, axial, labelled by phase', () => {
    const v = planViewports(series, 'phases', 0);
    expect(v.map((x) => x.title)).toEqual(['Arterial', 'Portal venous', 'Delayed']);
    expect(v.every((x) => x.kind === 'ortho' && x.orientation === 'axial')).toBe(true);
  });
  it('shows MPR, one viewport or 3D of the active phase', () => {
    expect(planViewports(series, 'mpr', 1).map((x) => [x.seriesIndex, x.orientation])).toEqual([
      [1, 'axial'],
      [1, 'coronal'],
      [1, 'sagittal'],
    ]);
    expect(planViewports(series, 'single', 9)).toMatchObject([{ seriesIndex: 3, title: 'Unenhanced' }]);
    expect(planViewports(series, 'volume3d', 2).map((x) => x.kind)).toEqual(['ortho', 'volume3d']);
    expect(planViewports([], 'phases', 0)).toEqual([]);
  });
  it('titles an unknown phase by its description, not a guessed phase', () => {
    expect(phaseTitle({ phase: 'unknown', description: 'Abd 5mm', seriesNumber: 7 })).toBe('Abd 5mm');
    expect(phaseTitle({ phase: 'unknown', description: '', seriesNumber: 7 })).toBe('Series 7');
  });
});

describe('slice position label', () => {
  it('reads like the console along a main axis, any normal sign', () => {
    expect(slicePositionLabel([10, 20, -35.25], [0, 0, -1])).toBe('I 35.3 mm');
    expect(slicePositionLabel([10, 20, 12], [0, 0, 1])).toBe('S 12.0 mm');
    expect(slicePositionLabel([-4, 20, 12], [1, 0, 0])).toBe('R 4.0 mm');
  });
  it('gives a signed distance along an oblique normal', () => {
    const s = Math.SQRT1_2;
    expect(slicePositionLabel([0, 0, 10], [0, s, s])).toBe('7.1 mm oblique');
    expect(slicePositionLabel([0, 0, 10], [0, -s, -s])).toBe('7.1 mm oblique');
  });
});

describe('scale bar', () => {
  it('picks the longest nice length that fits', () => {
    // 0.5 mm per pixel, at most 120 px: 50 mm = 100 px.
    expect(scaleBar(0.5, 120)).toEqual({ mm: 50, px: 100 });
    expect(scaleBar(2, 30)).toEqual({ mm: 50, px: 25 });
    expect(scaleBar(1000, 100)).toBeNull();
    expect(scaleBar(0, 100)).toBeNull();
  });
});
