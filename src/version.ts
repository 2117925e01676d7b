// The package version, for commander's --version. (`ecsimg --version` alone never gets
// here: bin/ecsimg.cjs answers it before the ES module loader starts.)
import { readFileSync } from 'node:fs';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
