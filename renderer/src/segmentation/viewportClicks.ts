import type { Vec3 } from '../../../shared/volume/grid';
import { viewportOf } from '../viewer/viewerEngine';

/** The patient point (LPS mm) under a pointer event on a viewer pane, or null off the viewports. */
export function worldAtPointer(e: { target: EventTarget | null; clientX: number; clientY: number }): Vec3 | null {
  const pane = (e.target as HTMLElement | null)?.closest?.('[data-testid^="viewport-"]');
  const id = pane?.getAttribute('data-testid')?.slice('viewport-'.length);
  const vp = id ? viewportOf(id) : undefined;
  if (!vp || !vp.getActors().length) return null;
  const r = vp.element.getBoundingClientRect();
  return [...vp.canvasToWorld([e.clientX - r.left, e.clientY - r.top])] as Vec3;
}
