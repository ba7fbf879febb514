import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * The renderer never names a path on disk: it asks for /files/<id>, and only
 * files a scan or the user registered have an id. Ids are stable per path so
 * a persisted study index keeps working after a restart.
 */
export class FileRegistry {
  private readonly byId = new Map<string, string>();

  static idFor(path: string): string {
    return createHash('sha256').update(path).digest('base64url').slice(0, 24);
  }

  register(path: string): string {
    const id = FileRegistry.idFor(path);
    this.byId.set(id, path);
    return id;
  }

  resolve(id: string): string | undefined {
    return this.byId.get(id);
  }

  /** Serves GET /files/<id> for the protocol handler and the preview server. */
  async serve(urlPath: string): Promise<{ status: number; body: Uint8Array; contentType: string }> {
    const m = /^\/files\/([A-Za-z0-9_-]{24})$/.exec(urlPath);
    const path = m ? this.resolve(m[1]!) : undefined;
    if (!path) return { status: 404, body: new TextEncoder().encode('Unknown file id'), contentType: 'text/plain' };
    try {
      return { status: 200, body: await readFile(path), contentType: 'application/dicom' };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return {
        status: 410,
        body: new TextEncoder().encode(`File is no longer readable: ${reason}`),
        contentType: 'text/plain',
      };
    }
  }
}
