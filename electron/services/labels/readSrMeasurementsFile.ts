import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readInstance } from '../../../shared/dicom/writeInstance';
import { readSrMeasurements, type SrMeasurementList } from '../../../shared/sr/readSrMeasurements';
import { ServiceError } from '../handlerTypes';

/** SRs are text; anything larger is not a measurement report we should parse in the main process. */
export const MAX_SR_FILE_BYTES = 64 * 1024 * 1024;

/** The measurements of an SR file (readSrMeasurements), refused with a one-line reason. */
export async function readSrMeasurementsFile(path: string): Promise<SrMeasurementList> {
  const name = basename(path);
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new ServiceError('unreadable', `Cannot read ${name}: ${e.code ?? e.message}.`);
  });
  if (info.size > MAX_SR_FILE_BYTES)
    throw new ServiceError('too-large', `${name} is ${Math.round(info.size / 2 ** 20)} MB, too large for an SR.`);
  let ds;
  try {
    ds = readInstance(new Uint8Array(await readFile(path)));
  } catch (e) {
    throw new ServiceError('unreadable', `${name} cannot be parsed: ${e instanceof Error ? e.message : String(e)}.`);
  }
  try {
    return readSrMeasurements(ds);
  } catch (e) {
    throw new ServiceError('not-measurements', `${name}: ${e instanceof Error ? e.message : String(e)}.`);
  }
}
