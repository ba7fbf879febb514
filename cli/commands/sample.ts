import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  caseFiles,
  listSamples,
  TargetExistsError,
  writeSample,
} from '../../electron/services/samples/materialiseSample';
import { CliError, type CliCommand } from './types';

export const sampleCommand: CliCommand = {
  name: 'sample',
  summary: 'List or write the bundled synthetic sample cases (DICOM + ground truth)',
  usage: 'liverplan sample --list | liverplan sample NAME --out DIR [--size normal|bench] [--json]',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        list: { type: 'boolean' },
        out: { type: 'string' },
        size: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const cases = listSamples();
    if (values.list) {
      const width = Math.max(...cases.map((c) => c.name.length));
      const text = cases
        .map((c) => `${c.name.padEnd(width)}  ${c.modality}  ${c.difficulty.padEnd(8)}  ${c.description}`)
        .join('\n');
      return { json: cases, text };
    }
    const [name, ...extra] = positionals;
    if (!name) throw new CliError('give a case NAME (see liverplan sample --list) or --list', 2);
    if (extra.length > 0) throw new CliError(`one case at a time; unexpected '${extra[0]}'`, 2);
    if (!cases.some((c) => c.name === name)) {
      throw new CliError(`no sample case '${name}'; have ${cases.map((c) => c.name).join(', ')}`, 2);
    }
    if (!values.out) throw new CliError('--out DIR is required (a folder that does not exist yet or is empty)', 2);
    const size = values.size ?? 'normal';
    if (size !== 'normal' && size !== 'bench') throw new CliError(`--size must be normal or bench, got '${size}'`, 2);
    const outDir = resolve(values.out);
    const started = performance.now();
    let truth;
    try {
      truth = await writeSample(name, outDir, { size });
    } catch (e) {
      if (e instanceof TargetExistsError) throw new CliError(`${outDir} exists and is not empty`);
      throw e;
    }
    const seconds = (performance.now() - started) / 1000;
    const files = caseFiles(outDir);
    const json = {
      case: name,
      ...files,
      seconds: Math.round(seconds * 100) / 100,
      lesionCount: truth.lesionCount,
      tumourBurdenPercent: truth.tumourBurdenPercent,
      liverVolumeMl: truth.liverVolumeMl,
      phases: truth.phases.map((p) => p.phase),
    };
    const text = [
      `${name}: ${truth.phases.length} series (${json.phases.join(', ')}) in ${json.seconds} s`,
      `  DICOM   ${files.folder}`,
      `  SEG     ${files.segFile}`,
      `  truth   ${files.truthFile}`,
      `  liver ${truth.liverVolumeMl} mL, ${truth.lesionCount} lesion(s), tumour burden ${truth.tumourBurdenPercent}%`,
    ].join('\n');
    return { json, text };
  },
};
