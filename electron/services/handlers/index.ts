import type { Handlers, PartialHandlers, ServiceEnv } from '../handlerTypes';
import { FileRegistry } from '../files/fileRegistry';
import { PickedPaths } from '../files/pickedPaths';
import { isIndexedDerived, studyIndexFile } from '../dicom/studyIndex';
import { createErrorLog } from '../log/errorLog';
import { appHandlers } from './app';
import { caseHandlers } from './case';
import { devicesHandlers } from './devices';
import { dialogHandlers } from './dialog';
import { dicomHandlers } from './dicom';
import { exportHandlers } from './export';
import { labelsHandlers } from './labels';
import { limitsHandlers } from './limits';
import { pacsHandlers } from './pacs';
import { practiceHandlers } from './practice';
import { samplesHandlers } from '../samples/samplesHandlers';
import { targetsHandlers } from './targets';

/**
 * All service handlers for one host. Each domain contributes a partial map in
 * its own file; the result must cover every channel of the contract
 * (index.test.ts checks that no channel is left without a handler).
 */
export function createHandlers(env: ServiceEnv): {
  handlers: Handlers;
  log: ReturnType<typeof createErrorLog>;
  files: FileRegistry;
} {
  const log = createErrorLog(env.userDataDir);
  const files = new FileRegistry();
  const picked = new PickedPaths();
  const parts: PartialHandlers[] = [
    appHandlers(env, log),
    caseHandlers(env, log, files),
    limitsHandlers(),
    dicomHandlers(env, files),
    exportHandlers(env),
    devicesHandlers(env),
    samplesHandlers(env),
    practiceHandlers(env),
    targetsHandlers(env),
    pacsHandlers(env),
    dialogHandlers(env, picked),
    labelsHandlers(picked, undefined, (path) => isIndexedDerived(studyIndexFile(env.userDataDir), path)),
  ];
  const handlers = Object.assign({}, ...parts) as Handlers;
  return { handlers, log, files };
}
