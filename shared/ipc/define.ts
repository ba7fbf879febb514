import type { z } from 'zod';

/** One IPC channel: a runtime schema for the request and the response. */
export interface ChannelDef<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  /** Long-running: the request carries a jobId and may be cancelled with job:cancel. */
  cancellable?: boolean;
}

export function defineChannel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  options: { cancellable?: boolean } = {},
): ChannelDef<Req, Res> {
  return { request, response, ...options };
}
