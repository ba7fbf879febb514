import { isAbsolute } from 'node:path';
import type { FileFilter } from '../../../shared/ipc/channels/dialog';
import type { PickedPaths } from '../files/pickedPaths';
import { ServiceError, type PartialHandlers, type ServiceEnv } from '../handlerTypes';

/** Adds the first filter's extension when the chosen name carries none of the filters' extensions. */
export function withExtension(path: string, filters: FileFilter[] | undefined): string {
  const exts = (filters ?? []).flatMap((f) => f.extensions).filter((e) => e !== '*');
  if (!exts.length || exts.some((e) => path.toLowerCase().endsWith(`.${e.toLowerCase()}`))) return path;
  return `${path}.${exts[0]}`;
}

/** File dialogs: whatever the user picks is remembered in `picked`, the only paths file channels accept. */
export function dialogHandlers(env: ServiceEnv, picked: PickedPaths): PartialHandlers {
  const checked = (path: string | null) => {
    if (path !== null && !isAbsolute(path))
      throw new ServiceError('invalid-path', 'The dialog answered a relative path.');
    return path;
  };
  return {
    'dialog:pickFile': async (req) => {
      const path = checked(env.pickFile ? await env.pickFile(req) : null);
      if (path) picked.allowOpen(path);
      return path;
    },
    'dialog:pickSavePath': async (req) => {
      const chosen = checked(env.pickSavePath ? await env.pickSavePath(req) : null);
      const path = chosen && withExtension(chosen, req.filters);
      if (path) picked.allowSave(path);
      return path;
    },
  };
}
