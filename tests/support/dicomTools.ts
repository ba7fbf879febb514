import { spawnSync } from 'node:child_process';

/** Runs a dcmtk / dicom3tools command; returns its combined output and status. */
export function runTool(cmd: string, args: string[]): { status: number | null; out: string; missing: boolean } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, missing };
}

/** dciodvfy's "Error - ..." lines (warnings are not IOD violations). */
export function dciodvfyErrors(file: string): string[] {
  const r = runTool('dciodvfy', [file]);
  if (r.missing) throw new Error('dciodvfy is not installed (apt-get install dicom3tools)');
  return r.out.split('\n').filter((l) => l.startsWith('Error'));
}
