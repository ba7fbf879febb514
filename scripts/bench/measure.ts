import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Measured {
  seconds: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Runs a command and reports wall time and peak RSS of the child, sampling
 * /proc/<pid>/status (VmHWM) until it exits. Used for our own CLI and for the
 * reference tools alike, so both columns are measured the same way.
 */
export function measureCommand(cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const m = /VmHWM:\s+(\d+)/.exec(status);
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // process already gone; keep the last sample
      }
    };
    const timer = setInterval(sample, 20);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve({ seconds, peakRssMb: peakKb / 1024, stdout, stderr, code });
    });
  });
}

/** Times an in-process async function (peak RSS is this process's high-water mark). */
export async function measureInProcess<T>(
  fn: () => Promise<T> | T,
): Promise<{ seconds: number; peakRssMb: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, value };
}
