import { describe, expect, it } from 'vitest';
import type { HostEvent } from './contract';
import { createApi, HostError } from './createApi';

describe('createApi', () => {
  it('hands each listener only its topic, typed, with the job id', () => {
    let push: (e: HostEvent) => void = () => undefined;
    const api = createApi(
      async () => ({ ok: true, value: null }),
      (listener) => {
        push = listener;
        return () => (push = () => undefined);
      },
    );
    const got: string[] = [];
    const off = api.on('scan-progress', (p, jobId) => got.push(`${jobId}:${p.done}/${p.total}`));
    push({ topic: 'sample-progress', jobId: 'a', payload: { done: 1, total: 3, what: 'x' } });
    push({ topic: 'scan-progress', jobId: 'b', payload: { done: 2, total: 4 } });
    off();
    push({ topic: 'scan-progress', jobId: 'c', payload: { done: 3, total: 4 } });
    expect(got).toEqual(['b:2/4']);
  });

  it('refuses channels outside the contract and turns error results into HostError', async () => {
    const api = createApi(
      async () => ({ ok: false, error: { code: 'case-not-found', message: 'gone' } }),
      () => () => undefined,
    );
    await expect(api.invoke('nope:x' as 'app:info', {})).rejects.toMatchObject({ code: 'unknown-channel' });
    await expect(api.invoke('app:info', {})).rejects.toBeInstanceOf(HostError);
  });
});
