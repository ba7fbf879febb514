import { Enums } from '@cornerstonejs/core';
import type { Vec3 } from '../../../shared/volume/grid';
import { viewportOf } from '../viewer/viewerEngine';

/**
 * The patient point (LPS mm) under a pointer on an orthographic view, or null elsewhere. The
 * 3D view is left out: a click there has no depth, so it cannot place a point.
 */
export function orthoWorldAtPointer(e: { target: EventTarget | null; clientX: number; clientY: number }): Vec3 | null {
  const pane = (e.target as HTMLElement | null)?.closest?.('[data-testid^="viewport-"]');
  const id = pane?.getAttribute('data-testid')?.slice('viewport-'.length);
  const vp = id ? viewportOf(id) : undefined;
  if (!vp || vp.type !== Enums.ViewportType.ORTHOGRAPHIC || !vp.getActors().length) return null;
  const r = vp.element.getBoundingClientRect();
  return [...vp.canvasToWorld([e.clientX - r.left, e.clientY - r.top])] as Vec3;
}
