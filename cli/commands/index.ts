import type { CliCommand } from './types';

/** Every subcommand, in the order `liverplan --help` lists them. Add new ones here. */
export const commands: CliCommand[] = [];
