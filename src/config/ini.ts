// The small INI dialect of ~/.alibabacloud/credentials: [section] headers, `key = value`
// lines, `#` and `;` comment lines. Errors name the file and line but never quote the
// line: it may hold a secret.
import { UsageError } from '../errors.js';

/** section name → (key → value) */
export type IniFile = ReadonlyMap<string, ReadonlyMap<string, string>>;

const SECTION = /^\[([^\]]*)\]$/;

export function parseIni(text: string, shownPath: string): IniFile {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let lineNumber = 0;

  function fail(what: string): never {
    throw new UsageError(`${shownPath}, line ${lineNumber}: ${what}`, {
      hint: `Fix ${shownPath}: it holds [section] lines and key = value lines.`,
    });
  }

  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    lineNumber++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;

    const header = SECTION.exec(line);
    if (header) {
      const name = (header[1] as string).trim();
      if (name === '') fail('empty section name');
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }

    const eq = line.indexOf('=');
    if (eq === -1) fail('expected [section] or key = value');
    const key = line.slice(0, eq).trim();
    if (key === '') fail('missing key before =');
    if (current === undefined) fail('key = value before any [section]');
    current.set(key, unquote(line.slice(eq + 1).trim()));
  }
  return sections;
}

function unquote(value: string): string {
  const first = value[0];
  if (value.length >= 2 && (first === '"' || first === "'") && value.endsWith(first)) return value.slice(1, -1);
  return value;
}
