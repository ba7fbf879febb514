import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assembleExport, type ExportOptions } from '../../electron/services/export/assembleExport';
import { exportCase, queueDir } from '../../electron/services/export/exportCase';
import { liverplanSoftware } from '../../electron/services/export/software';
import { cEcho } from '../../electron/services/pacs/dimse';
import { SendQueue, summariseJob } from '../../electron/services/pacs/sendQueue';
import { DEFAULT_CALLING_AE, describeTarget, parseTarget } from '../../electron/services/pacs/target';
import { caseFromFiles } from '../caseFromFiles';
import { CliError, type CliCommand } from './types';

const USAGE =
  'liverplan export --case DIR | --image SERIES_DIR --labels FILE [--plan FILE] --to folder:PATH|dicomweb:URL|dimse:AET@HOST:PORT [--rtstruct] [--deidentify --alias-name NAME --alias-id ID] ' +
  '[--calling-ae AE] [--echo] [--indication TEXT] [--queue DIR] | liverplan export --retry JOB [--queue DIR] | liverplan export --list [--queue DIR] [--json]';

/** The CLI's user data folder: LIVERPLAN_USER_DATA, else ~/.liverplan. */
export function cliUserDataDir(): string {
  return process.env.LIVERPLAN_USER_DATA ?? join(homedir(), '.liverplan');
}

export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary:
    'Write SEG, SR (TID 1500), the PDF report and optionally an RTSTRUCT of a case to a folder or a PACS (queued, retryable)',
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        case: { type: 'string' },
        image: { type: 'string' },
        labels: { type: 'string' },
        plan: { type: 'string' },
        to: { type: 'string' },
        deidentify: { type: 'boolean' },
        rtstruct: { type: 'boolean' },
        'alias-name': { type: 'string' },
        'alias-id': { type: 'string' },
        'calling-ae': { type: 'string' },
        echo: { type: 'boolean' },
        indication: { type: 'string' },
        queue: { type: 'string' },
        retry: { type: 'string' },
        list: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    const queue = new SendQueue(values.queue ?? queueDir(cliUserDataDir()), undefined, 'cli');
    if (values.list) {
      const jobs = (await queue.list()).map(summariseJob);
      return {
        json: jobs,
        text:
          jobs
            .map(
              (j) =>
                `${j.id}  ${j.state.padEnd(7)}  ${j.target}  ${j.label}${j.lastError ? `\n    ${j.lastError}` : ''}`,
            )
            .join('\n') || 'send queue is empty',
      };
    }
    if (values.retry) {
      const job = await queue.retry(values.retry).catch((e: Error) => {
        throw new CliError(e.message);
      });
      if (job.state !== 'done') throw new CliError(`still failing, kept in the queue as ${job.id}: ${job.lastError}`);
      return {
        json: summariseJob(job),
        text: `sent ${job.files.length} objects (${job.label}) to ${describeTarget(job.target)}`,
      };
    }
    const headless = Boolean(values.image && values.labels);
    if (!values.to || Boolean(values.case) === headless) throw new CliError(`usage: ${USAGE}`, 2);
    let target;
    try {
      target = parseTarget(values.to, process.env, values['calling-ae'] ?? DEFAULT_CALLING_AE);
    } catch (e) {
      throw new CliError((e as Error).message, 2);
    }
    if (values.deidentify && (!values['alias-name'] || !values['alias-id'])) {
      throw new CliError('--deidentify needs --alias-name and --alias-id (the teaching identity)', 2);
    }
    if (values.echo) {
      if (target.kind !== 'dimse') throw new CliError('--echo applies to dimse targets only', 2);
      await cEcho(target).catch((e: Error) => {
        throw new CliError(`C-ECHO failed: ${e.message}`);
      });
    }
    let result;
    try {
      const options: ExportOptions = {
        software: liverplanSoftware(cliVersion(), 'cli'),
        extras: values.indication ? { indication: values.indication } : undefined,
        rtstruct: values.rtstruct,
        deidentify: values.deidentify
          ? { patientName: values['alias-name']!, patientId: values['alias-id']! }
          : undefined,
      };
      if (values.case) result = await exportCase(values.case, target, queue, options);
      else {
        // No case folder: the same objects from the case the app would build of these files.
        const loaded = await caseFromFiles(values.image!, values.labels!, values.plan);
        const assembled = await assembleExport(loaded, options);
        const label = `${loaded.caseDoc.patient.id || loaded.caseDoc.caseId} (headless): ${assembled.instances.length} objects`;
        const queued = await queue.enqueue(target, assembled.instances, label);
        result = { job: await queue.process(queued.id), assembled };
      }
    } catch (e) {
      throw e instanceof CliError ? e : new CliError((e as Error).message);
    }
    const { job, assembled } = result;
    if (job.state !== 'done') {
      throw new CliError(
        `send failed, kept in the queue as ${job.id} (retry: liverplan export --retry ${job.id}): ${job.lastError}`,
      );
    }
    const json = {
      job: summariseJob(job),
      objects: assembled.instances.map((i) => ({ name: i.name, sopInstanceUid: i.sopInstanceUid })),
      burdenPercent: assembled.objects.measurements.burden?.percent,
    };
    return { json, text: `sent ${assembled.instances.length} objects to ${describeTarget(target)} (job ${job.id})` };
  },
};
