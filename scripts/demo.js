#!/usr/bin/env node
// `npm run demo`: start the built-in ECS emulator on a free loopback port and run
// `ecsimg list --owner system` against it. No account, no network. Extra arguments are
// passed to `ecsimg list`, e.g. `npm run demo -- -o json`.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../dist/emulator/index.js';

const emulator = await startEmulator({ port: 0 });
const bin = fileURLToPath(new URL('../bin/ecsimg.cjs', import.meta.url));
const args = ['list', '--owner', 'system', '--region', 'cn-hangzhou', ...process.argv.slice(2)];
process.stderr.write(`demo: ecsimg ${args.join(' ')}   (against the emulator at ${emulator.endpoint})\n`);
const child = spawn(process.execPath, [bin, ...args], {
  stdio: 'inherit',
  env: {
    ...process.env,
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret,
    ALIBABA_CLOUD_ECS_ENDPOINT: emulator.endpoint,
  },
});
child.on('exit', async (code, signal) => {
  await emulator.close();
  process.exitCode = code ?? (signal ? 130 : 1);
});
