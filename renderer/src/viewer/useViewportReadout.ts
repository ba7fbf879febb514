import { Enums } from '@cornerstonejs/core';
import { useEffect, useState } from 'react';
import { edgeLabelsFromCamera, type EdgeLabels, type Vec3 } from '../../../shared/viewer/orientationLabels';
import { scaleBar } from '../../../shared/viewer/scaleBar';
import { slicePositionLabel } from '../../../shared/viewer/slicePosition';
import { rangeToWindow } from '../../../shared/viewer/wlPresets';
import { viewportOf } from './viewerEngine';

export interface Readout {
  position: string;
  slice: string;
  window: string;
  invert: boolean;
  edges: EdgeLabels | null;
  focalPoint: Vec3 | null;
  voi: { lower: number; upper: number } | null;
  scale: { mm: number; px: number } | null;
}

const EMPTY: Readout = {
  position: '',
  slice: '',
  window: '',
  invert: false,
  edges: null,
  focalPoint: null,
  voi: null,
  scale: null,
};

/**
 * What the overlay prints, read back from the Cornerstone viewport itself
 * (camera and VOI) whenever it renders, so the text cannot disagree with the
 * image. Updates are coalesced to one per animation frame.
 */
export function useViewportReadout(viewportId: string, element: HTMLDivElement | null, live: boolean): Readout {
  const [readout, setReadout] = useState<Readout>(EMPTY);
  useEffect(() => {
    if (!element || !live) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      const vp = viewportOf(viewportId);
      if (!vp) return;
      const cam = vp.getCamera();
      const props = vp.getProperties() ?? {};
      const fp = cam.focalPoint as unknown as Vec3 | undefined;
      const normal = cam.viewPlaneNormal as unknown as Vec3 | undefined;
      const up = cam.viewUp as unknown as Vec3 | undefined;
      const voi = props.voiRange ?? null;
      let slice = '';
      try {
        const n = vp.getNumberOfSlices();
        if (n > 0) slice = `Slice ${vp.getSliceIndex() + 1} / ${n}`;
      } catch {
        // No volume yet: nothing to count.
      }
      const w = voi ? rangeToWindow(voi) : null;
      setReadout({
        position: fp && normal ? slicePositionLabel(fp, normal) : '',
        slice,
        window: w ? `W ${Math.round(w.width)} L ${Math.round(w.center)}` : '',
        invert: !!props.invert,
        edges: up && normal ? edgeLabelsFromCamera(up, normal) : null,
        focalPoint: fp ? ([fp[0], fp[1], fp[2]] as Vec3) : null,
        voi: voi ? { lower: voi.lower, upper: voi.upper } : null,
        // Parallel projection: parallelScale is half the view height in mm.
        scale:
          cam.parallelScale && element.clientHeight
            ? scaleBar((2 * cam.parallelScale) / element.clientHeight, element.clientWidth / 4)
            : null,
      });
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(read);
    };
    const events = [Enums.Events.CAMERA_MODIFIED, Enums.Events.VOI_MODIFIED, Enums.Events.IMAGE_RENDERED];
    for (const e of events) element.addEventListener(e, schedule);
    schedule();
    return () => {
      for (const e of events) element.removeEventListener(e, schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [viewportId, element, live]);
  return readout;
}
