// Every command's --help ends with real examples: at least two `$ ...` lines, each running
// ecsimg with a command and flags that exist.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { captured, runInProcess } from '../support/cli.js';

const program = buildProgram({
  io: { stdout: captured(), stderr: captured(), color: false },
  env: {},
  homeDir: '/home/test',
  readFile: () => undefined,
  signal: new AbortController().signal,
});
const commandNames = program.commands.map((c) => c.name());

/** The example lines that end the help text; fails the test when the help does not end with them. */
function examples(help: string): string[] {
  const at = help.lastIndexOf('\nExamples:\n');
  expect(at, 'an Examples: section').toBeGreaterThan(-1);
  const section = help.slice(at + '\nExamples:\n'.length).trimEnd().split('\n');
  for (const line of section) expect(line, 'only `  $ ...` lines after Examples:').toMatch(/^ {2}\$ \S/);
  return section.map((line) => line.replace(/^ {2}\$ /, ''));
}

/** Each `ecsimg ...` invocation in an example, as words, up to a pipe, redirection, quote or comment. */
function invocations(example: string): string[][] {
  return [...example.matchAll(/(?:^|[\s("'`])ecsimg((?:\s+[^\s|&;)#<>'"]+)*)/g)].map((m) => m[1]!.trim().split(/\s+/).filter(Boolean));
}

describe.each(['', ...commandNames])('ecsimg %s --help', (name) => {
  const command = name === '' ? [] : [name];
  it('ends with at least two examples that use real commands and flags', async () => {
    const result = await runInProcess([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = examples(result.stdout);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const calls = invocations(line);
      expect(calls.length, `${line}: runs ecsimg`).toBeGreaterThan(0);
      for (const [called, ...args] of calls) {
        if (name !== '') expect(called, line).toBe(name);
        const target = program.commands.find((c) => c.name() === called);
        expect(target, `${line}: a command`).toBeDefined();
        const flags = new Set(target!.options.flatMap((o) => [o.short, o.long]).filter(Boolean));
        for (const arg of args) {
          if (arg.startsWith('-')) expect(flags.has(arg.split('=')[0]!), `${line}: ${arg}`).toBe(true);
        }
      }
    }
  });
});
