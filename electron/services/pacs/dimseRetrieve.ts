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
 * our own exports and others' derived objects use them; proposed as additional contexts, with the
 * SCP role (SCP/SCU Role Selection, PS3.7 D.3.3.4) as the library proposes it for its own
 * StorageClass table (frozen, so these cannot join it): see proposeScpRole.
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

interface RoleContext {
  getAbstractSyntaxUid(): string;
  getResult(): number;
  getUserRole(): boolean | undefined;
  getProviderRole(): boolean | undefined;
  setUserRole(role: boolean | undefined): void;
  setProviderRole(role: boolean | undefined): void;
}
interface RoleAssociation {
  getPresentationContexts(): { id: number }[];
  getPresentationContext(id: number): RoleContext;
}

/**
 * dcmjs-dimse writes a Role Selection sub-item for every context that carries roles, but
 * Client.send copies only the abstract and transfer syntaxes of additional contexts, so their
 * roles are lost. The association it builds goes to the network right after the client emits
 * 'connected': the SCP role is set on those contexts there (hand-written because the library
 * offers no other hook). onAnswer gets, per SOP class, whether the PACS accepted the context
 * with our SCP role (PS3.7 D.3.3.4: without the role an SCP may refuse to send on it).
 */
function proposeScpRole(
  client: InstanceType<typeof dcmjsDimse.Client>,
  uids: ReadonlySet<string>,
  onAnswer: (accepted: Map<string, boolean>) => void,
): void {
  client.on('connected', () => {
    const network = (client as unknown as { network?: { sendAssociationRequest(a: RoleAssociation): void } }).network;
    if (!network) return;
    const send = network.sendAssociationRequest.bind(network);
    network.sendAssociationRequest = (association) => {
      const ours = association
        .getPresentationContexts()
        .map(({ id }) => association.getPresentationContext(id))
        .filter((pc) => uids.has(pc.getAbstractSyntaxUid()));
      for (const pc of ours) {
        pc.setUserRole(false);
        pc.setProviderRole(true);
      }
      send(association); // the request PDU is written here
      // Cleared, so that after A-ASSOCIATE-AC a role is there only if the PACS answered with one.
      for (const pc of ours) {
        pc.setUserRole(undefined);
        pc.setProviderRole(undefined);
      }
    };
  });
  client.on('associationAccepted', (association: RoleAssociation) => {
    const accepted = new Map<string, boolean>();
    for (const { id } of association.getPresentationContexts()) {
      const pc = association.getPresentationContext(id);
      if (uids.has(pc.getAbstractSyntaxUid()))
        accepted.set(
          pc.getAbstractSyntaxUid(),
          pc.getResult() === constants.PresentationContextResult.Accept && pc.getProviderRole() === true,
        );
    }
    onAnswer(accepted);
  });
}

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
  /** Per extra storage SOP class: accepted with the SCP role (for tests and diagnostics). */
  onRoles?: (accepted: Map<string, boolean>) => void,
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
  const extra = new Set(Object.values(EXTRA_STORAGE_CLASSES).filter((uid) => !known.has(uid)));
  let roles = new Map<string, boolean>();
  const final = await queryRetrieve('C-GET', target, request, signal, (client) => {
    proposeScpRole(client, extra, (accepted) => {
      roles = accepted;
      onRoles?.(accepted);
    });
    for (const uid of extra)
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
  if (!isSuccess(final.status) || failures > 0) {
    const name = (uid: string) => Object.keys(EXTRA_STORAGE_CLASSES).find((k) => EXTRA_STORAGE_CLASSES[k] === uid);
    const refused = [...roles].filter(([, ok]) => !ok).map(([uid]) => name(uid));
    throw new Error(
      `C-GET from ${target.calledAe} ended with status 0x${final.status.toString(16)}, ${failures} instance(s) not received${final.comment ? `: ${final.comment}` : ''}` +
        (refused.length
          ? `; the PACS did not accept us as storage SCP for ${refused.join(', ')}, so objects of those classes cannot come by C-GET (use DICOMweb or C-MOVE)`
          : ''),
    );
  }
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
