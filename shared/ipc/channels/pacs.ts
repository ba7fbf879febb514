import { z } from 'zod';
import { pacsStudySchema } from '../../pacs/studyList';
import { studyQuerySchema } from '../../pacs/studyQuery';
import { defineChannel } from '../define';

const targetId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

/** Progress of pacs:retrieve, topic 'pacs-retrieve-progress': instances received of those the PACS announced. */
export const retrieveProgressSchema = z.object({ done: z.number(), total: z.number() });

export const pacsChannels = {
  /** Study search on a saved DICOMweb (QIDO-RS) or DIMSE (C-FIND) target. */
  'pacs:query': defineChannel(
    z.object({ targetId, query: studyQuerySchema }).strict(),
    z.object({ studies: z.array(pacsStudySchema), via: z.enum(['QIDO-RS', 'C-FIND']) }),
  ),
  /**
   * Retrieves one study (WADO-RS or C-GET) into the app's import area; the renderer then imports
   * the returned folder like any other. Cancel with job:cancel: nothing is left behind.
   */
  'pacs:retrieve': defineChannel(
    z
      .object({
        jobId: z.string().min(1).max(100),
        targetId,
        studyInstanceUid: z
          .string()
          .regex(/^[0-9]+(\.[0-9]+)*$/)
          .max(64),
      })
      .strict(),
    z.object({ folder: z.string(), files: z.number(), via: z.enum(['WADO-RS', 'C-GET']), seconds: z.number() }),
    { cancellable: true },
  ),
};
