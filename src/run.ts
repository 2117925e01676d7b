// Runs the CLI for one argv and turns any failure into a message on stderr and an exit code.
import { CommanderError, type Command } from 'commander';
import { buildProgram } from './cli.js';
import { EcsimgError, ExitCode, UsageError } from './errors.js';
import { shellWord } from './output/shellWord.js';
import type { Runtime } from './runtime.js';

const SUCCESSFUL_COMMANDER_EXITS = new Set(['commander.helpDisplayed', 'commander.version']);

/** Returns the exit code; never throws. */
export async function runCli(argv: string[], runtime: Runtime): Promise<number> {
  const debug = argv.includes('--debug');
  const quiet = quietIn(argv);
  const secrets: string[] = [];
  // The command being parsed, for hints that name it (`see: ecsimg list --help`).
  let command: string | undefined;
  // Its operands, for a hint that turns a stray word into the option it was meant for.
  let operands: () => readonly string[] = () => [];
  let commandNames: readonly string[] = [];
  try {
    const program = buildProgram({ ...runtime, secrets });
    commandNames = program.commands.map((c) => c.name());
    program.hook('preSubcommand', (_program, subcommand: Command) => {
      command = subcommand.name();
      operands = () => subcommand.args;
    });
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError && SUCCESSFUL_COMMANDER_EXITS.has(err.code)) return ExitCode.ok;
    if (err instanceof CommanderError && err.code === 'commander.help' && err.exitCode === 0) return ExitCode.ok;
    let exitCode: number = ExitCode.internal;
    try {
      const error = toReportable(err, command, operands(), commandNames);
      exitCode = error.exitCode;
      const { formatError } = await import('./output/errorMessage.js');
      runtime.io.stderr.write(formatError(error, { debug, quiet, color: false, secrets: [...secretsIn(runtime.env), ...secrets] }));
    } catch {
      // The report failed (a value that throws when read, a scrubber bug): its own error and
      // the one it was reporting may both quote a secret, so neither is printed.
      writeSafely(runtime, REPORT_FAILED);
    }
    return exitCode;
  }
}

/** What stderr says when an error could not be reported; names nothing of the error. */
export const REPORT_FAILED = 'ecsimg: failed, and the error could not be reported safely (a bug in ecsimg); please report it\n';

function writeSafely(runtime: Runtime, text: string): void {
  try {
    runtime.io.stderr.write(text);
  } catch {
    // Nowhere left to say it; the exit code still tells.
  }
}

/**
 * -q or --quiet anywhere, also among combined short flags (-qo json), read as commander reads
 * them: -r, -p and -o take a value, so letters after one of them are that value.
 * The failure may come before commander has parsed anything, so argv is read here.
 */
export function quietIn(argv: string[]): boolean {
  return argv.some((arg) => arg === '--quiet' || /^-[^-rpo]*q/.test(arg));
}

function toReportable(err: unknown, command: string | undefined, operands: readonly string[], commandNames: readonly string[]): EcsimgError {
  if (err instanceof EcsimgError) return err;
  if (err instanceof CommanderError && err.code === 'commander.help') {
    return new UsageError('no command given', { hint: `commands: ${commandNames.join(', ')}; see: ecsimg --help` });
  }
  if (err instanceof CommanderError) {
    // Commander puts its suggestion on a second line ("(Did you mean --sort?)"); the report
    // keeps the message on one line and gives the suggestion as the hint.
    const [first = '', ...rest] = err.message.replace(/^error: /, '').split('\n');
    const more = rest.join(' ').trim();
    const suggestion = /^\(?did you mean (.+?)\?\)?$/i.exec(more)?.[1];
    const see = usageHint(err, command, operands);
    if (suggestion) return new UsageError(first, { hint: `did you mean ${suggestion}? ${see.replace(/^see/, 'See')}` });
    return new UsageError(more ? `${first} ${more}` : first, { hint: see });
  }
  return new EcsimgError('unexpected internal error (a bug in ecsimg); run again with --debug and report it', ExitCode.internal, {
    cause: err,
  });
}

function usageHint(err: CommanderError, command: string | undefined, operands: readonly string[]): string {
  // `ecsimg list ubuntu`: the word is most likely a name to filter by.
  const word = operands[0];
  if (err.code === 'commander.excessArguments' && command === 'list' && word !== undefined) {
    return `list takes no arguments; filter by name with --name ${shellWord(word)} (or --name-exact ${shellWord(word)})`;
  }
  return err.code === 'commander.unknownCommand' || command === undefined ? 'see: ecsimg --help' : `see: ecsimg ${command} --help`;
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
