import { commands } from './commands/index';
import { CliError } from './commands/types';

const HELP = `liverplan - headless LiverPlan (planning aid, not a medical device)

Usage: liverplan <command> [options]   (add --json for machine-readable output)

Commands:
`;

function helpText(): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  return HELP + commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n') + '\n';
}

/** Runs one CLI invocation; returns the process exit code. */
interface Sink {
  write(text: string): unknown;
}

export async function main(argv: string[], out: Sink = process.stdout, err: Sink = process.stderr): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out.write(helpText());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    err.write(`liverplan: unknown command '${name}'. Run 'liverplan --help' for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    const result = await command.run(rest);
    if (rest.includes('--json')) out.write(JSON.stringify(result.json) + '\n');
    else out.write((result.text ?? JSON.stringify(result.json, null, 2)) + '\n');
    return 0;
  } catch (e) {
    // node:util parseArgs errors (unknown option, missing value) are usage errors for every command.
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err.write(`liverplan ${name}: ${(e as Error).message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    err.write(`liverplan ${name}: ${message.split('\n')[0]}\n`);
    if (process.env.LIVERPLAN_DEBUG && e instanceof Error) err.write(`${e.stack}\n`);
    return e instanceof CliError ? e.exitCode : 1;
  }
}
