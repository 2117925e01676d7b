// config.json's External mode: run process_command and read the credentials it prints,
// {"mode":"AK"|"StsToken","access_key_id","access_key_secret","sts_token"}, from its stdout.
// Its stderr is ours (it may prompt for MFA or explain a failure).
import { spawn } from 'node:child_process';

import { CredentialsError, InterruptedError, ServiceError } from '../../errors.js';
import type { Credentials, ResolvedCredentials } from '../credentials.js';
import type { FoundProfile } from '../profiles.js';
import { keepSecret, parseJsonObject, type SourceContext } from './context.js';
import { requireSetting } from './profileFields.js';

/** A command that signs in interactively needs time, not forever. */
export const EXTERNAL_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024;
/** After the command exits, what it printed is already in the pipe: this is ample to read it. */
const EXIT_GRACE_MS = 250;
// Anything a plain argument list cannot express goes to /bin/sh.
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]{}~#\n]/;

export async function fromExternal(ctx: SourceContext, profile: FoundProfile, timeoutMs = EXTERNAL_TIMEOUT_MS): Promise<ResolvedCredentials> {
  const command = requireSetting(profile, 'process_command', 'External');
  const source = `${profile.source} (External)`;
  const stdout = await run(command, source, timeoutMs, ctx);
  const body = parseJsonObject(stdout);
  if (body === undefined) {
    throw new CredentialsError(`${source}: process_command printed no JSON object`, {
      hint: 'It must print {"mode": "AK", "access_key_id": ..., "access_key_secret": ...} (or mode StsToken with sts_token) on stdout.',
    });
  }
  const value = (field: string): string | undefined => (typeof body[field] === 'string' && body[field] !== '' ? (body[field] as string) : undefined);
  const mode = value('mode') ?? 'AK';
  const credentials: Partial<Credentials> = { accessKeyId: value('access_key_id'), accessKeySecret: value('access_key_secret') };
  if (mode === 'StsToken') credentials.securityToken = value('sts_token');
  keepSecret(ctx, credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken);
  const missing = ['access_key_id', 'access_key_secret', ...(mode === 'StsToken' ? ['sts_token'] : [])].filter((field) => value(field) === undefined);
  if (mode !== 'AK' && mode !== 'StsToken') throw new CredentialsError(`${source}: process_command printed mode ${mode}; AK and StsToken work`);
  if (missing.length > 0) throw new CredentialsError(`${source}: process_command printed no ${missing.join(', ')}`);
  return { credentials: credentials as Credentials, source: `${source}: ${commandName(command)}` };
}

function commandName(command: string): string {
  return command.trim().split(/\s+/)[0] ?? command;
}

function run(command: string, source: string, timeoutMs: number, ctx: SourceContext): Promise<string> {
  const shell = SHELL_SYNTAX.test(command);
  const [file, ...args] = shell ? [command] : command.trim().split(/\s+/);
  return new Promise((resolve, reject) => {
    // The time bound does not wait for 'close': a shell's or wrapper's own child can hold stdout
    // open after the command itself is ended. (No process group of its own: a command that
    // asks for an MFA code on /dev/tty must stay in the terminal's foreground group.)
    const child = spawn(file ?? '', args, {
      shell,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...definedOnly(ctx.env) },
    });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(exitGrace);
      ctx.signal?.removeEventListener('abort', interrupt);
      outcome();
    };
    const stop = (): void => {
      child.kill();
      child.stdout.destroy();
    };
    let exitGrace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      stop();
      settle(() => reject(new ServiceError(`${source}: process_command did not finish within ${timeoutMs / 1000} s`)));
    }, timeoutMs);
    const interrupt = (): void => {
      stop();
      settle(() => reject(new InterruptedError()));
    };
    if (ctx.signal?.aborted) interrupt();
    else ctx.signal?.addEventListener('abort', interrupt, { once: true });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT_BYTES) chunks.push(chunk);
      else {
        stop();
        settle(() => reject(new CredentialsError(`${source}: process_command printed more than ${MAX_OUTPUT_BYTES} bytes`)));
      }
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      settle(() => reject(new CredentialsError(`${source}: cannot run process_command ${commandName(command)} (${err.code ?? err.name})`)));
    });
    // A command that leaves a child of its own behind (a daemon keeping a token fresh) has that
    // child hold stdout open: once the command exits, the pipe is let go, which ends in 'close'.
    child.on('exit', () => {
      exitGrace = setTimeout(() => child.stdout.destroy(), EXIT_GRACE_MS);
    });
    child.on('close', (code, signal) => {
      settle(() => {
        if (signal !== null) reject(new ServiceError(`${source}: process_command was ended by ${signal}`));
        else if (code !== 0) reject(new CredentialsError(`${source}: process_command failed (exit status ${code})`));
        else resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
  });
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
