// ESM resolve hook for loadRecorder.mjs; runs on node's loader thread.
import { appendFileSync } from 'node:fs';

let log;

export function initialize(data) {
  log = data.log;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(log, `esm ${specifier} ${result.url}\n`);
  return result;
}
