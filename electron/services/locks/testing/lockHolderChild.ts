/**
 * Child process of lockFile.test.ts: takes the lock of a folder as a separate process
 * (real concurrency) and reports on stdout: "held <pid>", or "locked <message>".
 * Holds until stdin closes or it is killed; argv: dir app heartbeatMs.
 */
import { acquireLock, LockedError } from '../lockFile';

const [dir, app, heartbeat] = process.argv.slice(2);

acquireLock(dir!, { app: app === 'cli' ? 'cli' : 'app', subject: 'case', heartbeatMs: Number(heartbeat) || 10_000 })
  .then((lock) => {
    process.stdout.write(`held ${process.pid}\n`);
    // Keeps the heartbeat (unref'd) alive while the parent wants the lock held.
    process.stdin.resume();
    process.stdin.on('end', () => void lock.release().then(() => process.exit(0)));
  })
  .catch((e: unknown) => {
    process.stdout.write(`${e instanceof LockedError ? 'locked' : 'error'} ${(e as Error).message}\n`);
    process.exit(0);
  });
