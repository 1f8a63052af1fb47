#!/usr/bin/env node
// `npm start` and `npm test` for a fresh clone: pnpm, install, build, then run or test.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { ensurePnpm } from './pnpm.mjs';
import { runTests } from './test.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const log = (message) => console.log(`[nut-ts] ${message}`);
process.env.TURBO_TELEMETRY_DISABLED = '1';

function step(title, command, args, options = {}) {
  log(title);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`[nut-ts] failed: ${[command, ...args].join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

const mode = process.argv[2];
const pnpm = ensurePnpm(log);
const [pnpmCommand, ...pnpmArgs] = pnpm;
step('installing dependencies', pnpmCommand, [...pnpmArgs, 'install', '--frozen-lockfile']);
step('building', pnpmCommand, [
  ...pnpmArgs,
  'exec',
  'turbo',
  'run',
  'build',
  '--output-logs=errors-only',
]);

if (mode === 'start') {
  const extra = process.argv.slice(3);
  step('starting nut-sim: a simulated site through a power cut', pnpmCommand, [
    ...pnpmArgs,
    'exec',
    'nut-sim',
    ...extra,
  ]);
} else if (mode === 'test') {
  process.exit(runTests({ root, pnpm, log }));
} else {
  console.error('usage: run.mjs start|test');
  process.exit(2);
}
