// The package version as a literal: `ecsimg --version` loads nothing else, and reading
// package.json at startup cost about 4 ms of the 11 it adds to `node -e 0` (SPEC section 6).
// `npm version` rewrites it (scripts/version.js); test/version.test.ts checks both.
export const VERSION = '0.1.0';
