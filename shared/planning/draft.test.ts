import { describe, expect, it } from 'vitest';
import { draftToInput, getAtPath, mergeDraft, setAtPath } from './draft';

describe('plan draft paths', () => {
  it('sets nested values immutably and removes with undefined', () => {
    const a = { labs: { inr: 1 } };
    const b = setAtPath(a, 'labs.bilirubin.value', 1.2);
    expect(b).toEqual({ labs: { inr: 1, bilirubin: { value: 1.2 } } });
    expect(a).toEqual({ labs: { inr: 1 } });
    expect(getAtPath(b, 'labs.bilirubin.value')).toBe(1.2);
    expect(setAtPath(b, 'labs.inr', undefined)).toEqual({ labs: { bilirubin: { value: 1.2 } } });
    expect(getAtPath(b, 'nope.deeper')).toBeUndefined();
  });
  it('merges defaults under entered values', () => {
    expect(
      mergeDraft({ labs: { albumin: { unit: 'g/dL' } }, x: [1] }, { labs: { albumin: { value: 3 } }, x: [2] }),
    ).toEqual({
      labs: { albumin: { unit: 'g/dL', value: 3 } },
      x: [2],
    });
  });
});

describe('draftToInput', () => {
  it('drops the Y-90 block until a product is chosen', () => {
    expect(draftToInput({ a: 1, y90: { bilobar: false } })).toEqual({ a: 1 });
    expect(draftToInput({ a: 1, y90: { product: 'resin' } })).toEqual({ a: 1, y90: { product: 'resin' } });
  });
});
