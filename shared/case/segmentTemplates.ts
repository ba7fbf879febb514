import type { Code, Segment } from './model';
import { newSegmentUid } from './segmentUid';

/**
 * Segment templates with their DICOM codes (clinical-rules.md section 7:
 * SNOMED CT codes used by DICOM SEG, CID 7170 for Couinaud segments). The
 * ablation zone and perfused target have no standard code: they use the
 * product's private scheme "99LVRPLN", documented in docs/private-codes.md.
 */
const sct = (value: string, meaning: string): Code => ({ value, scheme: 'SCT', meaning });
export const PRIVATE_SCHEME = '99LVRPLN';
const priv = (value: string, meaning: string): Code => ({ value, scheme: PRIVATE_SCHEME, meaning });

const ANATOMY = sct('91723000', 'Anatomical Structure');
const ABNORMAL = sct('49755003', 'Morphologically Abnormal Structure');
const PHYSICAL = sct('260787004', 'Physical object');

export interface SegmentTemplate {
  id: string;
  name: string;
  kind: Segment['kind'];
  category: Code;
  type: Code;
  color: [number, number, number];
}

export const SEGMENT_TEMPLATES: SegmentTemplate[] = [
  {
    id: 'liver',
    name: 'Liver',
    kind: 'liver',
    category: ANATOMY,
    type: sct('10200004', 'Liver'),
    color: [221, 130, 101],
  },
  {
    id: 'lesion',
    name: 'Lesion',
    kind: 'lesion',
    category: ABNORMAL,
    type: sct('14799000', 'Neoplasm, Secondary'),
    color: [255, 235, 59],
  },
  {
    id: 'portal-vein',
    name: 'Portal vein',
    kind: 'vessel',
    category: ANATOMY,
    type: sct('32764006', 'Portal vein'),
    color: [0, 151, 206],
  },
  {
    id: 'hepatic-vein',
    name: 'Hepatic veins',
    kind: 'vessel',
    category: ANATOMY,
    type: sct('8993003', 'Hepatic vein'),
    color: [0, 90, 180],
  },
  {
    id: 'hepatic-artery',
    name: 'Hepatic artery',
    kind: 'vessel',
    category: ANATOMY,
    type: sct('76015000', 'Hepatic artery'),
    color: [216, 40, 40],
  },
  {
    id: 'ivc',
    name: 'IVC',
    kind: 'vessel',
    category: ANATOMY,
    type: sct('64131007', 'Inferior vena cava'),
    color: [60, 60, 200],
  },
  {
    id: 'gallbladder',
    name: 'Gallbladder',
    kind: 'critical',
    category: ANATOMY,
    type: sct('28231008', 'Gallbladder'),
    color: [139, 195, 74],
  },
  {
    id: 'bile-duct',
    name: 'Common bile duct',
    kind: 'critical',
    category: ANATOMY,
    type: sct('79741001', 'Common bile duct'),
    color: [170, 220, 120],
  },
  {
    id: 'diaphragm',
    name: 'Diaphragm',
    kind: 'critical',
    category: ANATOMY,
    type: sct('5798000', 'Diaphragm'),
    color: [200, 120, 200],
  },
  {
    id: 'colon',
    name: 'Colon',
    kind: 'critical',
    category: ANATOMY,
    type: sct('71854001', 'Colon'),
    color: [160, 110, 60],
  },
  {
    id: 'stomach',
    name: 'Stomach',
    kind: 'critical',
    category: ANATOMY,
    type: sct('69695003', 'Stomach'),
    color: [230, 160, 90],
  },
  {
    id: 'ablation-zone',
    name: 'Ablation zone',
    kind: 'ablation',
    category: PHYSICAL,
    type: priv('LP001', 'Ablation zone'),
    color: [255, 87, 34],
  },
  {
    id: 'target',
    name: 'Perfused target volume',
    kind: 'target',
    category: ANATOMY,
    type: priv('LP002', 'Perfused target volume'),
    color: [156, 39, 176],
  },
];

/** Lesions are numbered: "Lesion 1", "Lesion 2", ... each its own segment. */
export function nextLesionName(existing: Segment[]): string {
  const used = new Set(existing.filter((s) => s.kind === 'lesion').map((s) => s.name));
  for (let n = 1; ; n++) if (!used.has(`Lesion ${n}`)) return `Lesion ${n}`;
}

const LESION_COLORS: [number, number, number][] = [
  [255, 235, 59],
  [255, 152, 0],
  [233, 30, 99],
  [0, 188, 212],
  [205, 220, 57],
  [121, 85, 72],
];

/** A new segment from a template, with the lowest free label value. */
export function segmentFromTemplate(template: SegmentTemplate, existing: Segment[]): Segment {
  const used = new Set(existing.map((s) => s.label));
  let label = 1;
  while (used.has(label)) label++;
  const lesionIndex = existing.filter((s) => s.kind === 'lesion').length;
  return {
    label,
    name: template.kind === 'lesion' ? nextLesionName(existing) : template.name,
    kind: template.kind,
    category: template.category,
    type: template.type,
    color: template.kind === 'lesion' ? LESION_COLORS[lesionIndex % LESION_COLORS.length]! : template.color,
    visible: true,
    locked: false,
    uid: newSegmentUid(),
  };
}
