// Runs every test suite, then prints one closing line `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** The test stages: a checks stage counts each check as one test. */
const SUITES = [
  { name: 'unit and integration', config: 'vitest.config.ts' },
  { name: 'end to end', config: 'test-e2e/vitest.config.ts' },
];

const CHECKS = [
  { name: 'typecheck (tsc -b)', args: ['exec', 'tsc', '-b'] },
  { name: 'lint (eslint, type-aware)', args: ['exec', 'eslint', '.'] },
  { name: 'format (prettier --check)', args: ['exec', 'prettier', '--check', '.'] },
];

function readReport(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function runTests({ root, pnpm, log }) {
  const [command, ...baseArgs] = pnpm;
  const outDir = join(root, '.test-results');
  mkdirSync(outDir, { recursive: true });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const check of CHECKS) {
    log(`check: ${check.name}`);
    const result = spawnSync(command, [...baseArgs, ...check.args], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status === 0) passed++;
    else {
      failed++;
      console.error(`[nut-ts] check failed: ${check.name}`);
    }
  }
  for (const suite of SUITES) {
    if (!existsSync(join(root, suite.config))) continue;
    const file = join(outDir, `${suite.name.replace(/\W+/g, '-')}.json`);
    log(`tests: ${suite.name}`);
    const result = spawnSync(
      command,
      [
        ...baseArgs,
        'exec',
        'vitest',
        'run',
        '--config',
        suite.config,
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${file}`,
      ],
      { cwd: root, stdio: 'inherit' },
    );
    const report = readReport(file);
    if (!report) {
      failed++;
      console.error(`[nut-ts] ${suite.name}: no report (exit ${result.status})`);
      continue;
    }
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    if (result.status !== 0 && report.numFailedTests === 0) {
      failed++;
      console.error(
        `[nut-ts] ${suite.name}: vitest exited ${result.status} (a suite failed to load?)`,
      );
    }
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed === 0 ? 0 : 1;
}
