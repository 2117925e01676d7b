#!/usr/bin/env node
// `npm run completions`: write completions/ecsimg.bash, _ecsimg and ecsimg.fish from the built
// commander program (dist/), so the scripts always match the commands and flags.
import { mkdirSync, writeFileSync } from 'node:fs';
import { COMPLETION_FILES, COMPLETION_SHELLS, completionScript } from '../dist/completion/index.js';
import { program } from './program.js';

const directory = new URL('../completions/', import.meta.url);
mkdirSync(directory, { recursive: true });
for (const shell of COMPLETION_SHELLS) {
  const file = new URL(COMPLETION_FILES[shell], directory);
  writeFileSync(file, completionScript(shell, program));
  process.stdout.write(`wrote completions/${COMPLETION_FILES[shell]}\n`);
}
