/** One `liverplan` subcommand. run() returns the JSON-able result; errors throw CliError. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<CliResult>;
}

export interface CliResult {
  /** Printed with --json. */
  json: unknown;
  /** Printed without --json; defaults to pretty JSON. */
  text?: string;
}

/** An expected failure: printed as one line, exit code 1 (2 for usage errors). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
