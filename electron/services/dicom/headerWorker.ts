import { parentPort } from 'node:worker_threads';
import { readHeaderFile } from './readHeaderFile';

/** Worker: reads headers of the files it is sent and posts the results back in one batch. */
parentPort?.on('message', async (msg: { id: number; files: string[] }) => {
  const results = [];
  for (const f of msg.files) results.push(await readHeaderFile(f));
  parentPort!.postMessage({ id: msg.id, results });
});
