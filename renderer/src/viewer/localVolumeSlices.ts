import { cache, ImageVolume, utilities, type Types } from '@cornerstonejs/core';
import type { Grid } from '../../../shared/volume/grid';
import { planeRanges } from './sliceSamples';

export interface LocalSeriesInfo {
  seriesInstanceUid: string;
  frameOfReferenceUID: string | undefined;
  modality: string;
  /** The scanner's window as Cornerstone's voiLutModule, if the series has one. */
  voi?: object;
}

type Samples = Int16Array | Uint16Array | Float32Array;

/** What a local series volume needs to put one more of its slices in. */
interface Slices {
  grid: Grid;
  series: LocalSeriesInfo;
}

const slicesOf = new WeakMap<Types.IImageVolume, Slices>();

/**
 * A Cornerstone volume on `grid`. Given `data` (all slices, one after the other), every slice is
 * there at once, a view of its part of `data`. Given only a sample type, no slice is there until
 * addLocalSlice puts it in, as a streaming volume's slices are: the texture uploads (and a
 * re-upload re-sends) only the slices in, and nothing walks slices not yet written. Nothing is
 * copied either way: the cached slice images are the volume's voxels.
 */
export function createLocalSeriesVolume(
  volumeId: string,
  grid: Grid,
  data: Samples | Types.PixelDataTypedArrayString,
  series: LocalSeriesInfo,
  metadata: Types.Metadata,
): Types.IImageVolume {
  // No ':' in a slice's id, though series UIDs made up for files without one may hold it: Cornerstone
  // takes what precedes it for an image loader's scheme and, for a volume without a header window,
  // reloads the middle slice through that loader (there is none for local slices).
  const stem = encodeURIComponent(volumeId);
  const imageIds = Array.from({ length: grid.dims[2] }, (_, k) => `${stem}_slice_${k}`);
  const volume = new ImageVolume({
    volumeId,
    metadata: structuredClone(metadata),
    dimensions: [...grid.dims] as Types.Point3,
    spacing: [...grid.spacing] as Types.Point3,
    origin: [...grid.origin] as Types.Point3,
    direction: [...grid.direction] as Types.Mat3,
    imageIds,
    dataType: typeof data === 'string' ? data : (data.constructor.name as Types.PixelDataTypedArrayString),
  });
  cache.putVolumeSync(volumeId, volume);
  slicesOf.set(volume, { grid, series });
  // Every slice is described at once: the opening window reads the middle one's before it is in.
  for (let k = 0; k < imageIds.length; k++) describeSlice(volume, k);
  if (typeof data === 'string') return volume;
  const plane = grid.dims[0] * grid.dims[1];
  for (let k = 0; k < imageIds.length; k++) addLocalSlice(volume, k, data.subarray(k * plane, (k + 1) * plane));
  return volume;
}

/**
 * Puts slice k of a local series volume in: a cached image whose voxels are `samples` (not
 * copied), with their value range when the caller has it. The image is the one Cornerstone's
 * createAndCacheLocalImage makes, less its own range scan: over 900 slices that scan alone held
 * the page's thread for 2.5 s, and the fetch worker has the range already.
 */
export function addLocalSlice(
  volume: Types.IImageVolume,
  k: number,
  samples: Samples,
  range: ArrayLike<number> = planeRanges(samples, samples.length),
): void {
  const s = slicesOf.get(volume);
  if (!s) throw new Error(`${volume.volumeId} is not a local series volume`);
  const { grid, series } = s;
  const [width, height] = [grid.dims[0], grid.dims[1]];
  const imageId = volume.imageIds[k]!;
  const bits = samples instanceof Float32Array ? 32 : 16;
  utilities.genericMetadataProvider.add(imageId, {
    type: 'imagePixelModule',
    metadata: {
      samplesPerPixel: 1,
      photometricInterpretation: 'MONOCHROME2',
      rows: height,
      columns: width,
      bitsAllocated: bits,
      bitsStored: bits,
      highBit: bits - 1,
    },
  });
  describeSlice(volume, k);
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({
    width,
    height,
    numberOfComponents: 1,
    scalarData: samples,
    id: imageId,
  });
  cache.putImageSync(imageId, {
    imageId,
    intercept: 0,
    slope: 1,
    windowCenter: 0,
    windowWidth: 0,
    color: false,
    numberOfComponents: 1,
    dataType: samples.constructor.name as Types.PixelDataTypedArrayString,
    minPixelValue: range[0],
    maxPixelValue: range[1],
    rows: height,
    columns: width,
    height,
    width,
    getCanvas: undefined,
    rgba: undefined,
    columnPixelSpacing: grid.spacing[0],
    rowPixelSpacing: grid.spacing[1],
    FrameOfReferenceUID: series.frameOfReferenceUID,
    invert: false,
    getPixelData: () => voxelManager.getScalarData(),
    voxelManager,
    sizeInBytes: samples.byteLength,
  } as unknown as Types.IImage);
}

/**
 * Slice k's metadata: placed where it lies (Cornerstone gives every local slice the volume's
 * origin), with the scanner's window and the modality for the opening window and the tools.
 */
function describeSlice(volume: Types.IImageVolume, k: number): void {
  const { grid, series } = slicesOf.get(volume)!;
  const id = volume.imageIds[k]!;
  const d = grid.direction;
  const [row, col, normal] = [d.slice(0, 3), d.slice(3, 6), d.slice(6, 9)];
  const add = (type: string, m: object) => utilities.genericMetadataProvider.add(id, { type, metadata: m });
  add('imagePlaneModule', {
    frameOfReferenceUID: series.frameOfReferenceUID,
    rows: grid.dims[1],
    columns: grid.dims[0],
    imageOrientationPatient: [...row, ...col],
    rowCosines: row,
    columnCosines: col,
    imagePositionPatient: grid.origin.map((o, a) => o + k * grid.spacing[2] * normal[a]!),
    pixelSpacing: [grid.spacing[1], grid.spacing[0]],
    rowPixelSpacing: grid.spacing[1],
    columnPixelSpacing: grid.spacing[0],
  });
  if (series.voi) add('voiLutModule', series.voi);
  add('generalSeriesModule', { modality: series.modality, seriesInstanceUID: series.seriesInstanceUid });
}
