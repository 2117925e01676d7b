// The table at a real terminal (a pseudo-terminal from script(1)) of 40, 80, 120 and 200
// columns: every ImageId whole, rows told apart, no line wider than the terminal.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/output/text.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const BIN = fileURLToPath(new URL('../../bin/ecsimg.cjs', import.meta.url));
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;
const ARGS = ['list', '--owner', 'system', '--name', 'ubuntu_22', '--limit', '4'];

function atTerminal(columns: number, extra: string[] = []): Promise<string> {
  const command = `stty cols ${columns} rows 50; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${[...ARGS, ...extra].join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...emulator.env(), TERM: 'xterm', NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

describe.skipIf(!HAS_SCRIPT)('the table at a terminal', () => {
  it.each([40, 80, 120, 200])('%i columns: full IDs, rows distinguishable, nothing wider than the terminal', async (columns) => {
    const json = await runInProcess([...ARGS, '-o', 'json'], { env: emulator.env() });
    const ids = (JSON.parse(json.stdout) as { ImageId: string }[]).map((i) => i.ImageId);
    expect(ids).toHaveLength(4);
    // eslint-disable-next-line no-control-regex
    const lines = (await atTerminal(columns)).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n/).filter((l) => /[│|]/.test(l));
    const widestId = Math.max(...ids.map((id) => id.length));
    // An ID wider than the terminal is still never cut: then the table is that one column.
    const limit = Math.max(columns, widestId + 4);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(limit);
    if (limit > columns) expect(lines.every((line) => line.split('│').length <= 3)).toBe(true);
    for (const id of ids) expect(lines.filter((line) => line.includes(id)), id).toHaveLength(1);
    const rows = lines.filter((line) => ids.some((id) => line.includes(id)));
    expect(new Set(rows).size).toBe(4);
  });

  it('--wide at 80 columns cuts and leaves out nothing', async () => {
    const text = (await atTerminal(80, ['--wide'])).replace(/\r/g, '');
    expect(text).not.toContain('…');
    expect(text).not.toContain('left out');
    for (const column of ['ImageOwnerAlias', 'Architecture', 'CreationTime']) expect(text).toContain(column);
  });
});
