// The version literal (src/version.ts) and the script `npm version` runs to keep it in step.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';

const root = new URL('..', import.meta.url);
const packageVersion = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }).version;

describe('version', () => {
  it('src/version.ts says what package.json says', () => {
    expect(VERSION).toBe(packageVersion);
  });

  it('scripts/version.js writes package.json\'s version into src/version.ts, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsimg-version-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      mkdirSync(join(dir, 'src'));
      copyFileSync(new URL('scripts/version.js', root), join(dir, 'scripts', 'version.js'));
      copyFileSync(new URL('src/version.ts', root), join(dir, 'src', 'version.ts'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', version: '9.8.7-rc.1' }));
      execFileSync(process.execPath, [join(dir, 'scripts', 'version.js')]);
      const before = readFileSync(new URL('src/version.ts', root), 'utf8');
      expect(readFileSync(join(dir, 'src', 'version.ts'), 'utf8')).toBe(before.replace(`'${packageVersion}'`, "'9.8.7-rc.1'"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
