// Preload (node --import) for the startup weight test: appends every module specifier the
// process resolves to the file named by ECSIMG_LOAD_LOG, one `<kind> <specifier> <resolved>`
// a line. ESM goes through a resolve hook (module.register); CommonJS (createRequire, and
// the requires inside CommonJS packages) through Module._load.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const log = process.env.ECSIMG_LOAD_LOG;
if (log) {
  register('./loadRecorderHooks.mjs', import.meta.url, { data: { log } });
  const load = Module._load;
  Module._load = function recordedLoad(request, parent, isMain) {
    let resolved = '';
    try {
      resolved = Module._resolveFilename(request, parent, isMain);
    } catch {
      // let the real load report the error
    }
    appendFileSync(log, `cjs ${request} ${resolved}\n`);
    return load.apply(this, arguments);
  };
}
