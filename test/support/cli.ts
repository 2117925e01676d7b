// Run ecsimg in-process (runCli with captured streams) or as a real process (bin/ecsimg.cjs).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { canAnimate, type IO, type OutStream } from '../../src/io.js';
import { runCli } from '../../src/run.js';

/**
 * In every run a test starts, the credential chain never reaches for a real instance
 * metadata service (100.100.100.200); a test that wants one points ECSIMG_METADATA_ENDPOINT
 * at loopback and sets this to 'false'.
 */
export const NO_METADATA = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' } as const;

export interface Captured extends OutStream {
  text: string;
}

/** A write's text: held output arrives as UTF-8 bytes, each write a whole text. */
export function decodeChunk(chunk: string | Uint8Array): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
}

export function captured(isTTY = false, columns = 100): Captured {
  const stream = {
    text: '',
    isTTY,
    // as main.ts: a terminal that reports 0 columns has no known width
    columns: isTTY && columns > 0 ? columns : undefined,
    animates: canAnimate({}, isTTY, columns),
    write(chunk: string | Uint8Array) {
      stream.text += decodeChunk(chunk);
    },
  };
  return stream;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  env?: Record<string, string | undefined>;
  files?: Record<string, string>;
  homeDir?: string;
  tty?: boolean;
  color?: boolean;
  columns?: number;
  signal?: AbortSignal;
}

export async function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<RunResult> {
  const stdout = captured(options.tty ?? false, options.columns);
  const stderr = captured(options.tty ?? false, options.columns);
  const io: IO = { stdout, stderr, color: options.color ?? false };
  const files = options.files ?? {};
  const code = await runCli(argv, {
    io,
    env: { ...NO_METADATA, ...options.env },
    homeDir: options.homeDir ?? '/home/test',
    readFile: (path) => files[path],
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const BIN = fileURLToPath(new URL('../../bin/ecsimg.cjs', import.meta.url));

/** Spawns the built CLI with exactly `env` (plus PATH, HOME and NO_METADATA), no TTY; `timeoutMs` kills a run that hangs (exit -1). */
export function runBin(argv: string[], env: Record<string, string> = {}, input?: string, timeoutMs?: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-home', ...NO_METADATA, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal === 'SIGINT' ? 130 : -1), stdout, stderr }));
    child.stdin.end(input);
  });
}
