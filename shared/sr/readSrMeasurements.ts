import type { NaturalDataset } from '../dicom/writeInstance';
import type { Code } from './codes';

/** One numeric measurement of another tool's (or our) TID 1500 report, with its group's identity. */
export interface SrMeasurementRow {
  /** 1-based position of its measurement group in the report. */
  group: number;
  trackingId: string;
  trackingUid: string;
  finding?: Code;
  findingSite?: Code;
  name: Code;
  /** null when the NUM carries no value (a Numeric Value Qualifier such as "Not a number" instead). */
  value: number | null;
  unit?: Code;
  /** Why value is null (NumericValueQualifierCodeSequence). */
  qualifier?: Code;
  derivation?: Code;
  method?: Code;
}

export interface SrMeasurementList {
  /** Document title (root concept name), e.g. "Imaging Measurement Report". */
  title: string;
  /** ContentTemplateSequence's TemplateIdentifier, when the file says. */
  template: string;
  groups: number;
  rows: SrMeasurementRow[];
}

/**
 * Concepts this reader needs, with the codes other tools still write for
 * them (SRT before SNOMED CT ids, as older dcmqi and OHIF do).
 */
const C = {
  report: [['DCM', '126000']],
  imagingMeasurements: [['DCM', '126010']],
  group: [['DCM', '125007']],
  trackingId: [['DCM', '112039']],
  trackingUid: [['DCM', '112040']],
  finding: [['DCM', '121071']],
  findingSite: [
    ['SCT', '363698007'],
    ['SRT', 'G-C0E3'],
  ],
  method: [
    ['SCT', '370129005'],
    ['SRT', 'G-C036'],
  ],
  derivation: [['DCM', '121401']],
} as const;

type Concept = readonly (readonly [string, string])[];

const is = (code: Code | undefined, concept: Concept) =>
  Boolean(code) && concept.some(([scheme, value]) => code!.scheme === scheme && code!.value === value);

/**
 * Every numeric measurement of a TID 1500 Imaging Measurement Report, from a
 * dcmjs naturalized dataset written by any tool: measurement groups (TID 1411
 * volumetric, TID 1501 planar, TID 1410...) found at any depth under Imaging
 * Measurements, their tracking identifier and UID, finding and finding site,
 * and each NUM's concept, value, unit, derivation and method. Finding site
 * and tracking ids given on the NUM itself override the group's.
 * Throws with the document's title when it is not a TID 1500 report.
 */
export function readSrMeasurements(ds: NaturalDataset): SrMeasurementList {
  const title = conceptOf(ds)?.meaning || text(ds.SeriesDescription) || 'untitled';
  const template = text(seq(ds.ContentTemplateSequence)[0]?.TemplateIdentifier);
  const isReport = is(conceptOf(ds), C.report) || template === '1500';
  const containers = findAll(
    ds,
    (i) => is(conceptOf(i), C.imagingMeasurements),
    () => false,
  );
  if (!isReport || !containers.length)
    throw new Error(
      `"${title}" is not a TID 1500 Imaging Measurement Report${template ? ` (template ${template})` : ''}; it has no measurements to list`,
    );
  const groups = containers.flatMap((c) =>
    findAll(
      c,
      (i) => is(conceptOf(i), C.group),
      (i) => is(conceptOf(i), C.group),
    ),
  );
  const rows: SrMeasurementRow[] = [];
  groups.forEach((g, n) => {
    const items = descendants(g);
    const base = identity(items);
    for (const num of items.filter((i) => i.ValueType === 'NUM')) {
      const name = conceptOf(num);
      if (!name) continue;
      const mods = seq(num.ContentSequence);
      const own = identity(mods);
      const mv = seq(num.MeasuredValueSequence)[0];
      const raw = mv ? Number(Array.isArray(mv.NumericValue) ? mv.NumericValue[0] : mv.NumericValue) : NaN;
      const unit = toCode(seq(mv?.MeasurementUnitsCodeSequence)[0]);
      const qualifier = toCode(seq(num.NumericValueQualifierCodeSequence)[0]);
      const derivation = valueOf(mods.find((m) => is(conceptOf(m), C.derivation)));
      const method = valueOf(mods.find((m) => is(conceptOf(m), C.method)));
      const findingSite = own.findingSite ?? base.findingSite;
      const finding = own.finding ?? base.finding;
      rows.push({
        group: n + 1,
        trackingId: own.trackingId || base.trackingId,
        trackingUid: own.trackingUid || base.trackingUid,
        ...(finding ? { finding } : {}),
        ...(findingSite ? { findingSite } : {}),
        name,
        value: Number.isFinite(raw) ? raw : null,
        ...(unit ? { unit } : {}),
        ...(qualifier ? { qualifier } : {}),
        ...(derivation ? { derivation } : {}),
        ...(method ? { method } : {}),
      });
    }
  });
  return { title, template, groups: groups.length, rows };
}

/** Tracking ids, finding and finding site among a list of content items. */
function identity(items: NaturalDataset[]) {
  const find = (concept: Concept) => items.find((i) => is(conceptOf(i), concept));
  return {
    trackingId: text(find(C.trackingId)?.TextValue),
    trackingUid: text(find(C.trackingUid)?.UID),
    finding: valueOf(find(C.finding)),
    findingSite: valueOf(find(C.findingSite)),
  };
}

/** Items below `root` matching `want`, depth first, not descending into items for which `stop` holds. */
function findAll(
  root: NaturalDataset,
  want: (i: NaturalDataset) => boolean,
  stop: (i: NaturalDataset) => boolean,
): NaturalDataset[] {
  const out: NaturalDataset[] = [];
  const walk = (items: NaturalDataset[], depth: number) => {
    // Content trees are shallow; the bound only guards against malformed, self-similar files.
    if (depth > 32) return;
    for (const i of items) {
      if (want(i)) out.push(i);
      if (!stop(i)) walk(seq(i.ContentSequence), depth + 1);
    }
  };
  walk(seq(root.ContentSequence), 0);
  return out;
}

/** A group's content: its items and those of its sub-containers, not those of nested groups or NUM modifiers. */
function descendants(group: NaturalDataset): NaturalDataset[] {
  return findAll(
    group,
    () => true,
    (i) => i.ValueType !== 'CONTAINER' || is(conceptOf(i), C.group),
  );
}

function seq(value: unknown): NaturalDataset[] {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object') as NaturalDataset[];
  return value && typeof value === 'object' ? [value as NaturalDataset] : [];
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : v == null ? '' : String(v).trim());

function toCode(item: NaturalDataset | undefined): Code | undefined {
  const value = text(item?.CodeValue) || text(item?.LongCodeValue) || text(item?.URNCodeValue);
  if (!item || !value) return undefined;
  return { value, scheme: text(item.CodingSchemeDesignator), meaning: text(item.CodeMeaning) };
}

const conceptOf = (item: NaturalDataset | undefined) => toCode(seq(item?.ConceptNameCodeSequence)[0]);
const valueOf = (item: NaturalDataset | undefined) => toCode(seq(item?.ConceptCodeSequence)[0]);
