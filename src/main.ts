// The process boundary: argv, env, real streams, signals, exit code. Nothing else touches
// `process`.
import { homedir } from 'node:os';
import { readConfigFileFromDisk } from './config/configFile.js';
import { canAnimate, isAsciiOnlyTerminal, shouldUseColor, type IO, type OutStream } from './io.js';
import type { Runtime } from './runtime.js';

// pop-core's `debug` dependency would print request bodies (AccessKeyId, signature, token)
// when DEBUG=httpx:* is set; ecsimg's own --debug is the redacted way to see requests.
delete process.env.DEBUG;

let wroteToStdout = false;

function stream(target: NodeJS.WriteStream): OutStream {
  return {
    write: (chunk) => {
      if (target === process.stdout) wroteToStdout = true;
      target.write(chunk);
    },
    raw: target,
    asciiOnly: isAsciiOnlyTerminal(process.env),
    get isTTY() {
      return target.isTTY === true;
    },
    get columns() {
      // A terminal without a window size (script, some CI runners) reports 0: unknown.
      return target.columns || undefined;
    },
    get animates() {
      return canAnimate(process.env, target.isTTY === true, target.columns);
    },
  };
}

function exitWhenFlushed(code: number): void {
  // Exit once our own writes are out, even if an abandoned request still holds a socket.
  const exit = (): void => void process.stderr.write('', () => process.exit(code));
  // Nothing written, nothing to flush: even an empty write fails on /dev/full.
  if (!wroteToStdout) exit();
  else process.stdout.write('', (err) => (err ? stdoutFailed(err, code) : exit()));
}

function stdoutFailed(err: NodeJS.ErrnoException, code = 0): void {
  // `ecsimg list | head -1`: the reader has what it wanted; end quietly.
  if (err.code === 'EPIPE') process.exit(code);
  // A full disk or a closed terminal: the output is lost or cut short, which a script must
  // hear; a listing that failed anyway keeps its own exit code.
  process.stderr.write(`ecsimg: could not write the output: ${err.message}\n`, () => process.exit(code === 0 ? 1 : code));
}

const argv = process.argv.slice(2);
const controller = new AbortController();
const io: IO = {
  stdout: stream(process.stdout),
  stderr: stream(process.stderr),
  color: shouldUseColor(process.env, process.stdout.isTTY === true, argv.includes('--no-color')),
};

process.stdout.on('error', (err) => stdoutFailed(err));
// A stderr that cannot be written to leaves nowhere to say so; the exit code still tells.
process.stderr.on('error', () => undefined);
process.on('SIGINT', () => {
  controller.abort();
  // On a terminal, wipe the spinner's line rather than leave a stale frame behind; off one
  // there is no spinner and no line to wipe.
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  process.stderr.write('ecsimg: interrupted\n');
  process.exit(130);
});

const runtime: Runtime = {
  io,
  env: process.env,
  homeDir: homedir(),
  readFile: readConfigFileFromDisk,
  signal: controller.signal,
};

// Loaded only now, when DEBUG is gone from the environment.
const { runCli, REPORT_FAILED } = await import('./run.js');
// Thrown outside runCli (in a dependency's callback), an error would reach Node's default
// report, which prints its message and source line: either may quote a secret.
process.on('uncaughtException', () => {
  process.stderr.write(REPORT_FAILED, () => process.exit(1));
});
exitWhenFlushed(await runCli(argv, runtime));
