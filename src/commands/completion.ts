// `ecsimg completion <shell>`: print the completion script for that shell.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { IO } from '../io.js';
import { COMPLETION_SHELLS, completionScript, isCompletionShell } from '../completion/index.js';

export function completionRun(shell: string, program: Command, io: IO): void {
  if (!isCompletionShell(shell)) {
    throw new UsageError(`invalid shell "${shell}"; allowed: ${COMPLETION_SHELLS.join(', ')}`, {
      hint: 'see: ecsimg completion --help',
    });
  }
  io.stdout.write(completionScript(shell, program));
}
