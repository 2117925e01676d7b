// The table at a real terminal (a pseudo-terminal from script(1)) of 30 to 200 columns:
// every ImageId whole, rows told apart, no line wider than the terminal (but a line that is
// one ID alone, never cut), no box where the ID and its borders do not fit; TERM=dumb: ASCII.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/output/text.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const BIN = fileURLToPath(new URL('../../bin/ecsimg.cjs', import.meta.url));
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;
/** system images: IDs of 41 and 43 characters */
const ARGS = ['list', '--owner', 'system', '--name', 'ubuntu_22', '--limit', '4'];
/** self images: IDs of 22 characters */
const SELF = ['list', '--owner', 'self', '--limit', '4'];

function atTerminal(columns: number, extra: string[] = [], { args = ARGS, term = 'xterm' } = {}): Promise<string> {
  const command = `stty cols ${columns} rows 50; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${[...args, ...extra].join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...emulator.env(), TERM: term, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

/** What the terminal shows: a spinner frame erased (to column 1) is gone, and no escapes. */
function screenLines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    // eslint-disable-next-line no-control-regex
    .map((line) => (line.split(/\x1b\[1G|\r/).pop() ?? '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''));
}

async function idsOf(args: string[]): Promise<string[]> {
  const json = await runInProcess([...args, '-o', 'json'], { env: emulator.env() });
  return (JSON.parse(json.stdout) as { ImageId: string }[]).map((i) => i.ImageId);
}

describe.skipIf(!HAS_SCRIPT)('the table at a terminal', () => {
  it.each([
    ['system', 30],
    ['system', 40],
    ['system', 80],
    ['system', 120],
    ['system', 200],
    ['self', 30],
    ['self', 40],
    ['self', 80],
  ] as const)('%s images, %i columns: full IDs, rows distinguishable, nothing wider than the terminal', async (owner, columns) => {
    const args = owner === 'system' ? ARGS : SELF;
    const ids = await idsOf(args);
    expect(ids).toHaveLength(4);
    const lines = screenLines(await atTerminal(columns, [], { args })).filter((l) => l !== '' && !/^(note: |\d+ images in )/.test(l));
    const widestId = Math.max(...ids.map((id) => id.length));
    // An ID wider than the terminal is never cut: then it stands alone on its line, borderless.
    for (const line of lines) if (!ids.includes(line.trim())) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
    // A box only where the ID column and its borders fit.
    const boxed = lines.some((line) => /[│┌└├]/.test(line));
    expect(boxed).toBe(widestId + 4 <= columns);
    // A cut cell still says something: no `…`, `Ima…` or `…918` columns.
    const cut = lines.flatMap((line) => line.split('│').map((cell) => cell.trim())).filter((cell) => cell.includes('…'));
    for (const cell of cut) expect(displayWidth(cell), cell).toBeGreaterThanOrEqual(10);
    for (const id of ids) expect(lines.filter((line) => line.includes(id)), id).toHaveLength(1);
    const rows = lines.filter((line) => ids.some((id) => line.includes(id)));
    expect(new Set(rows).size).toBe(4);
  });

  it.each([40, 60])('regions at %i columns: every RegionId whole, no cell cut to nothing, a note naming what was left out', async (columns) => {
    const json = await runInProcess(['regions', '-o', 'json'], { env: emulator.env() });
    const ids = (JSON.parse(json.stdout) as { RegionId: string }[]).map((r) => r.RegionId);
    const lines = screenLines(await atTerminal(columns, [], { args: ['regions'] })).filter((l) => l !== '');
    const table = lines.filter((l) => !l.startsWith('note: '));
    for (const line of table) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
    for (const id of ids) expect(table.some((line) => line.split(/[│ ]+/).includes(id)), id).toBe(true);
    const cut = table.flatMap((line) => line.split('│').map((cell) => cell.trim())).filter((cell) => cell.includes('…'));
    for (const cell of cut) expect(displayWidth(cell), cell).toBeGreaterThanOrEqual(10);
    expect(lines).toContain('note: left out to fit the terminal: Status, RegionEndpoint (--columns chooses, -o tsv shows all)');
  });

  it('TERM=dumb: the box is drawn in ASCII (+, -, |)', async () => {
    const text = (await atTerminal(100, [], { args: SELF, term: 'dumb' })).replace(/\r/g, '');
    const table = screenLines(text).filter((line) => /^[+|]/.test(line));
    expect(table.length).toBe(4 + 4);
    expect(table[0]).toMatch(/^\+-+\+-+/);
    expect(table[1]).toMatch(/^\| ImageId +\| /);
    expect(text).not.toMatch(/[─│┌┐└┘├┤┬┴┼]/);
  });

  it('--wide at 80 columns cuts and leaves out nothing', async () => {
    const text = screenLines(await atTerminal(80, ['--wide'])).join('\n');
    expect(text).not.toContain('…');
    expect(text).not.toContain('left out');
    for (const column of ['ImageOwnerAlias', 'Architecture', 'CreationTime']) expect(text).toContain(column);
  });
});
