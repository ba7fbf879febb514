import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../tests/support/orthanc';
import { stowRs } from './stowRs';

/** A stand-in STOW-RS endpoint: checks the bearer token, echoes what it parsed, can report failed SOPs. */
describe('stowRs request format (local HTTP endpoint)', () => {
  let server: Server;
  let url: string;
  let dir: string;
  let last: { auth?: string; type?: string; body: Buffer } = { body: Buffer.alloc(0) };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liverplan-stow-'));
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      last = { auth: req.headers.authorization, type: req.headers['content-type'], body: Buffer.concat(chunks) };
      if (req.headers.authorization !== 'Bearer good') {
        res.writeHead(401).end('no');
        return;
      }
      const failed = last.body.includes('REJECT');
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      res.end(
        JSON.stringify(failed ? { '00081198': { vr: 'SQ', Value: [{}] } } : { '00081199': { vr: 'SQ', Value: [{}] } }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/dicom-web`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  it('posts multipart/related application/dicom parts with a bearer token', async () => {
    const files = [join(dir, 'a.dcm'), join(dir, 'b.dcm')];
    await writeFile(files[0]!, 'AAAA');
    await writeFile(files[1]!, 'BBBB');
    await stowRs({ kind: 'dicomweb', url, auth: { type: 'bearer', token: 'good' } }, files);
    expect(last.auth).toBe('Bearer good');
    const boundary = /boundary=([^;]+)/.exec(last.type ?? '')?.[1];
    expect(last.type).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
    const parts = last.body.toString().split(`--${boundary}`);
    expect(parts.at(-1)).toBe('--\r\n');
    expect(parts.slice(1, -1).map((p) => p.split('\r\n\r\n')[1])).toEqual(['AAAA\r\n', 'BBBB\r\n']);
  });

  it('names refused credentials and rejected instances', async () => {
    const file = join(dir, 'r.dcm');
    await writeFile(file, 'REJECT');
    await expect(stowRs({ kind: 'dicomweb', url, auth: { type: 'bearer', token: 'bad' } }, [file])).rejects.toThrow(
      /refused the credentials \(HTTP 401\)/,
    );
    await expect(stowRs({ kind: 'dicomweb', url, auth: { type: 'bearer', token: 'good' } }, [file])).rejects.toThrow(
      /rejected 1 of 1 instances/,
    );
    await expect(stowRs({ kind: 'dicomweb', url: `http://127.0.0.1:${await freePort()}/x` }, [file])).rejects.toThrow(
      /cannot reach .*ECONNREFUSED/,
    );
  });
});
