// The program as cli.ts builds it, the committed scripts, and ways to ask a real shell what
// it would complete.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli.js';
import { COMPLETION_FILES, type CompletionShell } from '../../src/completion/index.js';
import { captured } from '../support/cli.js';

export function program(): Command {
  return buildProgram({
    io: { stdout: captured(), stderr: captured(), color: false },
    env: {},
    homeDir: '/home/test',
    readFile: () => undefined,
    signal: new AbortController().signal,
  });
}

export function scriptPath(shell: CompletionShell): string {
  return fileURLToPath(new URL(`../../completions/${COMPLETION_FILES[shell]}`, import.meta.url));
}

export function committedScript(shell: CompletionShell): string {
  return readFileSync(scriptPath(shell), 'utf8');
}

export function hasShell(shell: string): boolean {
  try {
    execFileSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const homes: string[] = [];

/** A home directory whose ~/.aliyun/config.json holds `text`; see removeHomes. */
export function homeWithAliyunConfig(text: string): string {
  const home = mkdtempSync(join(tmpdir(), 'ecsimg-completion-'));
  homes.push(home);
  mkdirSync(join(home, '.aliyun'));
  writeFileSync(join(home, '.aliyun', 'config.json'), text);
  return home;
}

/** For afterAll: removes the homes made by homeWithAliyunConfig. */
export function removeHomes(): void {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
}

export function run(file: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: { PATH: process.env.PATH ?? '', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...env }, timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

export const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');
