import { z } from 'zod';
import { defineChannel } from '../define';

export const appChannels = {
  /** Versions and where user data lives, for the About box and the report footer. */
  'app:info': defineChannel(
    z.object({}).strict(),
    z.object({
      appVersion: z.string(),
      host: z.enum(['electron', 'preview', 'cli']),
      userDataDir: z.string(),
      platform: z.string(),
    }),
  ),
  /** Aborts a cancellable job started by another channel. */
  'job:cancel': defineChannel(
    z.object({ jobId: z.string().min(1).max(100) }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  /** Appends a renderer-side error to the support log in the user data folder. */
  'log:error': defineChannel(
    z
      .object({
        message: z.string().max(4000),
        stack: z.string().max(20000).optional(),
        context: z.string().max(200).optional(),
      })
      .strict(),
    z.object({ logged: z.boolean() }),
  ),
  /** Native folder picker (Electron) or the host's answer (preview). null when cancelled. */
  'dialog:pickFolder': defineChannel(
    z.object({ title: z.string().max(200).optional() }).strict(),
    z.string().nullable(),
  ),
};
