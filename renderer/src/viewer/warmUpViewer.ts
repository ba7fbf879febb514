import { cache, Enums, volumeLoader, type RenderingEngine, type Types } from '@cornerstonejs/core';
import { initCornerstone } from '../cornerstone/initCornerstone';
import { releaseVolumeTexture } from './loadSeriesVolume';
import { shareSliceShader } from './shareSliceShader';

const VIEWPORT_ID = 'liverplan-warm-up';
/** No ':' in it: Cornerstone would read the part before one as a volume loader scheme. */
const VOLUME_ID = 'liverplan-warm-up-volume';
/** A few voxels are enough: what costs is compiling the program, not running it. */
const DIMS: Types.Point3 = [8, 8, 8];
/** Longest wait for the warm-up render before giving up on it (a stalled GPU process). */
const RENDER_TIMEOUT_MS = 20_000;

let started: Promise<void> | null = null;

/**
 * Compiles the slice shader before any study is opened. In software WebGL (SwiftShader, no GPU)
 * the first slice view of a session spent about 2 s compiling vtk.js's volume fragment shader
 * after the user had chosen a study; here a throwaway 8x8x8 volume is drawn once on a hidden
 * viewport of the viewer's own rendering engine, so the program sits in that engine's shader
 * cache (`engine` gives it, created once Cornerstone is initialised; the cache is shared by all its
 * viewports, and shareSliceShader makes every slice view use the same program)
 * when the first real slice arrives. Everything else it made is freed again: the viewport, the
 * volume, its slices and its texture. The engine and its WebGL context stay, as the viewer
 * would create them anyway. Idempotent; never rejects (the viewer reports its own failures).
 */
export function warmUpViewer(engine: () => RenderingEngine): Promise<void> {
  started ??= warmUp(engine).catch((e: unknown) => {
    console.warn('Viewer warm-up skipped:', e);
  });
  return started;
}

async function warmUp(engine: () => RenderingEngine): Promise<void> {
  await initCornerstone();
  const re = engine();
  // A study opened in the meantime compiles the program itself.
  if (re.getViewports().length) return;
  const element = document.createElement('div');
  element.setAttribute('aria-hidden', 'true');
  element.style.cssText = 'position:fixed;left:-10000px;top:0;width:64px;height:64px;pointer-events:none;';
  document.body.appendChild(element);
  const n = DIMS[0] * DIMS[1] * DIMS[2];
  const volume = volumeLoader.createLocalVolume(VOLUME_ID, {
    metadata: { Modality: 'CT', PhotometricInterpretation: 'MONOCHROME2' } as unknown as Types.Metadata,
    dimensions: DIMS,
    spacing: [1, 1, 1],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Types.Mat3,
    // A ramp rather than zeros, so the one draw samples real values through the transfer functions.
    scalarData: Float32Array.from({ length: n }, (_, i) => (i % 256) * 4 - 512),
  });
  try {
    re.enableElement({
      viewportId: VIEWPORT_ID,
      element,
      type: Enums.ViewportType.ORTHOGRAPHIC,
      defaultOptions: { orientation: Enums.OrientationAxis.AXIAL, background: [0, 0, 0] as Types.Point3 },
    });
    const vp = re.getViewport(VIEWPORT_ID) as Types.IVolumeViewport;
    await vp.setVolumes([{ volumeId: VOLUME_ID, callback: ({ volumeActor }) => shareSliceShader(volumeActor) }]);
    // applyLayout replaces every viewport of the engine: a study opened while this one was being
    // set up has taken over, and the draw below is no longer needed.
    if (re.getViewport(VIEWPORT_ID) !== vp) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        element.removeEventListener(Enums.Events.IMAGE_RENDERED, done);
        resolve();
      };
      const timer = setTimeout(done, RENDER_TIMEOUT_MS);
      element.addEventListener(Enums.Events.IMAGE_RENDERED, done);
      vp.render();
    });
  } finally {
    if (re.getViewport(VIEWPORT_ID)?.element === element) re.disableElement(VIEWPORT_ID);
    element.remove();
    releaseVolumeTexture(volume);
    const slices = [...(volume.imageIds ?? [])];
    cache.removeVolumeLoadObject(VOLUME_ID);
    for (const id of slices) if (cache.getImageLoadObject(id)) cache.removeImageLoadObject(id, { force: true });
  }
}
