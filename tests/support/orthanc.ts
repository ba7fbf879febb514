import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway Orthanc (with its DICOMweb plugin) for integration tests: free
 * loopback ports, storage in a temp folder, stopped by its own pid.
 */
export interface OrthancInstance {
  httpUrl: string;
  dicomWebUrl: string;
  httpPort: number;
  dicomPort: number;
  aeTitle: string;
  /** Set when the instance was started with basic auth. */
  credentials?: { username: string; password: string };
  /** GET on the Orthanc REST / DICOMweb API with the instance's credentials. */
  get(path: string, accept?: string): Promise<Response>;
  stop(): Promise<void>;
}

export const ORTHANC_PLUGINS = '/usr/share/orthanc/plugins';

/** Path of the Orthanc binary, or null when it is not installed (tests then skip, saying so). */
export function findOrthanc(): string | null {
  for (const p of ['/usr/sbin/Orthanc', '/usr/bin/Orthanc', '/usr/local/bin/Orthanc']) if (existsSync(p)) return p;
  const which = spawnSync('which', ['Orthanc'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface OrthancOptions {
  aeTitle?: string;
  credentials?: { username: string; password: string };
  /** Fixed ports, to bring the "same" PACS back after an outage test; free ones otherwise. */
  httpPort?: number;
  dicomPort?: number;
}

export async function startOrthanc(options: OrthancOptions = {}): Promise<OrthancInstance> {
  const binary = findOrthanc();
  if (!binary) throw new Error('Orthanc binary not found');
  const dir = await mkdtemp(join(tmpdir(), 'liverplan-orthanc-'));
  const httpPort = options.httpPort ?? (await freePort());
  const dicomPort = options.dicomPort ?? (await freePort());
  const aeTitle = options.aeTitle ?? 'ORTHANCTEST';
  const config = {
    Name: 'liverplan-test',
    HttpPort: httpPort,
    DicomPort: dicomPort,
    DicomAet: aeTitle,
    DicomCheckCalledAet: true,
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'index'),
    RemoteAccessAllowed: false,
    AuthenticationEnabled: Boolean(options.credentials),
    RegisteredUsers: options.credentials ? { [options.credentials.username]: options.credentials.password } : {},
    // Accept any calling AE so C-STORE from the app needs no modality registration.
    DicomAlwaysAllowStore: true,
    DicomAlwaysAllowEcho: true,
    UnknownSopClassAccepted: true,
    Plugins: [ORTHANC_PLUGINS],
    DicomWeb: { Enable: true, Root: '/dicom-web/' },
    HttpServerEnabled: true,
    StableAge: 1,
  };
  const configPath = join(dir, 'orthanc.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const child: ChildProcess = spawn(binary, [configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const headers: Record<string, string> = options.credentials
    ? {
        Authorization: `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`,
      }
    : {};
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited (${child.exitCode}): ${stderr.slice(-500)}`);
    try {
      const res = await fetch(`${httpUrl}/system`, { headers });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Orthanc did not answer /system within 20 s: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    httpUrl,
    dicomWebUrl: `${httpUrl}/dicom-web`,
    httpPort,
    dicomPort,
    aeTitle,
    credentials: options.credentials,
    get: (path, accept) =>
      fetch(`${httpUrl}${path}`, { headers: { ...headers, ...(accept ? { Accept: accept } : {}) } }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // SIGKILL: the storage is thrown away anyway, and a graceful Orthanc shutdown takes ~3.5 s.
        if (child.pid) process.kill(child.pid, 'SIGKILL');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
