import { compareCommand } from './compare';
import { exportCommand } from './export';
import { fuzzCommand } from './fuzz';
import { reportCommand } from './report';
import { marginCommand } from './margin';
import { pacsCommand } from './pacs';
import { planCommand } from './plan';
import { loadCommand } from './load';
import { sampleCommand } from './sample';
import { scanCommand } from './scan';
import { segmentCommand } from './segment';
import type { CliCommand } from './types';
import { volumetryCommand } from './volumetry';

/** Every subcommand, in the order `liverplan --help` lists them. Add new ones here. */
export const commands: CliCommand[] = [
  scanCommand,
  loadCommand,
  marginCommand,
  compareCommand,
  planCommand,
  reportCommand,
  exportCommand,
  pacsCommand,
  sampleCommand,
  volumetryCommand,
  segmentCommand,
  fuzzCommand,
];
