import dcmjsDimse from 'dcmjs-dimse';
import { parseCFindStudies, type PacsStudy } from '../../../shared/pacs/studyList';
import { cFindStudyKeys, type StudyQuery } from '../../../shared/pacs/studyQuery';
import { associate } from './dimse';
import type { Target } from './target';

type DimseTarget = Extract<Target, { kind: 'dimse' }>;
const { constants, requests } = dcmjsDimse;

/** Final C-FIND/C-GET statuses that mean "done": Success, or Warning (0xBxxx). */
export function isSuccess(status: number): boolean {
  return status === constants.Status.Success || (status & 0xf000) === 0xb000;
}

/**
 * Runs one query/retrieve association. Some PACS (Orthanc among them) accept the association of
 * an AE they do not know and then never answer, which the library reports as a connection
 * timeout: that case is told as what it most likely is.
 */
export async function queryRetrieve(
  operation: 'C-FIND' | 'C-GET',
  target: DimseTarget,
  request: InstanceType<typeof requests.Request>,
  signal?: AbortSignal,
  setup?: Parameters<typeof associate>[3],
): Promise<{ status: number; comment: string }> {
  let accepted = false;
  try {
    const [final] = await associate(target, [request], signal, (client) => {
      client.on('associationAccepted', () => {
        accepted = true;
      });
      setup?.(client);
    });
    return final!;
  } catch (e) {
    const message = (e as Error).message;
    if (accepted && /timeout/i.test(message))
      throw new Error(
        `${target.calledAe}@${target.host}:${target.port} accepted the association but never answered the ${operation}: the PACS may not know our AE title ${target.callingAe}; ask for it to be registered with query/retrieve rights`,
      );
    throw e;
  }
}

/** Study Root C-FIND at STUDY level; throws with the PACS's status when it refuses. */
export async function cFindStudies(target: DimseTarget, query: StudyQuery, signal?: AbortSignal): Promise<PacsStudy[]> {
  const request = requests.CFindRequest.createStudyFindRequest(cFindStudyKeys(query));
  const found: Record<string, unknown>[] = [];
  request.on(
    'response',
    (r: { getStatus(): number; hasDataset(): boolean; getDataset(): { getElements(): Record<string, unknown> } }) => {
      if (r.getStatus() === constants.Status.Pending && r.hasDataset()) found.push(r.getDataset().getElements());
    },
  );
  const final = await queryRetrieve('C-FIND', target, request, signal);
  if (!isSuccess(final.status))
    throw new Error(
      `C-FIND refused by ${target.calledAe} (status 0x${final.status.toString(16)}${final.comment ? `: ${final.comment}` : ''})`,
    );
  return parseCFindStudies(found);
}
