import type { TerritoryFigures } from '../case/measureCase';
import type { CaseDocument } from '../case/model';
import { keptSideWords } from '../case/liverSplit';
import { originRows } from '../case/planOrigins';
import { getAtPath } from '../planning/draft';
import { fieldLabel, LESION_FIELD_LABELS, type FieldLabel } from '../planning/fieldLabels';
import type { ReportModelInput } from './model';

const v = (x: number, digits = 1) => x.toFixed(digits);

/** The report rows of the case's territories: how each was cut, and tumour and normal liver inside it. */
export function reportTerritories(
  caseDoc: CaseDocument,
  figures: readonly TerritoryFigures[],
): NonNullable<ReportModelInput['territories']> {
  return (caseDoc.territories ?? []).flatMap((t) => {
    const f = figures.find((x) => x.id === t.id)?.figures;
    if (!f) return [];
    return [
      {
        name: t.name,
        target: t.id === caseDoc.targetTerritoryId,
        planes: t.planes.map((p) => `${keptSideWords(p)} of a 3-point plane`).join('; '),
        targetMl: f.targetMl,
        tumourMl: f.tumourMl,
        normalMl: f.normalMl,
        tumourKg: f.tumourKg,
        normalKg: f.normalKg,
        density: `${f.density.value} ${f.density.unit} (${f.density.source})`,
      },
    ];
  });
}

/** The measured plan inputs of the case, each marked measured or overridden. */
export function reportInputOrigins(caseDoc: CaseDocument): NonNullable<ReportModelInput['inputOrigins']> {
  if (!caseDoc.planInput) return [];
  return originRows(caseDoc.planInput).map((r) => {
    const { label, unit } = labelOf(caseDoc.planInput!, r.path);
    const u = unit ? ` ${unit}` : '';
    return {
      field: label,
      value: r.value === undefined ? '-' : `${v(r.value)}${u}`,
      source: r.overridden ? `overridden (measured ${v(r.measured)}${u}, ${r.source})` : r.source,
      overridden: r.overridden,
    };
  });
}

/** A lesion field is named after its lesion ("Lesion L2 diameter"), as the plan form names it. */
function labelOf(draft: Record<string, unknown>, path: string): FieldLabel {
  const m = /^measured\.lesions\.(\d+)\.(\w+)$/.exec(path);
  const known = m && LESION_FIELD_LABELS[m[2]!];
  if (!m || !known) return fieldLabel(path);
  return { ...known, label: `Lesion ${String(getAtPath(draft, `measured.lesions.${m[1]}.id`))} ${known.label}` };
}
