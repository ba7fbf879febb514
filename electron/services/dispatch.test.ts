import { describe, expect, it } from 'vitest';
import { createDispatcher } from './dispatch';
import { ServiceError, type Handlers } from './handlerTypes';

function makeDispatcher(overrides: Partial<Record<string, unknown>> = {}) {
  const logged: string[] = [];
  const handlers = {
    'app:info': async () => ({ appVersion: '1', host: 'cli', userDataDir: '/tmp', platform: 'linux' }),
    'log:error': async () => {
      throw new Error('disk on fire');
    },
    'dialog:pickFolder': async () => {
      throw new ServiceError('no-dialog', 'No folder dialog here.');
    },
    'samples:open': async (_req: unknown, ctx: { signal: AbortSignal }) =>
      new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    ...overrides,
  } as unknown as Handlers;
  const dispatch = createDispatcher(
    handlers,
    () => undefined,
    (e, channel) => logged.push(`${channel}: ${String(e)}`),
  );
  return { dispatch, logged };
}

describe('IPC choke point', () => {
  it('refuses unknown channels and malformed payloads as data, never throwing', async () => {
    const { dispatch } = makeDispatcher();
    expect(await dispatch('fs:read', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatch({ toString: 1 }, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatch('app:info', { extra: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await dispatch('app:info', null)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('dicom:scan', { jobId: 'j', paths: 'not-a-list' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await dispatch('app:info', {})).toMatchObject({ ok: true, value: { appVersion: '1' } });
  });
  it('turns service errors into user messages and logs unexpected ones', async () => {
    const { dispatch, logged } = makeDispatcher();
    expect(await dispatch('dialog:pickFolder', {})).toEqual({
      ok: false,
      error: { code: 'no-dialog', message: 'No folder dialog here.' },
    });
    const r = await dispatch('log:error', { message: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toEqual(['log:error: Error: disk on fire']);
  });
  it('lets only declared event topics with well-formed payloads reach the renderer', async () => {
    const sent: unknown[] = [];
    const logged: string[] = [];
    const handlers = {
      'dicom:index': async (_req: unknown, ctx: { emit(e: unknown): void }) => {
        ctx.emit({ topic: 'scan-progress', jobId: 'j', payload: { done: 1, total: 2 } });
        ctx.emit({ topic: 'secret-topic', payload: { done: 1 } });
        ctx.emit({ topic: 'scan-progress', payload: { done: 'one' } });
        return { studies: [], missingFiles: 0 };
      },
    } as unknown as Handlers;
    const dispatch = createDispatcher(
      handlers,
      (e) => sent.push(e),
      (e, channel) => logged.push(`${channel}: ${String(e)}`),
    );
    expect(await dispatch('dicom:index', {})).toMatchObject({ ok: true });
    expect(sent).toEqual([{ topic: 'scan-progress', jobId: 'j', payload: { done: 1, total: 2 } }]);
    expect(logged).toEqual([
      'event: Error: undeclared event topic secret-topic',
      expect.stringMatching(/^event: Error: event scan-progress: payload done /),
    ]);
  });
  it('cancels a running job by id', async () => {
    const { dispatch } = makeDispatcher();
    const running = dispatch('samples:open', { jobId: 'job-1', name: 'x' });
    await new Promise((r) => setTimeout(r, 5));
    expect(await dispatch('job:cancel', { jobId: 'job-1' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await dispatch('job:cancel', { jobId: 'job-1' })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
