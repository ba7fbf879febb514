import { z } from 'zod';
import { defineChannel } from '../define';

const filters = z
  .array(
    z
      .object({
        name: z.string().min(1).max(100),
        /** Without the dot; may be compound ("nii.gz"); "*" for any file. */
        extensions: z
          .array(z.string().regex(/^(\*|[A-Za-z0-9]+(\.[A-Za-z0-9]+)?)$/))
          .min(1)
          .max(10),
      })
      .strict(),
  )
  .max(10)
  .optional();

export const dialogChannels = {
  /**
   * Native open-file dialog (Electron) or the host's answer (preview); null when
   * cancelled. The chosen path is remembered: channels that read a user file
   * accept only paths picked here.
   */
  'dialog:pickFile': defineChannel(
    z.object({ title: z.string().max(200).optional(), filters }).strict(),
    z.string().nullable(),
  ),
  /** Native save dialog; the first filter's extension is added when the name has none of them. */
  'dialog:pickSavePath': defineChannel(
    z
      .object({
        title: z.string().max(200).optional(),
        /** A file name only, never a folder. */
        defaultName: z
          .string()
          .max(200)
          .regex(/^[^/\\]+$/)
          .optional(),
        filters,
      })
      .strict(),
    z.string().nullable(),
  ),
};

export type FileFilter = NonNullable<z.infer<typeof filters>>[number];
