import { parseArgs } from 'node:util';
import { importDir, queryStudies, retrieveStudy } from '../../electron/services/pacs/retrieveStudy';
import { DEFAULT_CALLING_AE, describeTarget, parseTarget, type Target } from '../../electron/services/pacs/target';
import { secretOf } from '../../electron/services/targets/targetSecrets';
import { TargetStore } from '../../electron/services/targets/targetStore';
import type { PacsStudy } from '../../shared/pacs/studyList';
import { matchKeys, type StudyQuery } from '../../shared/pacs/studyQuery';
import { cliUserDataDir } from './export';
import { CliError, type CliCommand } from './types';

const USAGE =
  'liverplan pacs query --target NAME|dicomweb:URL|dimse:AET@HOST:PORT [--patient-name TEXT] [--patient-id ID] ' +
  '[--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--modality CT] [--accession NO] [--calling-ae AE] [--json]\n' +
  '       liverplan pacs retrieve --target NAME|URL|AET@HOST:PORT --study UID [--out DIR] [--calling-ae AE] [--json]\n' +
  '  NAME: a target saved in the app (LIVERPLAN_USER_DATA, else ~/.liverplan). DICOMweb credentials of a URL\n' +
  '  target come from LIVERPLAN_DICOMWEB_USER/PASSWORD or LIVERPLAN_DICOMWEB_TOKEN, never the command line.\n' +
  '  retrieve writes DIR/<StudyUID>/<SeriesUID>/<SOP>.dcm (default: the app import folder); Ctrl+C cancels.';

/** A saved target by name (as the app lists them), else a target written out as for export --to. */
async function resolveTarget(text: string, callingAe: string | undefined): Promise<Target> {
  // Read only: the CLI has no OS keyring, so it never rewrites (migrates) the app's targets file.
  const store = new TargetStore(cliUserDataDir(), undefined, { migrate: false });
  const saved = (await store.list().catch(() => [])).find((t) => t.name === text);
  if (saved?.target.kind === 'dicomweb' && saved.target.auth && !secretOf(saved.target)) {
    // The app sealed its secret with the OS keyring: credentials come from the environment, as for a URL.
    const fromEnv = parseTarget(`dicomweb:${saved.target.url}`, process.env);
    if (fromEnv.kind === 'dicomweb' && fromEnv.auth) return fromEnv;
    throw new CliError(
      `target '${text}' has its password sealed by the app's OS keyring, which the command line cannot open: set LIVERPLAN_DICOMWEB_USER and LIVERPLAN_DICOMWEB_PASSWORD (or LIVERPLAN_DICOMWEB_TOKEN)`,
      2,
    );
  }
  if (saved) return saved.target.kind === 'dimse' && callingAe ? { ...saved.target, callingAe } : saved.target;
  if (!/^(dicomweb|dimse|folder):/.test(text))
    throw new CliError(`no saved target named '${text}' (nor a dicomweb:URL or dimse:AET@HOST:PORT)`, 2);
  try {
    return parseTarget(text, process.env, callingAe ?? DEFAULT_CALLING_AE);
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
}

function studyLine(s: PacsStudy): string {
  const count = s.instanceCount === null ? '' : `  ${s.instanceCount} instance(s)`;
  return `${s.studyDate || '--------'}  ${s.patientName || '(no name)'} [${s.patientId}]  ${s.modalities.join('/')}  acc ${s.accessionNumber || '-'}  "${s.description}"${count}\n    ${s.studyInstanceUid}`;
}

export const pacsCommand: CliCommand = {
  name: 'pacs',
  summary: 'Search a PACS (QIDO-RS or C-FIND) and retrieve a study (WADO-RS or C-GET) into the import folder',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        target: { type: 'string' },
        'patient-name': { type: 'string' },
        'patient-id': { type: 'string' },
        date: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        modality: { type: 'string' },
        accession: { type: 'string' },
        study: { type: 'string' },
        out: { type: 'string' },
        'calling-ae': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const [verb] = positionals;
    if ((verb !== 'query' && verb !== 'retrieve') || positionals.length > 1 || !values.target)
      throw new CliError(`usage: ${USAGE}`, 2);
    const target = await resolveTarget(values.target, values['calling-ae']);
    const controller = new AbortController();
    const onInt = () => controller.abort();
    process.once('SIGINT', onInt);
    try {
      if (verb === 'query') {
        const query: StudyQuery = {
          patientName: values['patient-name'],
          patientId: values['patient-id'],
          dateFrom: values.date ?? values.from,
          dateTo: values.date ?? values.to,
          modality: values.modality,
          accessionNumber: values.accession,
        };
        try {
          matchKeys(query);
        } catch (e) {
          throw new CliError((e as Error).message, 2);
        }
        const studies = await queryStudies(target, query, controller.signal);
        return {
          json: { target: describeTarget(target), studies },
          text: studies.length
            ? `${studies.length} stud${studies.length === 1 ? 'y' : 'ies'} on ${describeTarget(target)}:\n${studies.map(studyLine).join('\n')}`
            : `no study on ${describeTarget(target)} matches`,
        };
      }
      if (!values.study) throw new CliError(`retrieve needs --study UID\nusage: ${USAGE}`, 2);
      const tty = process.stderr.isTTY;
      const got = await retrieveStudy(
        target,
        values.study,
        values.out ?? importDir(cliUserDataDir()),
        // Progress to stderr on a terminal only, so --json output stays clean.
        (p) => tty && process.stderr.write(`\rreceived ${p.done} of ${p.total}`),
        controller.signal,
      ).catch((e: Error) => {
        throw new CliError(controller.signal.aborted ? 'retrieve cancelled; nothing was kept' : e.message);
      });
      if (tty) process.stderr.write('\n');
      return {
        json: got,
        text: `retrieved ${got.files} instance(s) by ${got.via} in ${got.seconds.toFixed(1)} s into ${got.folder}\nimport it with: liverplan scan ${got.folder}`,
      };
    } finally {
      process.off('SIGINT', onInt);
    }
  },
};
