import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjsDimse from 'dcmjs-dimse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cGetStudy } from './dimseRetrieve';

/**
 * The SCP/SCU Role Selection our C-GET proposes, read off the wire by an in-process SCP
 * (dcmjs-dimse's own association parser), and what the retrieve says when a PACS accepts a
 * storage context without giving us the SCP role. Orthanc, which honours the roles, is in
 * retrieve.orthanc.test.ts.
 */
const { Server, Scp, constants, responses } = dcmjsDimse;
const SEG = '1.2.840.10008.5.1.4.1.1.66.4';
const RTSTRUCT = '1.2.840.10008.5.1.4.1.1.481.3';

type Association = dcmjsDimse.association.Association;
type GetRequest = InstanceType<typeof dcmjsDimse.requests.CGetRequest>;
type GetResponse = InstanceType<typeof dcmjsDimse.responses.CGetResponse>;
/** The library types the setters as boolean, though undefined (no Role Selection item) is what its writer tests for. */
type RoleSetter = { setUserRole(r: boolean | undefined): void; setProviderRole(r: boolean | undefined): void };

/** Roles proposed per abstract syntax, as the SCP parsed them from the A-ASSOCIATE-RQ. */
const proposed = new Map<string, { scu: boolean | undefined; scp: boolean | undefined }>();

/** A PACS that accepts every context but answers no role for SEG, then reports one failed sub-operation. */
class RoleBlindScp extends Scp {
  override associationRequested(association: Association): void {
    for (const { id } of association.getPresentationContexts()) {
      const pc = association.getPresentationContext(id);
      proposed.set(pc.getAbstractSyntaxUid(), { scu: pc.getUserRole(), scp: pc.getProviderRole() });
      pc.setResult(constants.PresentationContextResult.Accept, pc.getTransferSyntaxUids()[0]);
      if (pc.getAbstractSyntaxUid() === SEG) {
        (pc as unknown as RoleSetter).setUserRole(undefined);
        (pc as unknown as RoleSetter).setProviderRole(undefined);
      }
    }
    this.sendAssociationAccept();
  }
  override associationReleaseRequested(): void {
    this.sendAssociationReleaseResponse();
  }
  override cGetRequest(request: GetRequest, callback: (r: GetResponse[]) => void): void {
    const final = responses.CGetResponse.fromRequest(request);
    final.setStatus(0xb000); // sub-operations complete, one or more failures
    final.setCompleted(0);
    final.setFailures(1);
    final.setRemaining(0);
    final.setWarnings(0);
    callback([final]);
  }
}

let server: InstanceType<typeof Server>;
let port = 0;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lp-cget-roles-'));
  port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as { port: number }).port;
      probe.close(() => resolve(p));
    });
  });
  server = new Server(RoleBlindScp);
  server.listen(port);
});

afterAll(async () => {
  server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('C-GET role selection (PS3.7 D.3.3.4)', () => {
  it('proposes SCU role 0 / SCP role 1 for SEG and RTSTRUCT, and names the class the PACS gave no role for', async () => {
    let roles = new Map<string, boolean>();
    const target = { kind: 'dimse' as const, host: '127.0.0.1', port, calledAe: 'ROLEBLIND', callingAe: 'LIVERPLAN' };
    await expect(
      cGetStudy(
        target,
        '2.25.1234',
        dir,
        () => {},
        undefined,
        (r) => (roles = r),
      ),
    ).rejects.toThrow(
      /1 instance\(s\) not received; the PACS did not accept us as storage SCP for SegmentationStorage, so objects of those classes cannot come by C-GET \(use DICOMweb or C-MOVE\)$/,
    );
    // On the wire: the Role Selection sub-items of the A-ASSOCIATE-RQ.
    expect(proposed.get(SEG)).toEqual({ scu: false, scp: true });
    expect(proposed.get(RTSTRUCT)).toEqual({ scu: false, scp: true });
    // From the A-ASSOCIATE-AC: RTSTRUCT came back with the role, SEG without.
    expect(roles.get(RTSTRUCT)).toBe(true);
    expect(roles.get(SEG)).toBe(false);
  });
});
