#!/usr/bin/env node
import { runSim } from '../cli.js';

const code = await runSim(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  input: process.stdin,
});
process.exitCode = code;
