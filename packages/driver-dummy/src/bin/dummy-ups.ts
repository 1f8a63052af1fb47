#!/usr/bin/env node
import { runDriverCli } from '@nut-ts/driver-kit';
import { createDummyDriver, DUMMY_META } from '../index.js';

process.exitCode = await runDriverCli(
  process.argv.slice(2),
  {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  },
  createDummyDriver,
  DUMMY_META,
);
