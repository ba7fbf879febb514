import { describe, expect, it } from 'vitest';
import { commit, createHistory, redo, removeSegment, undo, updateSegment } from './segmentHistory';
import { SEGMENT_TEMPLATES, segmentFromTemplate } from './segmentTemplates';

const template = (id: string) => SEGMENT_TEMPLATES.find((t) => t.id === id)!;

describe('segment templates', () => {
  it('carry the DICOM codes of clinical-rules.md section 7', () => {
    expect(template('liver').type).toEqual({ value: '10200004', scheme: 'SCT', meaning: 'Liver' });
    expect(template('liver').category.value).toBe('91723000');
    expect(template('lesion').category.value).toBe('49755003');
    expect(template('lesion').type.value).toBe('14799000');
    expect(template('portal-vein').type.value).toBe('32764006');
    expect(template('gallbladder').type.value).toBe('28231008');
  });
  it('numbers lesions and takes the lowest free label', () => {
    const liver = segmentFromTemplate(template('liver'), []);
    const l1 = segmentFromTemplate(template('lesion'), [liver]);
    const l2 = segmentFromTemplate(template('lesion'), [liver, l1]);
    expect([liver.label, l1.label, l2.label]).toEqual([1, 2, 3]);
    expect([l1.name, l2.name]).toEqual(['Lesion 1', 'Lesion 2']);
    expect(l1.color).not.toEqual(l2.color);
    const again = segmentFromTemplate(template('lesion'), [liver, l2]);
    expect(again.label).toBe(2);
    expect(again.name).toBe('Lesion 1');
  });
});

describe('segment history', () => {
  it('undoes and redoes add, rename, recolour and delete', () => {
    let h = createHistory();
    const liver = segmentFromTemplate(template('liver'), []);
    h = commit(h, [liver]);
    h = commit(h, updateSegment(h.present, 1, { name: 'Whole liver', color: [1, 2, 3] }));
    h = commit(h, removeSegment(h.present, 1));
    expect(h.present).toEqual([]);
    h = undo(h);
    expect(h.present[0]).toMatchObject({ name: 'Whole liver', color: [1, 2, 3] });
    h = undo(h);
    expect(h.present[0]!.name).toBe('Liver');
    h = redo(h);
    expect(h.present[0]!.name).toBe('Whole liver');
    h = commit(h, updateSegment(h.present, 1, { visible: false }));
    expect(h.future).toEqual([]);
    expect(undo(undo(undo(undo(h)))).present).toEqual([]);
  });
  it('refuses empty and duplicate names', () => {
    const a = segmentFromTemplate(template('liver'), []);
    const b = segmentFromTemplate(template('lesion'), [a]);
    expect(() => updateSegment([a, b], 2, { name: '  ' })).toThrow('needs a name');
    expect(() => updateSegment([a, b], 2, { name: 'Liver' })).toThrow('already called');
  });
});
