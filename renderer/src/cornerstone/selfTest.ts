import { Enums, RenderingEngine, cache, volumeLoader, type Types } from '@cornerstonejs/core';

const ENGINE_ID = 'liverplan-selftest';
const VOLUME_ID = 'liverplan_selftest_volume';

/**
 * Display self-test: renders a generated 64^3 phantom (a bright sphere in a
 * darker cube) in a Cornerstone3D volume viewport, so a user or a test can
 * tell whether WebGL volume rendering works on this machine.
 */
export async function runDisplaySelfTest(element: HTMLDivElement): Promise<{ ms: number }> {
  const t0 = performance.now();
  const n = 64;
  const data = new Int16Array(n * n * n);
  for (let k = 0; k < n; k++)
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        const r = Math.hypot(i - 32, j - 28, k - 32);
        data[i + n * (j + n * k)] = r < 14 ? 300 : r < 26 ? 60 : -1000;
      }
  if (cache.getVolume(VOLUME_ID)) cache.removeVolumeLoadObject(VOLUME_ID);
  const volume = volumeLoader.createLocalVolume(VOLUME_ID, {
    dimensions: [n, n, n],
    spacing: [1, 1, 2],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Types.Mat3,
    scalarData: data,
    metadata: {
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 1,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Modality: 'CT',
      PixelSpacing: [1, 1],
      FrameOfReferenceUID: '2.25.1',
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      voiLut: [{ windowCenter: 40, windowWidth: 400 }],
      Columns: n,
      Rows: n,
    } as unknown as Types.Metadata,
  });
  volume.modified?.();
  const engine = new RenderingEngine(ENGINE_ID);
  const viewportId = 'selftest-axial';
  engine.enableElement({
    viewportId,
    type: Enums.ViewportType.ORTHOGRAPHIC,
    element,
    defaultOptions: { orientation: Enums.OrientationAxis.AXIAL },
  });
  const viewport = engine.getViewport(viewportId) as Types.IVolumeViewport;
  await viewport.setVolumes([{ volumeId: VOLUME_ID }]);
  viewport.setProperties({ voiRange: { lower: -160, upper: 240 } });
  viewport.render();
  return { ms: performance.now() - t0 };
}
