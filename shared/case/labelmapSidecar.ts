import { z } from 'zod';
import type { LabelFileOnGrid } from '../seg/labelFile';
import { voxelVolumeMm3, type Labelmap } from '../volume/grid';
import { codeSchema, segmentKinds, type Segment } from './model';

/**
 * The JSON written beside an exported NIfTI labelmap (x.nii.gz -> x.json):
 * what each label value is (name, kind, SNOMED codes, colour) and the frame
 * of reference it belongs to, since NIfTI itself carries none of that.
 * Importing the NIfTI back reads it, so a round trip keeps names and codes.
 */
const byte = z.number().int().min(0).max(255);

export const labelmapSidecarSchema = z.object({
  format: z.literal('liverplan-labelmap'),
  version: z.literal(1),
  labelmap: z.string().max(4096),
  frameOfReferenceUid: z.string().max(128).optional(),
  referenceSeriesUid: z.string().max(128).optional(),
  labels: z
    .array(
      z.object({
        label: z.number().int().min(1).max(65535),
        name: z.string().min(1).max(64),
        kind: z.enum(segmentKinds),
        category: codeSchema,
        type: codeSchema,
        color: z.tuple([byte, byte, byte]),
        voxels: z.number().int().min(0),
        volumeMl: z.number().min(0),
      }),
    )
    .max(65535),
});
export type LabelmapSidecar = z.infer<typeof labelmapSidecarSchema>;

/** x.nii.gz or x.nii -> x.json */
export function sidecarPathOf(niftiPath: string): string {
  return niftiPath.replace(/\.nii(\.gz)?$/i, '') + '.json';
}

/** The sidecar of a labelmap: one entry per label value present or named, voxel counts from the voxels. */
export function buildSidecar(
  fileName: string,
  labelmap: Labelmap,
  segments: Segment[],
  refs: { frameOfReferenceUid?: string; referenceSeriesUid?: string },
): LabelmapSidecar {
  const counts = new Map<number, number>();
  for (let n = 0; n < labelmap.data.length; n++) {
    const v = labelmap.data[n]!;
    if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const ml = voxelVolumeMm3(labelmap.grid) / 1000;
  const named = new Map(segments.map((s) => [s.label, s]));
  const labels = [...new Set([...named.keys(), ...counts.keys()])].sort((a, b) => a - b);
  return {
    format: 'liverplan-labelmap',
    version: 1,
    labelmap: fileName,
    ...refs,
    labels: labels.map((label) => {
      const s = named.get(label);
      const voxels = counts.get(label) ?? 0;
      return {
        label,
        name: s?.name ?? `Label ${label}`,
        kind: s?.kind ?? 'other',
        category: s?.category ?? { value: '91723000', scheme: 'SCT', meaning: 'Anatomical Structure' },
        type: s?.type ?? { value: '85756007', scheme: 'SCT', meaning: 'Tissue' },
        color: s?.color ?? [128, 128, 128],
        voxels,
        volumeMl: Math.round(voxels * ml * 1000) / 1000,
      };
    }),
  };
}

/** A NIfTI read with its sidecar: names, codes and colours by label value. */
export function withSidecar(file: LabelFileOnGrid, sidecar: LabelmapSidecar): LabelFileOnGrid {
  const byLabel = new Map(sidecar.labels.map((l) => [l.label, l]));
  return {
    ...file,
    segments: file.segments.map((s) => {
      const l = byLabel.get(s.number);
      return l
        ? { number: s.number, name: l.name, coding: { category: l.category, type: l.type }, colorRgb: l.color }
        : s;
    }),
  };
}
