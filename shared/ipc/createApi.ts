import { isChannel, type HostEvent, type InvokeResult, type LiverplanApi } from './contract';

/** Error thrown in the renderer when the host answered with an error. */
export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/**
 * Builds window.liverplan from a raw transport (ipcRenderer in the preload,
 * a Playwright binding in the preview host), so both expose the same API and
 * both refuse channels that are not in the contract before anything is sent.
 */
export function createApi(
  send: (channel: string, request: unknown) => Promise<InvokeResult<unknown>>,
  subscribe: (listener: (event: HostEvent) => void) => () => void,
): LiverplanApi {
  return {
    async invoke(channel, request) {
      if (!isChannel(channel)) throw new HostError('unknown-channel', `Unknown channel ${String(channel)}`);
      const result = await send(channel, request);
      if (!result.ok) throw new HostError(result.error.code, result.error.message);
      return result.value as never;
    },
    on(topic, handler) {
      return subscribe((event) => {
        if (event.topic === topic) handler(event.payload as never, event.jobId);
      });
    },
  };
}
