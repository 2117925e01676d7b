// Completion scripts generated from the commander program itself, so they cannot drift from
// it: `npm run completions` writes them to completions/, `ecsimg completion <shell>` prints one.
import type { Command } from 'commander';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { describeProgram } from './model.js';
import type { CompletionShell } from './shells.js';
import { zshScript } from './zsh.js';

export { COMPLETION_SHELLS, isCompletionShell, type CompletionShell } from './shells.js';

/** The file each script is installed as, in completions/. */
export const COMPLETION_FILES: Readonly<Record<CompletionShell, string>> = Object.freeze({
  bash: 'ecsimg.bash',
  zsh: '_ecsimg',
  fish: 'ecsimg.fish',
});

export function completionScript(shell: CompletionShell, program: Command): string {
  const spec = describeProgram(program);
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
  }
}
