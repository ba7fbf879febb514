import { writeInstance, readInstance } from '../../../shared/dicom/writeInstance';
import { buildCaseObjects, type CaseObjects } from '../../../shared/export/buildCaseObjects';
import { deidentify } from '../../../shared/export/deidentify';
import { UidRemap } from '../../../shared/export/uidRemap';
import type { SoftwareInfo } from '../../../shared/dicom/softwareInfo';
import type { ReportExtras } from '../../../shared/report/reportExtras';
import type { LoadedCase } from './loadCase';

export interface ExportOptions {
  software: SoftwareInfo;
  at?: Date;
  extras?: ReportExtras;
  /** Teaching export: PS3.15 basic profile, UIDs remapped across every object, source images included. */
  deidentify?: { patientName: string; patientId: string };
  /** Also send the segments as an RT Structure Set. */
  rtstruct?: boolean;
}

export interface AssembledExport {
  objects: CaseObjects;
  /** Part 10 files to send, named by role. */
  instances: { name: string; bytes: Uint8Array; sopInstanceUid: string }[];
}

/** Builds the SEG, SR and Encapsulated PDF of a loaded case (and, de-identified, its source series). */
export async function assembleExport(c: LoadedCase, options: ExportOptions): Promise<AssembledExport> {
  const extras = options.deidentify
    ? { ...options.extras, deidentifiedAs: { name: options.deidentify.patientName, id: options.deidentify.patientId } }
    : options.extras;
  const objects = await buildCaseObjects({
    caseDoc: c.caseDoc,
    labels: c.labels,
    source: c.source,
    volume: c.volume,
    software: options.software,
    at: options.at ?? new Date(),
    extras,
    rtstruct: options.rtstruct,
  });
  const derived = [
    { name: 'seg.dcm', ds: objects.seg },
    { name: 'sr.dcm', ds: objects.sr },
    { name: 'report.dcm', ds: objects.pdfDataset },
    ...(objects.rtstruct ? [{ name: 'rtstruct.dcm', ds: objects.rtstruct }] : []),
  ];
  if (!options.deidentify) {
    return {
      objects,
      instances: derived.map((d) => ({
        name: d.name,
        bytes: writeInstance(d.ds),
        sopInstanceUid: String(d.ds.SOPInstanceUID),
      })),
    };
  }
  const remap = new UidRemap();
  const all = [
    ...c.sourceBytes.map((bytes, k) => ({
      name: `image-${String(k + 1).padStart(4, '0')}.dcm`,
      ds: readInstance(bytes),
    })),
    ...derived,
  ];
  return {
    objects,
    instances: all.map(({ name, ds }) => {
      const syntax = String(
        (ds._meta as Record<string, unknown> | undefined)?.TransferSyntaxUID ?? '1.2.840.10008.1.2.1',
      );
      const clean = deidentify(ds, remap, options.deidentify!);
      return { name, bytes: writeInstance(clean, syntax), sopInstanceUid: String(clean.SOPInstanceUID) };
    }),
  };
}
