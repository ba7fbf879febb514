import { confirmMargin, type ConfirmationResult } from '../ablation/confirmMargin';
import { base64ToBytes } from '../ipc/base64';
import type { Labelmap, Vec3 } from '../volume/grid';
import { decodeNiftiLabelmap } from '../volume/nifti';
import { registerLandmarks } from '../volume/registration';
import type { CaseDocument } from './model';

type Confirmation = NonNullable<CaseDocument['confirmation']>;

/** The landmark pairs with both points placed. */
export function completePairs(c: Confirmation): { pre: Vec3; post: Vec3 }[] {
  return c.pairs.filter((p) => p.pre && p.post) as { pre: Vec3; post: Vec3 }[];
}

/**
 * The Confirm workspace's result recomputed from what the case saved: the stored post-ablation
 * zone registered onto the case grid by the refined transform, else by the landmark pairs, and
 * the tumour's margin against it (the function the workspace uses). Throws what cannot be done.
 */
export function savedConfirmationMargin(
  caseDoc: CaseDocument,
  labels: Labelmap,
  tumourLabel: number,
  zoneBase64: string,
): ConfirmationResult {
  const c = caseDoc.confirmation!;
  const complete = completePairs(c);
  const postToPre =
    c.refinedMatrix ??
    registerLandmarks(
      complete.map((p) => p.pre),
      complete.map((p) => p.post),
    ).matrix;
  return confirmMargin({
    labelmap: labels,
    segments: caseDoc.segments.map(({ label, name, kind }) => ({ label, name, kind })),
    tumourLabel,
    postZone: decodeNiftiLabelmap(base64ToBytes(zoneBase64)),
    postToPre,
  });
}
