import { parseArgs } from 'node:util';
import { loadSeriesVolume } from '../../electron/services/dicom/loadSeries';
import { measureCase } from '../../shared/case/measureCase';
import type { MeasureSegment } from '../../shared/case/measureSegment';
import { loadCaseLabels } from '../loadLabelmap';
import { loadMask, parseLabel } from '../loadMask';
import { CliError, type CliCommand } from './types';

const USAGE =
  'liverplan volumetry --image SERIES_DIR --labels FILE [--liver N] [--tumour N ...] [--vessel N ...]\n' +
  '                    [--target MASK_FILE] [--json]\n' +
  '  FILE: DICOM SEG (.dcm; liver, lesions and vessels recognised by their codes, each lesion segment\n' +
  '  one lesion) or NIfTI labelmap (each separate part of a tumour label one lesion), in the image\n' +
  '  patient space (resampled when its grid differs). Overlapping SEG segments: the later one wins,\n' +
  '  as in the app import. --target: the Y-90 target territory (any nonzero voxel of a NIfTI or SEG).';

const r = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** Volumes, HU, whole liver, burden, the lesion list and target-territory masses: shared/case/measureCase. */
export const volumetryCommand: CliCommand = {
  name: 'volumetry',
  summary: 'Volumes, HU, whole liver, tumour burden, lesions and Y-90 target masses of a labelmap on a series',
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        image: { type: 'string' },
        labels: { type: 'string' },
        liver: { type: 'string' },
        tumour: { type: 'string', multiple: true },
        vessel: { type: 'string', multiple: true },
        target: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    if (!values.image || !values.labels) throw new CliError(`usage: ${USAGE}`, 2);
    const liverLabel = parseLabel(values.liver, 'liver');
    const tumourLabels = (values.tumour ?? []).map((t) => parseLabel(t, 'tumour')!);
    const vesselLabels = (values.vessel ?? []).map((t) => parseLabel(t, 'vessel')!);
    const { volume, series } = await loadSeriesVolume(values.image).catch((e: Error) => {
      throw new CliError(`${values.image}: ${e.message}`);
    });
    const grid = volume.grid;
    const file = await loadCaseLabels(values.labels, grid);
    for (const l of [liverLabel, ...tumourLabels, ...vesselLabels]) {
      if (l !== undefined && !file.segments.some((s) => s.sourceNumber === l))
        throw new CliError(`${values.labels}: has no label ${l}`);
    }
    // Labels named on the command line play their role; without them the file's codes or names decide.
    const role = (label: number, kind: MeasureSegment['kind']): MeasureSegment['kind'] => {
      if (label === liverLabel) return 'liver';
      if (tumourLabels.includes(label)) return 'lesion';
      if (vesselLabels.includes(label)) return 'vessel';
      // A role named on the command line is named completely: other segments of that kind play none.
      const named = {
        liver: liverLabel !== undefined,
        lesion: tumourLabels.length > 0,
        vessel: vesselLabels.length > 0,
      };
      return kind in named && named[kind as keyof typeof named] ? 'other' : kind;
    };
    const segments: MeasureSegment[] = file.segments.map((s) => {
      const kind = role(s.sourceNumber, s.kind);
      return {
        label: s.sourceNumber,
        name: s.name,
        kind,
        // A vessel named by --vessel is taken at its word: no code says it is the IVC.
        ...(vesselLabels.includes(s.sourceNumber) ? {} : { type: s.type }),
        // A NIfTI from another tool holds every tumour in one label; a SEG has one segment per lesion.
        ...(kind === 'lesion' && file.format === 'nifti' ? { multiLesion: true } : {}),
      };
    });
    const target = values.target ? (await loadMask(values.target, grid)).mask : undefined;
    const f = measureCase({
      labels: file.labels,
      segments,
      phases: [{ name: series.description || series.seriesInstanceUid, volume }],
      ...(target ? { target } : {}),
    });

    const out = f.segments.map((st) => {
      const hu = st.intensity[0]!;
      return {
        label: st.label,
        name: segments.find((s) => s.label === st.label)!.name,
        voxels: st.voxelCount,
        volumeMl: r(st.volumeMl, 3),
        hu: { mean: r(hu.mean, 1), sd: r(hu.sd, 1), min: hu.min, max: hu.max },
        axialLongestMm: r(st.axialLongestMm, 1),
        axialPerpendicularMm: r(st.axialPerpendicularMm, 1),
        maxDiameter3dMm: r(st.maxDiameter3dMm, 1),
        centroidLps: st.centroidLps.map((v) => r(v, 1)),
      };
    });
    const lesions = f.lesions.map((l) => ({
      id: l.id,
      label: l.segmentLabel,
      name: l.name,
      voxels: l.voxels,
      volumeMl: r(l.volumeMl, 3),
      axialLongestMm: r(l.axialLongestMm, 1),
      axialPerpendicularMm: r(l.axialPerpendicularMm, 1),
      maxDiameter3dMm: r(l.maxDiameter3dMm, 1),
      meanHu: r(l.intensity[0]!.mean, 1),
      lobe: l.lobe,
    }));
    const t = f.target;
    const json = {
      segments: out,
      voxelVolumeMm3: r(f.voxelVolumeMm3, 6),
      wholeLiverMl: f.wholeLiver ? r(f.wholeLiver.ml, 3) : null,
      intrahepaticVesselMl: f.wholeLiver ? r(f.wholeLiver.intrahepaticVesselMl, 3) : null,
      tumourMl: f.burden ? r(f.burden.tumourMl, 3) : null,
      tumourBurdenPercent: f.burden ? r(f.burden.percent, 2) : null,
      burdenBin: f.burden?.bin ?? null,
      liverIncludingTumourMl: f.burden ? r(f.burden.liverIncludingTumourMl, 3) : null,
      lesionCount: f.lesionCount,
      lesions,
      lesionChecks: f.lesionChecks,
      ...(t
        ? {
            target: {
              maskMl: r(t.maskMl, 3),
              targetMl: r(t.targetMl, 3),
              tumourMl: r(t.tumourMl, 3),
              normalMl: r(t.normalMl, 3),
              targetKg: r(t.targetKg, 4),
              tumourKg: r(t.tumourKg, 4),
              normalKg: r(t.normalKg, 4),
              densityGPerMl: t.density.value,
              densitySource: t.density.source,
            },
          }
        : {}),
      method: 'DCM 126030 Sum of segmented voxel method for volume',
    };
    const text = [
      ...out.map(
        (s) =>
          `${String(s.label).padStart(3)}  ${s.name.padEnd(24)} ${s.volumeMl.toFixed(1).padStart(9)} mL  HU ${s.hu.mean} ± ${s.hu.sd}`,
      ),
      f.burden
        ? `whole liver ${json.wholeLiverMl} mL (incl. tumour and ${json.intrahepaticVesselMl} mL intrahepatic vessels); tumour burden ${json.tumourBurdenPercent}% (${f.burden.bin})`
        : `tumour burden: ${f.burdenNote} (use --liver N)`,
      `lesions: ${f.lesionCount}`,
      ...lesions.map(
        (l) =>
          `  ${l.id.padEnd(6)} ${l.name.padEnd(24)} ${l.volumeMl.toFixed(1).padStart(8)} mL  ${l.axialLongestMm} mm axial, ${l.maxDiameter3dMm} mm 3D, lobe ${l.lobe ?? 'not split'}`,
      ),
      ...f.lesionChecks.map((c) => `  check: ${c.name} (${c.id}) has ${c.parts} separate parts, counted as one lesion`),
      ...(t
        ? [
            `target: ${r(t.targetMl, 1)} mL of liver (tumour ${r(t.tumourMl, 1)} mL = ${r(t.tumourKg, 3)} kg, normal ${r(t.normalMl, 1)} mL = ${r(t.normalKg, 3)} kg at ${t.density.value} g/mL)`,
          ]
        : []),
    ].join('\n');
    return { json, text };
  },
};
