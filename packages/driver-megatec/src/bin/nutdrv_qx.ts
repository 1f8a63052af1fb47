#!/usr/bin/env node
import { runDriverCli } from '@nut-ts/driver-kit';
import { MegatecDriver, MEGATEC_META } from '../index.js';

process.exitCode = await runDriverCli(
  process.argv.slice(2),
  {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  },
  () => new MegatecDriver(),
  MEGATEC_META,
);
