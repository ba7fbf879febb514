import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import dcmjsDimse from 'dcmjs-dimse';
import { isSafeUid } from '../../../shared/pacs/studyList';
import { isSuccess, queryRetrieve } from './dimseQuery';
import type { Target } from './target';

type DimseTarget = Extract<Target, { kind: 'dimse' }>;
const { constants, requests, responses } = dcmjsDimse;

/**
 * Storage SOP classes that dcmjs-dimse 0.3 leaves out of the contexts a C-GET proposes, though
 * our own exports and others' derived objects use them; proposed as additional contexts. The
 * library sets the SCP role (PS3.7 D.3.3.4) only on its own StorageClass table, which is frozen,
 * so these go without role selection: Orthanc sends on them; a PACS that insists on the role
 * counts those instances as failed, and the error says so (DICOMweb retrieves them regardless).
 */
const EXTRA_STORAGE_CLASSES: Record<string, string> = {
  SegmentationStorage: '1.2.840.10008.5.1.4.1.1.66.4',
  RtStructureSetStorage: '1.2.840.10008.5.1.4.1.1.481.3',
  RtDoseStorage: '1.2.840.10008.5.1.4.1.1.481.2',
  RtPlanStorage: '1.2.840.10008.5.1.4.1.1.481.5',
  KeyObjectSelectionDocumentStorage: '1.2.840.10008.5.1.4.1.1.88.59',
  GrayscaleSoftcopyPresentationStateStorage: '1.2.840.10008.5.1.4.1.1.11.1',
  SpatialRegistrationStorage: '1.2.840.10008.5.1.4.1.1.66.1',
  XRayRadiationDoseSrStorage: '1.2.840.10008.5.1.4.1.1.88.67',
  EnhancedCtImageStorage: '1.2.840.10008.5.1.4.1.1.2.1',
};
const known = new Set(Object.values(constants.StorageClass as Record<string, string>));

interface DimseDataset {
  getElement(name: string): unknown;
  toFile(path: string, callback: (error?: Error) => void): void;
}
interface IncomingStore {
  getDataset(): DimseDataset | undefined;
}
interface GetResponse {
  getStatus(): number;
  getRemaining(): number;
  getCompleted(): number;
  getFailures(): number;
  getWarnings(): number;
}

export interface RetrieveProgress {
  done: number;
  total: number;
}

/**
 * C-GET of a whole study over one association (no listening port needed, unlike C-MOVE): every
 * instance the PACS sends back is written as <outDir>/<SeriesUID>/<SOPInstanceUID>.dcm.
 * Resolves with the files written; throws naming the status when the PACS reports failures.
 */
export async function cGetStudy(
  target: DimseTarget,
  studyInstanceUid: string,
  outDir: string,
  onProgress: (p: RetrieveProgress) => void,
  signal?: AbortSignal,
): Promise<string[]> {
  const request = requests.CGetRequest.createStudyGetRequest(studyInstanceUid);
  const written: string[] = [];
  let failures = 0;
  let total = 0;
  request.on('response', (r: GetResponse) => {
    if (r.getStatus() !== constants.Status.Pending) {
      failures = r.getFailures?.() ?? 0;
      return;
    }
    total = r.getRemaining() + r.getCompleted() + r.getFailures() + r.getWarnings();
    onProgress({ done: written.length, total });
  });
  const final = await queryRetrieve('C-GET', target, request, signal, (client) => {
    for (const uid of Object.values(EXTRA_STORAGE_CLASSES))
      if (!known.has(uid))
        client.addAdditionalPresentationContext(
          new dcmjsDimse.association.PresentationContext(
            1,
            uid,
            constants.TransferSyntax.ExplicitVRLittleEndian,
            undefined,
            false,
            true,
          ),
        );
    client.on('cStoreRequest', (incoming: IncomingStore, reply: (r: unknown) => void) => {
      const response = responses.CStoreResponse.fromRequest(incoming as never);
      void storeIncoming(incoming, outDir).then(
        (file) => {
          written.push(file);
          onProgress({ done: written.length, total: Math.max(total, written.length) });
          response.setStatus(constants.Status.Success);
          reply(response);
        },
        () => {
          // Out of resources (0xA700): the PACS counts it as a failed sub-operation.
          response.setStatus(0xa700);
          reply(response);
        },
      );
    });
  });
  if (!isSuccess(final.status) || failures > 0)
    throw new Error(
      `C-GET from ${target.calledAe} ended with status 0x${final.status.toString(16)}, ${failures} instance(s) not received${final.comment ? `: ${final.comment}` : ''}`,
    );
  return written;
}

async function storeIncoming(incoming: IncomingStore, outDir: string): Promise<string> {
  const ds = incoming.getDataset();
  const series = String(ds?.getElement('SeriesInstanceUID') ?? '');
  const sop = String(ds?.getElement('SOPInstanceUID') ?? '');
  // The names come from the network: only UID-shaped ones become paths.
  if (!ds || !isSafeUid(series) || !isSafeUid(sop)) throw new Error('instance without usable UIDs');
  await mkdir(join(outDir, series), { recursive: true });
  const file = join(outDir, series, `${sop}.dcm`);
  await new Promise<void>((resolve, reject) => ds.toFile(file, (e) => (e ? reject(e) : resolve())));
  return file;
}
