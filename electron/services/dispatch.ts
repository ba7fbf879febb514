import { contract, isChannel, type HostEvent, type InvokeResult } from '../../shared/ipc/contract';
import { checkHostEvent } from '../../shared/ipc/events';
import { ServiceError, type Handlers } from './handlerTypes';

/**
 * The one choke point every request passes through, in Electron and in the
 * preview host alike: unknown channel -> error, payload checked against the
 * contract at run time, exceptions turned into error results so a malformed
 * request can never throw inside the main process.
 */
export function createDispatcher(
  handlers: Handlers,
  emit: (event: HostEvent) => void,
  logError: (e: unknown, channel: string) => void,
) {
  const jobs = new Map<string, AbortController>();
  // Only declared topics with well-formed payloads leave the host (shared/ipc/events.ts).
  const emitChecked = (event: HostEvent) => {
    const checked = checkHostEvent(event);
    if (typeof checked === 'string') logError(new Error(checked), 'event');
    else emit(checked);
  };

  async function dispatch(channel: unknown, payload: unknown): Promise<InvokeResult<unknown>> {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: {
          code: 'unknown-channel',
          message: `Unknown channel: ${typeof channel === 'string' ? channel.slice(0, 80) : typeof channel}`,
        },
      };
    }
    const def = contract[channel];
    const parsed = def.request.safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
      return {
        ok: false,
        error: {
          code: 'invalid-request',
          message: `Invalid request for ${channel}${where}: ${first?.message ?? 'malformed'}`,
        },
      };
    }
    if (channel === 'job:cancel') {
      const { jobId } = parsed.data as { jobId: string };
      const job = jobs.get(jobId);
      job?.abort();
      return { ok: true, value: { cancelled: Boolean(job) } };
    }
    const jobId = (parsed.data as { jobId?: unknown }).jobId;
    const controller = new AbortController();
    if (typeof jobId === 'string') jobs.set(jobId, controller);
    try {
      if (typeof handlers[channel] !== 'function') {
        return {
          ok: false,
          error: { code: 'unavailable', message: `${channel} is not available in this build of LiverPlan.` },
        };
      }
      const handler = handlers[channel] as (
        req: unknown,
        ctx: { emit: typeof emit; signal: AbortSignal },
      ) => Promise<unknown>;
      const value = await handler(parsed.data, { emit: emitChecked, signal: controller.signal });
      return { ok: true, value };
    } catch (e) {
      if (e instanceof ServiceError) return { ok: false, error: { code: e.code, message: e.message } };
      if (controller.signal.aborted)
        return { ok: false, error: { code: 'cancelled', message: 'Cancelled by the user.' } };
      logError(e, channel);
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, error: { code: 'internal', message: `${channel} failed: ${message}` } };
    } finally {
      if (typeof jobId === 'string') jobs.delete(jobId);
    }
  }

  return dispatch;
}
