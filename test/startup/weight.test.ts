// SPEC section 6: --help, --version and usage errors load nothing heavy. Each case spawns
// bin/ecsimg.cjs with a preload that records every module the process resolves (ESM resolve
// hook and CommonJS Module._load), then asserts on the packages in that record. The cases
// that must load pop-core and csv-stringify prove both routes of the recorder work.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { startProxyServer, type RunningProxy } from '../support/proxyServer.js';

const PRELOAD = fileURLToPath(new URL('./loadRecorder.mjs', import.meta.url));
const HEAVY = ['@alicloud/pop-core', 'ora', 'cli-table3', 'csv-stringify', 'jmespath'];
/** loaded only when a proxy variable is set (src/net/proxy.ts) */
const PROXY_LIBRARIES = ['proxy-from-env', 'https-proxy-agent', 'http-proxy-agent', 'agent-base'];

const emulator = useEmulator();
const logDir = mkdtempSync(join(tmpdir(), 'ecsimg-startup-'));
afterAll(() => rmSync(logDir, { recursive: true, force: true }));
let runs = 0;

/** The package a specifier or a resolved path/URL belongs to, for bare specifiers and node_modules paths. */
function packageOf(name: string): string | undefined {
  const inNodeModules = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(name);
  if (inNodeModules) return inNodeModules[1];
  if (/^(?:[./]|node:|file:|data:)/.test(name) || name === '') return undefined;
  return /^(?:@[^/]+\/)?[^/]+/.exec(name)?.[0];
}

interface Loads {
  code: number | null;
  stderr: string;
  /** every specifier and resolved path or URL the process asked for */
  names: string[];
  packages: Set<string>;
}

function loadsOf(argv: string[], env: Record<string, string> = {}): Promise<Loads> {
  const log = join(logDir, `run-${(runs += 1)}.log`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PRELOAD, BIN, ...argv], {
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-home', ...emulator.env(env), ECSIMG_LOAD_LOG: log },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      const names = readFileSync(log, 'utf8')
        .trimEnd()
        .split('\n')
        .flatMap((line) => {
          const [, specifier = '', ...resolved] = line.split(' ');
          return [specifier, resolved.join(' ')];
        });
      const packages = new Set(names.map(packageOf).filter((pkg): pkg is string => pkg !== undefined));
      resolve({ code, stderr, names, packages });
    });
  });
}

function heavyIn(loads: Loads): string[] {
  return HEAVY.filter((name) => loads.packages.has(name));
}

function proxyLibrariesIn(loads: Loads): string[] {
  return PROXY_LIBRARIES.filter((name) => loads.packages.has(name));
}

describe('startup weight', () => {
  it.each([
    // --version alone is answered by bin/ecsimg.cjs, which reads package.json and nothing else
    [['--version'], 0, '../package.json'],
    [['--help'], 0, '/dist/main.js'],
    [['list', '--help'], 0, '/dist/main.js'],
    [['list', '--owner', 'nope'], 2, '/dist/main.js'],
  ])('ecsimg %j loads none of pop-core, ora, cli-table3, csv-stringify, jmespath, nor a proxy library', async (argv, exitCode, loaded) => {
    const loads = await loadsOf(argv);
    expect(loads.code, loads.stderr).toBe(exitCode);
    // the recorder was running: an empty record must not pass for a light start
    expect(loads.names.some((name) => name.endsWith(loaded))).toBe(true);
    expect(heavyIn(loads)).toEqual([]);
    expect(proxyLibrariesIn(loads)).toEqual([]);
  });

  it('--version alone does not start the command tree: dist/ is not loaded at all', async () => {
    const loads = await loadsOf(['--version']);
    expect(loads.names.filter((name) => name.includes('/dist/'))).toEqual([]);
  });

  it('list -o json against the emulator loads pop-core, and none of the others', async () => {
    const loads = await loadsOf(['list', '--owner', 'system', '-o', 'json']);
    expect(loads.code, loads.stderr).toBe(0);
    expect(heavyIn(loads)).toEqual(['@alicloud/pop-core']);
    expect(proxyLibrariesIn(loads)).toEqual([]);
  });

  it('list -o csv loads csv-stringify through require, so the CommonJS route is recorded too', async () => {
    const loads = await loadsOf(['list', '--owner', 'system', '--limit', '1', '-o', 'csv']);
    expect(loads.code, loads.stderr).toBe(0);
    expect(heavyIn(loads)).toEqual(['@alicloud/pop-core', 'csv-stringify']);
  });

  describe('with a proxy set', () => {
    let proxy: RunningProxy;
    beforeAll(async () => {
      proxy = await startProxyServer();
    });
    afterAll(() => proxy.close());

    it('--version and --help still load no proxy library', async () => {
      for (const argv of [['--version'], ['--help']]) {
        const loads = await loadsOf(argv, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com' });
        expect(loads.code, loads.stderr).toBe(0);
        expect(proxyLibrariesIn(loads)).toEqual([]);
      }
    });

    it('list loads the proxy libraries it needs, so the record would show them', async () => {
      const loads = await loadsOf(['list', '--owner', 'system', '--limit', '1', '-o', 'json'], { HTTP_PROXY: proxy.url, NO_PROXY: 'example.com' });
      expect(loads.code, loads.stderr).toBe(0);
      expect(proxy.passages.length).toBeGreaterThan(0);
      expect(proxyLibrariesIn(loads)).toEqual(PROXY_LIBRARIES);
    });
  });
});
