import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Bundles the lock-holder child once (a plain node start is much faster than tsx). */
export async function buildHolder(workDir: string): Promise<string> {
  const out = join(workDir, 'lockHolderChild.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'lockHolderChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'silent',
  });
  return out;
}

/** Starts a separate Node process on the lock of `dir`; firstLine is "held <pid>" or "locked <message>". */
export function startHolder(childJs: string, dir: string, app: 'app' | 'cli' = 'app', heartbeatMs = 10_000) {
  const child = spawn(process.execPath, [childJs, dir, app, String(heartbeatMs)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const firstLine = new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`holder exited (${code}) before reporting: ${err}`)));
  });
  return { child, firstLine };
}

export const exited = (c: ChildProcess) =>
  new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));
