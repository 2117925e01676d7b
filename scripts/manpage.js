#!/usr/bin/env node
// `npm run man`: write man/ecsimg.1 from the built commander program and the help topics
// (dist/), so the man page always matches the commands, flags and `ecsimg help <topic>`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderManPage } from '../dist/help/manPage.js';
import { VERSION } from '../dist/version.js';
import { program } from './program.js';

const directory = new URL('../man/', import.meta.url);
mkdirSync(directory, { recursive: true });
writeFileSync(new URL('ecsimg.1', directory), renderManPage(program, VERSION));
process.stdout.write('wrote man/ecsimg.1\n');
