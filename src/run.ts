// Runs the CLI for one argv and turns any failure into a message on stderr and an exit code.
import { CommanderError } from 'commander';
import { buildProgram } from './cli.js';
import { EcsimgError, ExitCode, UsageError } from './errors.js';
import type { Runtime } from './runtime.js';

const SUCCESSFUL_COMMANDER_EXITS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** Returns the exit code; never throws. */
export async function runCli(argv: string[], runtime: Runtime): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    await buildProgram(runtime).parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError && SUCCESSFUL_COMMANDER_EXITS.has(err.code)) return ExitCode.ok;
    const error = toReportable(err);
    const { formatError } = await import('./output/errorMessage.js');
    runtime.io.stderr.write(formatError(error, { debug, color: false, secrets: secretsIn(runtime.env) }));
    return error.exitCode;
  }
}

function toReportable(err: unknown): EcsimgError {
  if (err instanceof EcsimgError) return err;
  if (err instanceof CommanderError) {
    const message = err.message.replace(/^error: /, '');
    return new UsageError(message, { hint: usageHint(err) });
  }
  return new EcsimgError('unexpected internal error (a bug in ecsimg); run again with --debug and report it', ExitCode.internal, {
    cause: err,
  });
}

function usageHint(err: CommanderError): string {
  return err.code === 'commander.unknownCommand' ? 'see: ecsimg --help' : 'see: ecsimg <command> --help';
}

const SECRET_VARIABLES = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
  'ALICLOUD_ACCESS_KEY',
  'ALICLOUD_SECRET_KEY',
  'ALICLOUD_SECURITY_TOKEN',
];

/** Credential values from the environment, blanked wherever an error text might echo them. */
function secretsIn(env: Record<string, string | undefined>): string[] {
  return SECRET_VARIABLES.map((name) => env[name]).filter((v): v is string => v !== undefined && v.length >= 4);
}
