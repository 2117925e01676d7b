#!/usr/bin/env node
// CommonJS on purpose: `ecsimg --version` is answered here, before Node starts its ES module
// loader, which alone costs about as much again as `node -e 0` spends (SPEC section 6; the
// bench: 1.1x node -e 0 instead of 1.4x). Everything else is dist/main.js.
'use strict';
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // as dist/main.js does: a closed pipe ends quietly, any other write error is said in one line
  process.stdout.on('error', (err) => {
    if (err.code !== 'EPIPE') process.stderr.write(`ecsimg: could not write the output: ${err.message}\n`);
    process.exitCode = err.code === 'EPIPE' ? 0 : 1;
  });
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  import('../dist/main.js');
}
