// man/ecsimg.1 comes from the commander program and the help topics: the committed file is
// exactly what `npm run man` writes, it says what --help and `ecsimg help <topic>` say, and
// package.json ships it through its `man` field.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderManPage } from '../../src/help/manPage.js';
import { HELP_TOPICS } from '../../src/help/topics.js';
import { VERSION } from '../../src/version.js';
import { program } from '../completion/helpers.js';
import { runInProcess } from '../support/cli.js';

const ROOT = new URL('../../', import.meta.url);
const HAS_GROFF = spawnSync('groff', ['--version']).status === 0;
const committed = (): string => readFileSync(new URL('man/ecsimg.1', ROOT), 'utf8');

/** The page as `man` shows it, plain text. */
function rendered(): string {
  return execFileSync('groff', ['-man', '-Tutf8', '-P', '-cbou', '-rLL=200n'], { input: committed(), encoding: 'utf8' });
}

describe('man/ecsimg.1', () => {
  it('is what the program generates (drift; on failure run `npm run man` and commit man/)', () => {
    expect(renderManPage(program(), VERSION)).toBe(committed());
  });

  it('writes a command\'s optional, repeatable argument as [name ...], as --help does', () => {
    const page = committed();
    expect(page).toContain('\\fBecsimg show\\fR [\\fIimage\\-id\\fR ...]');
    expect(page).toContain('\\fBecsimg wait\\fR [\\fIimage\\-id\\fR ...]');
    expect(page).toContain('\\fBecsimg completion\\fR \\fIshell\\fR\n');
  });

  it('is shipped by package.json (man field, files)', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { man: string[]; files: string[] };
    expect(pkg.man).toEqual(['./man/ecsimg.1']);
    expect(pkg.files).toContain('man/');
  });

  it.skipIf(!HAS_GROFF)('documents every command and flag, the environment, the formats and the exit codes', () => {
    const text = rendered();
    for (const command of program().commands) expect(text).toContain(`ecsimg ${command.name()}`);
    for (const flag of ['--region', '--owner', '--columns', '--query', '--catalogue', '--images-per-region']) expect(text).toContain(flag);
    for (const section of ['OPTIONS', 'COMMANDS', 'ENVIRONMENT', 'EXIT STATUS', 'OUTPUT FORMATS']) expect(text).toMatch(new RegExp(`^${section}$`, 'm'));
    for (const topic of HELP_TOPICS) for (const [term] of topic.entries) expect(text).toContain(term);
    expect(text).toContain('ECSIMG_OUTPUT');
  });

  it.skipIf(!HAS_GROFF)('groff reads it without a warning', () => {
    const check = spawnSync('groff', ['-man', '-ww', '-z'], { input: committed(), encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stderr).toBe('');
  });
});

describe('ecsimg help <topic>', () => {
  it.each(HELP_TOPICS.map((t) => t.name))('%s prints every entry of the topic', async (name) => {
    const result = await runInProcess(['help', name]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const topic = HELP_TOPICS.find((t) => t.name === name)!;
    for (const [term] of topic.entries) expect(result.stdout).toContain(term);
  });

  it('exit-codes names every code 0-5 and 130', async () => {
    const { stdout } = await runInProcess(['help', 'exit-codes']);
    for (const code of ['0', '1', '2', '3', '4', '5', '130']) expect(stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
  });

  it('exit-codes describes an error report as it is: a message, then hint, code and request-id lines', async () => {
    const { stdout } = await runInProcess(['help', 'exit-codes']);
    expect(stdout.replace(/\s+/g, ' ')).toContain('hint:, code: and request-id: lines');
  });

  it('environment names every variable the source reads (a new one must be added to the topic)', async () => {
    const files = execFileSync('git', ['ls-files', 'src'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts') && !f.startsWith('src/emulator/'));
    const read = new Set<string>();
    for (const file of files) {
      const text = readFileSync(new URL(file, ROOT), 'utf8');
      for (const m of text.matchAll(/\benv\??\.([A-Z][A-Z0-9_]+)|'((?:ALIBABA_CLOUD|ALICLOUD|ECSIMG)_[A-Z0-9_]+|LC_ALL|LC_MESSAGES|LANG|HTTPS?_PROXY|NO_PROXY)'/g)) read.add(m[1] ?? m[2]!);
    }
    // main.ts deletes DEBUG (pop-core's request dumps); no variable of ecsimg's own.
    read.delete('DEBUG');
    expect(read.size).toBeGreaterThan(25);
    const { stdout } = await runInProcess(['help', 'environment']);
    for (const name of read) expect(stdout, name).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('ecsimg --help names the topics', async () => {
    const { stdout } = await runInProcess(['--help']);
    expect(stdout).toContain('ecsimg help <topic>): exit-codes, environment, formats');
  });
});
