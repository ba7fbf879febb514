import { fillHoles3d, growMm, keepComponentsAt } from '../segment/morphology';
import { regionGrow } from '../segment/regionGrow';
import type { ScalarVolume } from '../volume/grid';

export interface ZoneFromClickResult {
  mask: Uint8Array;
  /** The intensity window of the final grow, and the two class means it was set between. */
  window: [number, number];
  zoneMean: number;
  surroundMean: number;
}

/** Shell outside the first grow where the surrounding tissue is sampled (mm). */
const SHELL_MM: [number, number] = [2, 5];

function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The non-enhancing coagulation zone on a post-ablation CT from one click. A plain region grow
 * stops where the window estimated from the seed's neighbourhood ends, about a voxel inside the
 * blurred edge, and a zone drawn too small reads as a too-small margin. So the zone is grown
 * twice: the first grow finds the zone's core and mean, the tissue in a shell just outside gives
 * the surrounding mean, and the final grow uses the half-way intensity between them as its edge
 * (the half-maximum boundary of a blurred step), symmetric about the zone mean; enclosed holes
 * (a patent vessel, a gas bubble) are filled.
 */
export function zoneFromClick(
  volume: ScalarVolume,
  seed: number,
  options: { maxRadiusMm?: number; onProgress?(fraction: number): void } = {},
): ZoneFromClickResult {
  const { grid, data } = volume;
  const maxRadiusMm = options.maxRadiusMm ?? 60;
  const core = regionGrow(volume, { seeds: [seed], smoothingRadiusMm: 1, maxRadiusMm }).mask;
  options.onProgress?.(0.3);
  const inner = growMm(core, grid, SHELL_MM[0]);
  const outer = growMm(core, grid, SHELL_MM[1]);
  const zoneValues: number[] = [];
  const shellValues: number[] = [];
  for (let n = 0; n < core.length; n++) {
    if (core[n]) zoneValues.push(data[n]!);
    else if (outer[n] && !inner[n]) shellValues.push(data[n]!);
  }
  const zoneMean = median(zoneValues);
  const surroundMean = median(shellValues);
  options.onProgress?.(0.6);
  // No brighter surround (zone against fat or air): the first grow is the best edge there is.
  if (!(surroundMean > zoneMean + 10)) {
    return { mask: core, window: [zoneMean, zoneMean], zoneMean, surroundMean };
  }
  const hi = (zoneMean + surroundMean) / 2;
  const window: [number, number] = [zoneMean - (hi - zoneMean), hi];
  const grown = regionGrow(volume, { seeds: [seed], window, smoothingRadiusMm: 1, maxRadiusMm }).mask;
  const mask = keepComponentsAt(fillHoles3d(grown, grid.dims), grid.dims, [seed]);
  options.onProgress?.(1);
  return { mask, window, zoneMean, surroundMean };
}
