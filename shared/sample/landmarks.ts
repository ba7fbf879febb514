import type { Vec3 } from '../volume/grid';
import { gallbladderShape, HILUM, KIDNEY_LEFT, KIDNEY_RIGHT, PORTAL_CONFLUENCE, SPLEEN } from './anatomy';
import type { Shape } from './shapes';
import type { Tissue } from './tissues';

export interface AnatomicalLandmark {
  name: string;
  /** Anatomy-frame (pre-procedure study) position, LPS mm. */
  lps: Vec3;
  /** The tissue painted there: what a reader sees when clicking it. */
  tissue: Tissue;
}

/**
 * Points a reader can find and click on any study of the phantom: organ
 * centres and vessel junctions, spread over all three axes (never coplanar),
 * so landmark registration between two studies is well conditioned.
 * Cylinder-shaped structures (aorta, spine) are left out: no point along
 * them is identifiable.
 */
export function anatomicalLandmarks(liverScale = 1): AnatomicalLandmark[] {
  return [
    { name: 'Right kidney centre', lps: centreOf(KIDNEY_RIGHT), tissue: 'kidneyMedulla' },
    { name: 'Left kidney centre', lps: centreOf(KIDNEY_LEFT), tissue: 'kidneyMedulla' },
    { name: 'Spleen centre', lps: centreOf(SPLEEN), tissue: 'spleen' },
    { name: 'Gallbladder centre', lps: centreOf(gallbladderShape(liverScale)), tissue: 'gallbladder' },
    { name: 'Portal vein bifurcation', lps: [...HILUM], tissue: 'portalVein' },
    { name: 'Splenoportal confluence', lps: [...PORTAL_CONFLUENCE], tissue: 'portalVein' },
  ];
}

function centreOf(shape: Shape): Vec3 {
  if (shape.kind !== 'ellipsoid') throw new Error(`landmark on a ${shape.kind}`);
  return [...shape.centre];
}
