import { parseArgs } from 'node:util';
import { loadSeriesVolume } from '../../electron/services/dicom/loadSeries';
import { tumourBurdenFromMasks } from '../../shared/volume/burden';
import { labelComponents } from '../../shared/volume/components';
import { voxelVolumeMm3 } from '../../shared/volume/grid';
import { segmentStatistics } from '../../shared/volume/stats';
import { loadLabelSegments } from '../loadLabelmap';
import { parseLabel } from '../loadMask';
import { CliError, type CliCommand } from './types';

const USAGE =
  'liverplan volumetry --image SERIES_DIR --labels FILE [--liver N] [--tumour N ...] [--json]\n' +
  '  FILE: DICOM SEG (.dcm; liver and lesions recognised by their codes) or NIfTI labelmap\n' +
  '  in the image patient space (resampled when its grid differs).';

const r = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** Per-segment volumes and HU statistics, lesion count and tumour burden (the Segment panel's figures). */
export const volumetryCommand: CliCommand = {
  name: 'volumetry',
  summary: 'Volumes, HU statistics, lesion count and tumour burden of a labelmap on a series',
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        image: { type: 'string' },
        labels: { type: 'string' },
        liver: { type: 'string' },
        tumour: { type: 'string', multiple: true },
        json: { type: 'boolean' },
      },
    });
    if (!values.image || !values.labels) throw new CliError(`usage: ${USAGE}`, 2);
    const { volume, series } = await loadSeriesVolume(values.image).catch((e: Error) => {
      throw new CliError(`${values.image}: ${e.message}`);
    });
    const grid = volume.grid;
    const segments = loadLabelSegments(values.labels, grid);
    if (segments.length === 0) throw new CliError(`${values.labels}: no segments`);
    const liverLabel = parseLabel(values.liver, 'liver');
    const tumourLabels = (values.tumour ?? []).map((t) => parseLabel(t, 'tumour')!);
    const isLiver = (s: (typeof segments)[number]) =>
      liverLabel !== undefined ? s.label === liverLabel : s.kind === 'liver';
    const isTumour = (s: (typeof segments)[number]) =>
      tumourLabels.length ? tumourLabels.includes(s.label) : s.kind === 'tumour';
    for (const l of [liverLabel, ...tumourLabels]) {
      if (l !== undefined && !segments.some((s) => s.label === l))
        throw new CliError(`${values.labels}: has no label ${l}`);
    }

    const phase = { name: series.description || series.seriesInstanceUid, volume };
    const out = segments.map((s) => {
      const [st] = segmentStatistics({ grid, data: s.mask }, [phase], [1]);
      const hu = st!.intensity[0]!;
      return {
        label: s.label,
        name: s.name,
        voxels: st!.voxelCount,
        volumeMl: r(st!.volumeMl, 3),
        hu: { mean: r(hu.mean, 1), sd: r(hu.sd, 1), min: hu.min, max: hu.max },
        axialLongestMm: r(st!.axialLongestMm, 1),
        axialPerpendicularMm: r(st!.axialPerpendicularMm, 1),
        maxDiameter3dMm: r(st!.maxDiameter3dMm, 1),
        centroidLps: st!.centroidLps.map((v) => r(v, 1)),
      };
    });

    const n = grid.dims[0] * grid.dims[1] * grid.dims[2];
    const liver = new Uint8Array(n);
    const tumour = new Uint8Array(n);
    for (const s of segments) {
      const target = isTumour(s) ? tumour : isLiver(s) ? liver : null;
      if (target) for (let i = 0; i < n; i++) if (s.mask[i]) target[i] = 1;
    }
    const hasTumour = tumour.some((v) => v);
    const hasLiver = liver.some((v) => v);
    const burden = hasLiver ? tumourBurdenFromMasks(liver, tumour, voxelVolumeMm3(grid)) : null;
    const json = {
      segments: out,
      voxelVolumeMm3: r(voxelVolumeMm3(grid), 6),
      lesionCount: hasTumour ? labelComponents(tumour, grid.dims, 6).count : 0,
      tumourBurdenPercent: burden ? r(burden.percent, 2) : null,
      burdenBin: burden?.bin ?? null,
      liverIncludingTumourMl: burden ? r(burden.liverIncludingTumourMl, 3) : null,
      method: 'DCM 126030 Sum of segmented voxel method for volume',
    };
    const text = [
      ...out.map(
        (s) =>
          `${String(s.label).padStart(3)}  ${s.name.padEnd(24)} ${s.volumeMl.toFixed(1).padStart(9)} mL  HU ${s.hu.mean} ± ${s.hu.sd}`,
      ),
      `lesions (connected components): ${json.lesionCount}`,
      burden
        ? `tumour burden: ${json.tumourBurdenPercent}% (${burden.bin}) of ${json.liverIncludingTumourMl} mL`
        : 'tumour burden: no liver segment (use --liver N)',
    ].join('\n');
    return { json, text };
  },
};
