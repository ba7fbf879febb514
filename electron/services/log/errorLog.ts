import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './redact';

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Support log at <userData>/logs/liverplan-errors.log: one JSON line per
 * error, rotated once at 2 MiB so it can never fill the disk. PACS passwords and tokens are
 * blanked (./redact) before anything is written.
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
        const clean = {
          source: entry.source,
          message: redact(entry.message),
          ...(entry.stack === undefined ? {} : { stack: redact(entry.stack) }),
          ...(entry.context === undefined ? {} : { context: redact(entry.context) }),
        };
        appendFileSync(file, JSON.stringify({ time: new Date().toISOString(), ...clean }) + '\n');
      } catch {
        // Logging must never take the app down; the error is already on stderr.
      }
    },
  };
}
