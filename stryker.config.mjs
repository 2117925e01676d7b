// `npm run mutate` (README, Development): Stryker changes one line of a core module at a time
// and runs the tests that cover it; a mutant that no test notices is a gap, unless
// test/MUTANTS.md lists it as changing no behaviour. Pass --mutate <file> to run one file.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/api/paginate.ts',
    'src/api/params.ts',
    'src/api/retry.ts',
    'src/output/csv.ts',
    'src/output/tsv.ts',
    'src/config/credentials.ts',
    'src/api/answers.ts',
    'src/commands/query.ts',
    'src/config/renewing.ts',
    'src/config/sources/*.ts',
    'src/listing/*.ts',
  ],
  // Two cores shared with the test suite's own servers; more runners only thrash.
  concurrency: 2,
  timeoutMS: 10_000,
  // A mutant in top-level code (a regex constant, a table) runs every test, about 1.5 min
  // each here; they are left out and counted as ignored (test/MUTANTS.md).
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  // Our tsconfig has no extends or references to rewrite for the sandbox; naming no file skips
  // that step, which would import typescript from the npx cache where it is not installed.
  tsconfigFile: 'stryker-rewrites-no-tsconfig',
  cleanTempDir: 'always',
};
