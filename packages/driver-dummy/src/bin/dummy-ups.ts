#!/usr/bin/env node
import { runDriverCli } from '@nut-ts/driver-kit';
// Not the package index: that would load the repeater's NUT client for every .dev file.
import { loadDummyDriver } from '../load-driver.js';
import { DUMMY_META } from '../meta.js';

process.exitCode = await runDriverCli(
  process.argv.slice(2),
  {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  },
  loadDummyDriver,
  DUMMY_META,
);
