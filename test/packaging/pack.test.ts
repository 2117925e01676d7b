// `npm pack`, then `npm install -g` of the tarball into a temporary prefix: the installed
// ecsimg runs, has package.json's version, prints its completion scripts, has its man page
// where `man` looks, and lists images from the emulator. Slow (an npm install), so one file with one install.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: string[], options: { cwd?: string; env: Record<string, string | undefined> }): Promise<Result> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, env: options.env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** npm with the user's config (cache, registry), but not the package and lifecycle variables of an enclosing `npm test`. */
function npm(args: string[], cwd: string): Promise<Result> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || /^npm_config_/i.test(key)));
  return exec('npm', args, { cwd, env: { ...env, PATH, NO_UPDATE_NOTIFIER: '1' } });
}

interface PackedFile {
  path: string;
}

let work: string;
let prefix: string;
let packed: PackedFile[];
let emulator: RunningEmulator;

/** The installed command, run with only the given environment (and node on PATH). */
function ecsimg(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return exec(join(prefix, 'bin', 'ecsimg'), args, { env: { PATH, HOME: work, ...env } });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ecsimg-pack-'));
  prefix = join(work, 'prefix');
  // dist/ is built by the suite's globalSetup; prepare would only build it again
  const pack = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout) as [{ filename: string; files: PackedFile[] }];
  packed = info.files;
  const install = await npm(
    ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, info.filename)],
    work,
  );
  expect(install.code, install.stderr).toBe(0);
  emulator = await startEmulator({ port: 0 });
}, 90_000);

afterAll(async () => {
  await emulator?.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('ships bin/, dist/, completions/, man/, README.md, LICENSE and package.json, and no sources or tests', () => {
    const paths = packed.map((f) => f.path);
    for (const path of ['package.json', 'README.md', 'LICENSE', 'bin/ecsimg.cjs', 'dist/main.js', 'dist/cli.js']) {
      expect(paths).toContain(path);
    }
    for (const file of ['ecsimg.bash', '_ecsimg', 'ecsimg.fish']) expect(paths).toContain(`completions/${file}`);
    expect(paths).toContain('man/ecsimg.1');
    const allowed = /^(bin\/|dist\/|completions\/|man\/|README\.md$|LICENSE$|package\.json$)/;
    expect(paths.filter((path) => !allowed.test(path))).toEqual([]);
    expect(paths.filter((path) => /\.(ts|map)$/.test(path) || /(^|\/)(src|test)\//.test(path))).toEqual([]);
  });

  it('installs a working ecsimg with package.json version', async () => {
    const result = await ecsimg(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
  });

  it('prints the shipped completion scripts', async () => {
    const installed = join(prefix, 'lib', 'node_modules', PACKAGE.name, 'completions');
    for (const [shell, file] of [
      ['bash', 'ecsimg.bash'],
      ['zsh', '_ecsimg'],
      ['fish', 'ecsimg.fish'],
    ] as const) {
      const result = await ecsimg(['completion', shell]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('ecsimg');
      expect(result.stdout).toBe(readFileSync(join(installed, file), 'utf8'));
      expect(result.stdout).toBe(readFileSync(join(ROOT, 'completions', file), 'utf8'));
    }
  });

  it('installs the man page where man looks: `man ecsimg` with the prefix\'s bin on PATH (no -M, no MANPATH) shows it', async () => {
    const installed = join(prefix, 'share', 'man', 'man1', 'ecsimg.1');
    expect(existsSync(installed)).toBe(true);
    expect(readFileSync(installed, 'utf8')).toBe(readFileSync(join(ROOT, 'man', 'ecsimg.1'), 'utf8'));
    const hasMan = spawnSync('man', ['--version']).status === 0;
    if (!hasMan) return;
    // as after `npm install -g`: man finds <prefix>/share/man from <prefix>/bin on PATH
    const shown = await exec('man', ['ecsimg'], {
      env: { PATH: `${join(prefix, 'bin')}:${PATH}`, HOME: work, MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '100', LANG: 'C.UTF-8' },
    });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/ECSIMG\(1\)/);
    expect(shown.stdout).toContain('EXIT STATUS');
  });

  it('lists images from the emulator as JSON', async () => {
    const result = await ecsimg(['list', '--owner', 'system', '--limit', '5', '-o', 'json'], {
      ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
      ALIBABA_CLOUD_ECS_ENDPOINT: emulator.endpoint,
      ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const images = JSON.parse(result.stdout) as { ImageId: string; ImageOwnerAlias: string }[];
    expect(images).toHaveLength(5);
    for (const image of images) expect(image.ImageOwnerAlias).toBe('system');
  });
});
