import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Support log at <userData>/logs/liverplan-errors.log: one JSON line per
 * error, rotated once at 2 MiB so it can never fill the disk.
 */
export function createErrorLog(userDataDir: string) {
  const dir = join(userDataDir, 'logs');
  const file = join(dir, 'liverplan-errors.log');
  return {
    file,
    write(entry: { source: string; message: string; stack?: string; context?: string }): void {
      try {
        mkdirSync(dir, { recursive: true });
        try {
          if (statSync(file).size > MAX_BYTES) renameSync(file, `${file}.1`);
        } catch {
          // no log yet
        }
        appendFileSync(file, JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');
      } catch {
        // Logging must never take the app down; the error is already on stderr.
      }
    },
  };
}
