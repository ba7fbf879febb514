import { analyseAblation, type AblationAnalysis } from '../ablation/analyseAblation';
import { applicatorFromDevice } from '../ablation/applicatorFromDevice';
import type { CaseDocument } from '../case/model';
import { lesionId } from '../case/lesionId';
import { rasteriseAblationZones, type Applicator } from '../volume/ablationZone';
import type { DeviceCatalogueEntry } from '../volume/devices';
import type { Labelmap } from '../volume/grid';
import { MEASUREMENT_RULES } from '../volume/measurementRules';
import type { ReportModelInput } from './model';

/** One planned applicator resolved against the device tables, with its own predicted zone. */
export interface PlannedApplicator {
  id: string;
  applicator: Applicator;
  device: DeviceCatalogueEntry;
  /** 0/1 on the case grid. */
  zone: Uint8Array;
}

export interface AblationPlanReport {
  section: NonNullable<ReportModelInput['ablationPlan']>;
  applicators: PlannedApplicator[];
  /** The analysis of the union zone (margin map for the key images); null without a resolvable applicator. */
  analysis: AblationAnalysis | null;
}

const mm = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(1)) : undefined);

/**
 * The Ablation workspace's plan as report rows: each applicator with its device setting and
 * predicted zone, and the union zone's analysis per lesion (margin by the qam method, heat sink,
 * critical structures), computed here from the saved case so the app and the CLI agree.
 * Applicators whose device setting is not in the tables are listed with the reason, never drawn
 * from a guessed size. Null when the case plans no applicator.
 */
export function ablationPlanReport(
  caseDoc: CaseDocument,
  labels: Labelmap,
  catalogue: DeviceCatalogueEntry[],
): AblationPlanReport | null {
  if (!caseDoc.applicators.length) return null;
  const planned: PlannedApplicator[] = [];
  const rows: AblationPlanReport['section']['applicators'] = [];
  for (const [n, p] of caseDoc.applicators.entries()) {
    const name = `Applicator ${n + 1}`;
    const device = catalogue.find((e) => e.id === p.settingId);
    let applicator: Applicator | null = null;
    let problem = '';
    try {
      applicator = applicatorFromDevice(p, catalogue);
    } catch (e) {
      problem = (e as Error).message;
    }
    const lengthMm = Math.hypot(p.tip[0] - p.entry[0], p.tip[1] - p.entry[1], p.tip[2] - p.entry[2]);
    if (applicator && device) {
      const zone = rasteriseAblationZones([applicator], labels.grid);
      planned.push({ id: name, applicator, device, zone });
    }
    rows.push({
      name,
      device: device ? `${device.device} (${device.modality})` : p.deviceId,
      setting: device ? `${device.powerW} W, ${device.timeMin} min` : '',
      zone: device ? `${device.longAxisMm} x ${device.shortAxisMm} mm (tip +${device.tipOffsetMm} mm)` : '',
      pathMm: Number(lengthMm.toFixed(1)),
      source: device ? `${device.source}; ${device.tissueModel}${device.verified ? '' : ', not verified'}` : '',
      ...(problem ? { problem: `Zone not drawn: ${problem}.` } : {}),
    });
  }
  const analysis = planned.length
    ? analyseAblation(
        labels,
        caseDoc.segments,
        planned.map((a) => a.applicator),
      )
    : null;
  return {
    applicators: planned,
    analysis,
    section: {
      targetMarginMm: MEASUREMENT_RULES.marginTarget.value,
      marginSource: MEASUREMENT_RULES.marginTarget.source,
      applicators: rows,
      zoneVolumeMl: analysis ? Number(analysis.zoneVolumeMl.toFixed(1)) : undefined,
      lesions: (analysis?.tumours ?? []).map((t) => {
        // A lesion no zone reaches is not a target of this plan: its "margin" (tens of mm
        // negative) would read as a failed ablation.
        const targeted = !!t.margin && t.margin.coveragePercent > 0;
        const m = targeted ? t.margin : null;
        return {
          lesion: `${lesionId(t.label)} ${t.name}`,
          minimumMm: m ? mm(m.mamMm) : undefined,
          q25Mm: m ? mm(m.q25Mm) : undefined,
          medianMm: m ? mm(m.medianMm) : undefined,
          percentBelowTarget: m ? mm(m.percentBelow5) : undefined,
          coveragePercent: t.margin ? mm(t.margin.coveragePercent) : undefined,
          heatSink: t.heatSink
            .filter((v) => v.warning)
            .map((v) => `${v.name} ${v.diameterMm.toFixed(1)} mm at ${v.distanceMm.toFixed(1)} mm`)
            .join('; '),
          note: [
            t.margin && !targeted ? 'not targeted: outside every predicted zone' : '',
            m?.residualTumour ? 'residual unablated tumour predicted' : '',
            t.note,
          ]
            .filter(Boolean)
            .join('; '),
          targeted,
        };
      }),
      critical: (analysis?.critical ?? []).map((c) => ({
        structure: c.name,
        distanceMm: c.minDistanceMm === null ? undefined : mm(c.minDistanceMm),
        searchedMm: c.searchedMm,
        warning: c.warning,
      })),
      criticalFrom: analysis?.criticalFrom === 'tumours' ? 'tumours' : 'zone',
    },
  };
}
