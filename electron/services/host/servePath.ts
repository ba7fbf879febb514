import { serveSlices } from '../dicom/serveSlices';
import type { FileRegistry } from '../files/fileRegistry';
import { readAsset } from './staticAssets';

export interface PathReply {
  status: number;
  body: Uint8Array;
  contentType: string;
}

/**
 * What the renderer's origin serves, in Electron (app://) and the preview host alike: registered
 * DICOM files (/files/<id>), their decoded planes (/slices/<ids>), and the renderer bundle.
 * Nothing else on disk is reachable.
 */
export function servePath(url: URL, files: FileRegistry, rendererDir: string): Promise<PathReply> {
  if (url.pathname.startsWith('/files/')) return files.serve(url.pathname);
  if (url.pathname.startsWith('/slices/')) return serveSlices(url, files);
  return readAsset(rendererDir, url.pathname);
}
