import { describe, expect, it } from 'vitest';
import { axialGrid } from '../volume/testing/testGrids';
import { buildSidecar, labelmapSidecarSchema, sidecarPathOf } from './labelmapSidecar';
import { SEGMENT_TEMPLATES, segmentFromTemplate } from './segmentTemplates';

describe('labelmap sidecar', () => {
  it('names every label present or defined, counts voxels and volumes, and validates', () => {
    const grid = axialGrid([2, 2, 1], [2, 2, 2.5]);
    const liver = segmentFromTemplate(SEGMENT_TEMPLATES[0]!, []);
    const empty = { ...segmentFromTemplate(SEGMENT_TEMPLATES[1]!, [liver]), label: 3 };
    const s = buildSidecar('x.nii.gz', { grid, data: Uint8Array.from([1, 1, 7, 0]) }, [liver, empty], {
      frameOfReferenceUid: '1.2',
    });
    expect(s.labels.map((l) => [l.label, l.name, l.voxels, l.volumeMl])).toEqual([
      [1, 'Liver', 2, 0.02],
      [3, 'Lesion 1', 0, 0],
      [7, 'Label 7', 1, 0.01],
    ]);
    expect(labelmapSidecarSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('sits beside the NIfTI under the same base name', () => {
    expect(sidecarPathOf('/a/b/case.nii.gz')).toBe('/a/b/case.json');
    expect(sidecarPathOf('/a/b/case.NII')).toBe('/a/b/case.json');
  });
});
