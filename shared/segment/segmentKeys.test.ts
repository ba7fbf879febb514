import { describe, expect, it } from 'vitest';
import { keysShadowingViewer, SEGMENT_KEY_BINDINGS, segmentBindingFor } from './segmentKeys';

describe('segment key bindings', () => {
  it('never hide a viewer key', () => {
    expect(keysShadowingViewer()).toEqual([]);
  });

  it('bind each key chord once', () => {
    const chords = SEGMENT_KEY_BINDINGS.map((b) => `${b.ctrl ? 'C' : ''}${b.shift ? 'S' : ''}${b.key}`);
    expect(new Set(chords).size).toBe(chords.length);
  });

  it('dispatch tools, radius, undo, redo and save', () => {
    expect(segmentBindingFor({ key: 'B' })?.action).toEqual({ kind: 'tool', tool: 'brush' });
    expect(segmentBindingFor({ key: 'B', shiftKey: true })?.action).toEqual({ kind: 'tool', tool: 'brush' });
    expect(segmentBindingFor({ key: 'Escape' })?.action).toEqual({ kind: 'tool', tool: 'none' });
    expect(segmentBindingFor({ key: ']' })?.action).toEqual({ kind: 'radius', deltaMm: 1 });
    expect(segmentBindingFor({ key: 'z', ctrlKey: true })?.action).toEqual({ kind: 'undo' });
    expect(segmentBindingFor({ key: 'Z', ctrlKey: true, shiftKey: true })?.action).toEqual({ kind: 'redo' });
    expect(segmentBindingFor({ key: 'z', metaKey: true, shiftKey: true })?.action).toEqual({ kind: 'redo' });
    expect(segmentBindingFor({ key: 'y', ctrlKey: true })?.action).toEqual({ kind: 'redo' });
    expect(segmentBindingFor({ key: 's', ctrlKey: true })?.action).toEqual({ kind: 'save' });
  });

  it('leave other keys and Alt chords to the viewer', () => {
    expect(segmentBindingFor({ key: '1' })).toBeUndefined();
    expect(segmentBindingFor({ key: 'b', altKey: true })).toBeUndefined();
    expect(segmentBindingFor({ key: 'b', ctrlKey: true })).toBeUndefined();
    expect(segmentBindingFor({ key: 's' })).toBeUndefined();
  });
});
