// The package version, read without loading commander, so `ecsimg --version` stays light
// (SPEC section 6).
import { readFileSync } from 'node:fs';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
