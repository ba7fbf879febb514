import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyseAblation } from '../../shared/ablation/analyseAblation';
import { applicatorFromDevice } from '../../shared/ablation/applicatorFromDevice';
import { remeasuredDraft } from '../../shared/case/fillMeasuredDraft';
import { measureCase, type CaseFigures } from '../../shared/case/measureCase';
import { measureSummary, measuredMargins, type MeasureSummary } from '../../shared/case/measureSummary';
import { caseDocumentSchema, CASE_FILE, LABELS_FILE, type CaseDocument } from '../../shared/case/model';
import { originRows, type OriginRow } from '../../shared/case/planOrigins';
import { savedConfirmationMargin } from '../../shared/case/savedConfirmation';
import { draftToInput, mergeDraft, type Draft } from '../../shared/planning/draft';
import { planInputDefaults } from '../../shared/planning/inputSchema';
import { mergeDeviceEntries } from '../../shared/volume/devices';
import type { Labelmap } from '../../shared/volume/grid';
import { decodeNiftiLabelmap } from '../../shared/volume/nifti';
import { CliError } from './types';

export interface CasePlanInput {
  caseDoc: CaseDocument;
  figures: CaseFigures;
  summary: MeasureSummary | null;
  /** The saved plan draft with the case re-measured (overrides kept), as evaluatePlan input. */
  input: Draft;
  /** Every measured field: its value, where it came from, and whether the user overrode it. */
  measuredInputs: OriginRow[];
  /** Why a margin was not measured (an applicator or confirmation the CLI could not read). */
  notes: string[];
}

/**
 * The plan input of a saved case folder (case.json + labels.nii.gz, the last explicit save of
 * the case store): the Plan form's saved draft, with the measured inputs taken from the one
 * measurement module exactly as the app fills them (same lesion ids, burden, target-territory
 * masses, margins from the Ablation applicators and the Confirm zone).
 */
export async function casePlanInput(dir: string): Promise<CasePlanInput> {
  const caseDoc = await readCaseDocument(dir);
  const labels = await readLabels(dir);
  const figures = measureCase({
    labels,
    segments: caseDoc.segments,
    territories: caseDoc.territories ?? [],
  });
  const notes: string[] = [];
  const margins = measuredMargins(ablationMargins(caseDoc, labels, notes), {
    tumourLabel: caseDoc.confirmation?.tumourLabel ?? null,
    mamMm: confirmedMargin(caseDoc, labels, notes),
  });
  const summary = measureSummary(figures, margins, {
    territories: caseDoc.territories ?? [],
    targetId: caseDoc.targetTerritoryId ?? null,
  });
  if (!summary) notes.push('No liver segment in the case: volumes come from the plan draft as saved.');
  // The form starts from the schema's neutral values, so a draft saved by the app holds only what differs.
  const saved = mergeDraft(planInputDefaults() as unknown as Draft, caseDoc.planInput ?? {});
  const draft = summary ? remeasuredDraft(saved, summary) : saved;
  return { caseDoc, figures, summary, input: draftToInput(draft), measuredInputs: originRows(draft), notes };
}

async function readCaseDocument(dir: string): Promise<CaseDocument> {
  const file = join(dir, CASE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CliError(
      `${dir} is not a saved case folder: cannot read ${CASE_FILE} (${(e as NodeJS.ErrnoException).code ?? e})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = caseDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`${file} is not a case document: ${issue.path.join('.') || 'document'}: ${issue.message}`);
  }
  return parsed.data;
}

async function readLabels(dir: string): Promise<Labelmap> {
  const file = join(dir, LABELS_FILE);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    throw new CliError(`the case has no labelmap: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  try {
    return decodeNiftiLabelmap(bytes);
  } catch (e) {
    throw new CliError(`${file} is not a readable labelmap: ${(e as Error).message}`);
  }
}

/**
 * The Ablation workspace's analysis of the saved applicators (predicted zone from the shipped
 * device tables, rule-data margin settings, as the app starts with). A user's own device rows
 * live in the app's data folder, which the CLI does not read: such an applicator is noted.
 */
function ablationMargins(caseDoc: CaseDocument, labels: Labelmap, notes: string[]) {
  if (!caseDoc.applicators.length) return null;
  const catalogue = mergeDeviceEntries([]).entries;
  const applicators = caseDoc.applicators.flatMap((a) => {
    try {
      return [applicatorFromDevice(a, catalogue)];
    } catch (e) {
      notes.push(`Applicator ${a.id}: ${(e as Error).message}; its zone is left out of the margins.`);
      return [];
    }
  });
  if (!applicators.length) return null;
  const segments = caseDoc.segments.map(({ label, name, kind }) => ({ label, name, kind }));
  return analyseAblation(labels, segments, applicators);
}

/** The Confirm workspace's margin: the saved post-ablation zone registered onto the case grid. */
function confirmedMargin(caseDoc: CaseDocument, labels: Labelmap, notes: string[]): number | undefined {
  const c = caseDoc.confirmation;
  if (!c || c.tumourLabel === null || !c.zoneBase64) return undefined;
  try {
    const result = savedConfirmationMargin(caseDoc, labels, c.tumourLabel, c.zoneBase64);
    return result.margin.mamMm;
  } catch (e) {
    notes.push(`Confirmation: ${(e as Error).message}; its margin is left out.`);
    return undefined;
  }
}
