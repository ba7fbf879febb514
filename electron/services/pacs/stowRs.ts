import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Target } from './target';

type DicomWebTarget = Extract<Target, { kind: 'dicomweb' }>;

export function authHeader(target: DicomWebTarget): Record<string, string> {
  if (!target.auth) return {};
  if (target.auth.type === 'bearer') return { Authorization: `Bearer ${target.auth.token}` };
  return {
    Authorization: `Basic ${Buffer.from(`${target.auth.username}:${target.auth.password}`).toString('base64')}`,
  };
}

/**
 * STOW-RS (PS3.18 10.5): one multipart/related POST of application/dicom parts
 * to {url}/studies. Throws with the server's reason on HTTP errors and when
 * the response lists failed instances (Failed SOP Sequence, 0008,1198).
 */
export async function stowRs(target: DicomWebTarget, files: string[], signal?: AbortSignal): Promise<void> {
  const boundary = `liverplan-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
      await readFile(file),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  let res: Response;
  try {
    res = await fetch(`${target.url}/studies`, {
      method: 'POST',
      headers: {
        'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
        Accept: 'application/dicom+json',
        ...authHeader(target),
      },
      body: Buffer.concat(parts),
      signal,
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`cannot reach ${target.url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  if (res.status === 401 || res.status === 403)
    throw new Error(`${target.url} refused the credentials (HTTP ${res.status})`);
  if (!res.ok && res.status !== 202)
    throw new Error(`${target.url} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  const failed = failedCount(text);
  if (failed > 0) throw new Error(`${target.url} rejected ${failed} of ${files.length} instances`);
}

function failedCount(body: string): number {
  try {
    const json = JSON.parse(body) as Record<string, { Value?: unknown[] }>;
    return json['00081198']?.Value?.length ?? 0;
  } catch {
    return 0;
  }
}
