import dcmjsDimse from 'dcmjs-dimse';
import type { Target } from './target';

type DimseTarget = Extract<Target, { kind: 'dimse' }>;

const { Client, constants, requests, log } = dcmjsDimse;
// The library logs every association at info level; failures reach the caller as errors instead.
log.setLevel('silent');

/**
 * One association carrying the given requests; resolves with each final response status or
 * rejects with why not. setup() may add handlers to the client first (C-GET's incoming C-STORE).
 */
export function associate(
  target: DimseTarget,
  reqs: InstanceType<typeof requests.Request>[],
  signal?: AbortSignal,
  setup?: (client: InstanceType<typeof Client>) => void,
): Promise<{ status: number; comment: string }[]> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    setup?.(client);
    const results: { status: number; comment: string }[] = [];
    let failure: Error | undefined;
    reqs.forEach((r, n) => {
      r.on('response', (response: { getStatus(): number; getErrorComment(): string }) => {
        results[n] = { status: response.getStatus(), comment: response.getErrorComment?.() ?? '' };
      });
      client.addRequest(r);
    });
    const where = `${target.calledAe}@${target.host}:${target.port}`;
    client.on('associationRejected', (result: { reason?: number }) => {
      failure = new Error(
        `${where} rejected the association (reason ${result?.reason ?? '?'}): check the called/calling AE titles`,
      );
    });
    client.on('networkError', (e: Error & { code?: string }) => {
      const code = e.code ?? /\b(E[A-Z]{3,})\b/.exec(e.message)?.[1];
      failure = new Error(`cannot reach ${where}: ${code ?? e.message.replace(/^\s*->\s*/, '')}`);
    });
    client.on('closed', () => {
      if (failure) reject(failure);
      else if (results.length < reqs.length || results.includes(undefined as never))
        reject(new Error(`${where} closed the association before answering every request`));
      else resolve(results);
    });
    signal?.addEventListener('abort', () => {
      failure = new Error('cancelled');
      client.abort();
    });
    client.send(target.host, target.port, target.callingAe, target.calledAe, {
      connectTimeout: 10_000,
      associationTimeout: 30_000,
      pduTimeout: 60_000,
    });
  });
}

/** C-ECHO: resolves when the remote AE answers Success. */
export async function cEcho(target: DimseTarget, signal?: AbortSignal): Promise<void> {
  const [r] = await associate(target, [new requests.CEchoRequest()], signal);
  if (r.status !== constants.Status.Success)
    throw new Error(`C-ECHO status 0x${r.status.toString(16)} ${r.comment}`.trim());
}

/** C-STORE of Part 10 files over one association; throws naming the first failed instance. */
export async function cStore(target: DimseTarget, files: string[], signal?: AbortSignal): Promise<void> {
  const results = await associate(
    target,
    files.map((f) => new requests.CStoreRequest(f)),
    signal,
  );
  const bad = results.findIndex((r) => r.status !== constants.Status.Success && (r.status & 0xf000) !== 0xb000);
  if (bad >= 0)
    throw new Error(
      `C-STORE of ${files[bad]} failed with status 0x${results[bad].status.toString(16)} ${results[bad].comment}`.trim(),
    );
}
