import type { Code } from './model';
import { SEGMENT_TEMPLATES, type SegmentTemplate } from './segmentTemplates';

/** SNOMED CT (and private) type codes that name a template beyond the templates' own codes. */
const TYPE_CODE_TEMPLATE: Record<string, string> = {
  '10200004': 'liver',
  '14799000': 'lesion', // Neoplasm, metastatic / secondary
  '52988006': 'lesion', // Lesion
  '108369006': 'lesion', // Neoplasm
  '86049000': 'lesion', // Malignant neoplasm, primary
  '4147007': 'lesion', // Mass
  '27925004': 'lesion', // Nodule
  '25370001': 'lesion', // Hepatocellular carcinoma
  '32764006': 'portal-vein',
  '8993003': 'hepatic-vein',
  '76015000': 'hepatic-artery',
  '64131007': 'ivc',
  '28231008': 'gallbladder',
  '79741001': 'bile-duct',
  '5798000': 'diaphragm',
  '71854001': 'colon',
  '69695003': 'stomach',
  LP001: 'ablation-zone',
  LP002: 'target',
};
/** Morphologically Abnormal Structure: any finding in it is a lesion. */
const ABNORMAL_CATEGORY = '49755003';

/** Names people give segments, checked in this order (lesion words before organ words: "liver lesion"). */
const NAME_PATTERNS: [RegExp, string][] = [
  [/lesion|tum[o]?u?r|metasta|neoplas|nodul|mass\b|hcc|carcinom|cancer|gtv/i, 'lesion'],
  [/ablat/i, 'ablation-zone'],
  [/perfus|target/i, 'target'],
  [/portal/i, 'portal-vein'],
  [/hepatic.?vein|\bhv\b/i, 'hepatic-vein'],
  [/arter/i, 'hepatic-artery'],
  [/cava|\bivc\b/i, 'ivc'],
  [/gall/i, 'gallbladder'],
  [/bile|biliar|cbd/i, 'bile-duct'],
  [/diaphragm/i, 'diaphragm'],
  [/colon|bowel/i, 'colon'],
  [/stomach|gastr/i, 'stomach'],
  [/liver|hepar|hepat/i, 'liver'],
];

export const templateById = (id: string): SegmentTemplate => SEGMENT_TEMPLATES.find((t) => t.id === id)!;

/**
 * The segment template an imported segment most likely is: by its coded type
 * first (SEG), then its category (abnormal = lesion), then its name (NIfTI
 * sidecars, free-text SEG labels). null when nothing says what it is.
 */
export function guessSegmentTemplate(name: string, type?: Code, category?: Code): SegmentTemplate | null {
  const byCode = type && TYPE_CODE_TEMPLATE[type.value];
  if (byCode) return templateById(byCode);
  for (const [pattern, id] of NAME_PATTERNS) if (pattern.test(name)) return templateById(id);
  if (type?.meaning) for (const [pattern, id] of NAME_PATTERNS) if (pattern.test(type.meaning)) return templateById(id);
  if (category?.value === ABNORMAL_CATEGORY) return templateById('lesion');
  return null;
}
