// The emulator stands for the cloud: it must not share code with the client it tests
// (a bug in src/api or src/config would otherwise cancel itself out).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../src/emulator/', import.meta.url);

function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/g), ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
}

describe('src/emulator', () => {
  it('sees imports where they are', () => {
    expect(specifiers("import { a } from './a.js';\nimport type {\n  B,\n} from '../config/b.js';\nconst c = await import('../api/c.js');")).toEqual(['./a.js', '../config/b.js', '../api/c.js']);
  });

  it('imports only node: modules and its own files', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    const all = files.flatMap((file) => specifiers(readFileSync(new URL(file, dir), 'utf8')).map((s) => `${file}: ${s}`));
    expect(all.length).toBeGreaterThan(files.length);
    expect(all.filter((line) => !/: (node:|\.\/)/.test(line))).toEqual([]);
  });
});
