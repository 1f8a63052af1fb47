#!/usr/bin/env node
import { runUpsd } from '../cli.js';

process.exitCode = await runUpsd(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
